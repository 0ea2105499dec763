package io.drover.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * kafka-clients' MockConsumer that remembers every offset committed (sync or async) and the timeout
 * of its close, which MockConsumer itself no longer answers for once closed.
 */
class RecordingConsumer extends MockConsumer<byte[], byte[]> {

  private final Map<TopicPartition, OffsetAndMetadata> commits = new ConcurrentHashMap<>();
  private final AtomicReference<Duration> closeTimeout = new AtomicReference<>();

  RecordingConsumer() {
    super(AutoOffsetResetStrategy.EARLIEST.name());
  }

  /** At the next poll, assigns {@code partition} alone, with one record at offset 0. */
  void assignWithOneRecord(TopicPartition partition, String value) {
    schedulePollTask(
        () -> {
          rebalance(List.of(partition));
          updateBeginningOffsets(Map.of(partition, 0L));
          addRecord(
              new ConsumerRecord<>(
                  partition.topic(), partition.partition(), 0L, null, value.getBytes()));
        });
  }

  /** The latest offset committed per partition. */
  Map<TopicPartition, OffsetAndMetadata> commits() {
    return commits;
  }

  /** The timeout the consumer was closed with, or null while open. */
  Duration closeTimeout() {
    return closeTimeout.get();
  }

  @Override
  public synchronized void commitSync(
      Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
    super.commitSync(offsets, timeout);
    commits.putAll(offsets);
  }

  @Override
  public synchronized void commitAsync(
      Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
    super.commitAsync(offsets, callback);
    commits.putAll(offsets);
  }

  @Override
  @SuppressWarnings("deprecation") // the engine's Client calls close(Duration)
  public synchronized void close(Duration timeout) {
    closeTimeout.set(timeout);
    super.close(timeout);
  }
}
