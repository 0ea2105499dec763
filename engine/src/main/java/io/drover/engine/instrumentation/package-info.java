/**
 * The monitor (one instrumentation bus), its closed list of events and error types, and the logging
 * and Micrometer listeners.
 */
package io.drover.engine.instrumentation;
