package io.drover.engine.processing;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;

/** Tells a dead-letter write that can never succeed as it is from one that may work next time. */
final class Undeliverable {

  private Undeliverable() {}

  /**
   * Whether the write failed in a way retrying cannot fix: a Kafka error that Kafka itself does not
   * call retriable (a record over {@code max.request.size}, an invalid topic, a denied write).
   */
  static boolean isPermanent(Throwable failure) {
    return failure instanceof KafkaException && !(failure instanceof RetriableException);
  }
}
