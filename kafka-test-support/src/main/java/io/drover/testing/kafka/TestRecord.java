package io.drover.testing.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record a test wants produced: a key, a value, headers and, optionally, a chosen partition.
 *
 * @param key the record key, or null
 * @param value the record value as UTF-8 text, or null for a tombstone
 * @param partition the partition to write to, or null to let the partitioner choose by key
 * @param headers header names and UTF-8 values, in order
 */
public record TestRecord(String key, String value, Integer partition, Map<String, String> headers) {

  /** Creates a record, copying the headers and keeping their order. */
  public TestRecord {
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** Returns a record with a key and a value, partitioned by key. */
  public static TestRecord of(String key, String value) {
    return new TestRecord(key, value, null, Map.of());
  }

  /** Returns this record, sent to the given partition. */
  public TestRecord toPartition(int chosenPartition) {
    return new TestRecord(key, value, chosenPartition, headers);
  }

  /** Returns this record with one more header. */
  public TestRecord withHeader(String name, String headerValue) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, headerValue);
    return new TestRecord(key, value, partition, more);
  }
}
