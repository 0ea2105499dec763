/**
 * Writing given-up messages to the dead-letter topic, with headers that say where they came from.
 */
package io.drover.engine.dlq;
