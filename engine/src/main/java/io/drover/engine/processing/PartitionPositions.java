package io.drover.engine.processing;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;

/**
 * What applying results needs of the Kafka client: moving a partition's fetch position and
 * committing offsets. Processing owns this port and the connection side implements it, so the two
 * packages do not depend on each other in a cycle; a test can implement it in a few lines.
 */
public interface PartitionPositions {

  /** Makes the next fetch of {@code partition} start at {@code offset}. */
  void seek(TopicPartition partition, long offset);

  /** Commits without waiting; {@code callback} runs on the poll thread. */
  void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback);

  /** Commits and waits up to {@code timeout}. */
  void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout);
}
