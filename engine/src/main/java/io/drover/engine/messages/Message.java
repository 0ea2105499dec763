package io.drover.engine.messages;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * One Kafka message as the consumer sees it: raw key and value bytes, headers and coordinates. The
 * engine never deserializes; the consumer decides what the bytes mean, so a malformed message fails
 * in {@code consume}, where the error policy applies, and never in the poll loop.
 */
public final class Message {

  private final ConsumerRecord<byte[], byte[]> record;

  /** Wraps a record the engine has fetched. */
  public Message(ConsumerRecord<byte[], byte[]> record) {
    this.record = record;
  }

  /** Returns the topic. */
  public String topic() {
    return record.topic();
  }

  /** Returns the partition. */
  public int partition() {
    return record.partition();
  }

  /** Returns the offset. */
  public long offset() {
    return record.offset();
  }

  /** Returns the record timestamp in milliseconds since the epoch. */
  public long timestamp() {
    return record.timestamp();
  }

  /** Returns the key bytes, or null. */
  public byte[] key() {
    return record.key();
  }

  /** Returns the value bytes, or null for a tombstone. */
  public byte[] value() {
    return record.value();
  }

  /** Returns the key decoded as UTF-8, or null. */
  public String keyAsString() {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  /** Returns the value decoded as UTF-8, or null. */
  public String valueAsString() {
    return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
  }

  /** Returns the headers. */
  public Headers headers() {
    return record.headers();
  }

  /** Returns the underlying Kafka record. */
  public ConsumerRecord<byte[], byte[]> record() {
    return record;
  }

  /** Describes the coordinates, never the payload, so it is safe to log. */
  @Override
  public String toString() {
    return topic() + "-" + partition() + "@" + offset();
  }
}
