package io.drover.engine.it;

/**
 * One message handed to a consumer.
 *
 * @param partition its partition
 * @param offset its offset
 * @param value its value as text
 * @param attempt the consumer's attempt() at the time
 * @param nanos when it was handed over ({@link System#nanoTime()})
 */
record Delivery(int partition, long offset, String value, int attempt, long nanos) {}
