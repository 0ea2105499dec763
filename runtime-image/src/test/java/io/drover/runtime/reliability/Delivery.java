package io.drover.runtime.reliability;

/**
 * One request the endpoint received.
 *
 * @param partition the record's partition ({@code ce-kafkapartition})
 * @param offset its offset
 * @param key its key
 * @param status what the endpoint answered
 * @param millis when it arrived, wall clock
 */
record Delivery(int partition, long offset, String key, int status, long millis) {
  boolean accepted() {
    return status >= 200 && status < 300;
  }
}
