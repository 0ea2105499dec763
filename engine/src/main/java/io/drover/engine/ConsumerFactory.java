package io.drover.engine;

import org.apache.kafka.common.TopicPartition;

/** Creates the consumer instance for a newly assigned topic-partition. */
@FunctionalInterface
public interface ConsumerFactory {

  /** Returns a new consumer for {@code partition}; it lives until the partition is revoked. */
  BaseConsumer create(TopicPartition partition);
}
