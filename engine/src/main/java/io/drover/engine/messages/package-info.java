/** Messages and batches as consumers see them. */
package io.drover.engine.messages;
