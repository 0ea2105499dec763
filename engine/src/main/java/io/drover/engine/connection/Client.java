package io.drover.engine.connection;

import io.drover.engine.processing.PartitionPositions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The only user of the Kafka consumer. Every method but {@link #wakeup()} runs on the poll thread.
 *
 * <p>Workers call {@link #wakeup()} when a job ends so that a poll blocked on paused partitions
 * returns at once and the partition is resumed without waiting out the poll timeout. A wakeup can
 * land just after the poll it was meant for; Kafka then throws {@link WakeupException} from the
 * next blocking call instead, so every blocking call here absorbs it and carries on.
 */
public final class Client implements PartitionPositions, AutoCloseable {

  private static final ConsumerRecords<byte[], byte[]> NO_RECORDS = ConsumerRecords.empty();

  private final Consumer<byte[], byte[]> consumer;
  private final AtomicBoolean polling = new AtomicBoolean();
  private final AtomicBoolean wakeupRequested = new AtomicBoolean();

  /** Wraps a Kafka consumer that this client will own. */
  public Client(Consumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  /** Returns the Kafka consumer, for binding client metrics; do not call it directly. */
  public Consumer<byte[], byte[]> kafkaConsumer() {
    return consumer;
  }

  /** Subscribes to the topics. */
  public void subscribe(List<String> topics, ConsumerRebalanceListener listener) {
    consumer.subscribe(topics, listener);
  }

  /** Polls for records; a wakeup ends the wait early with no records. */
  public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
    polling.set(true);
    // A wakeup that came after the loop last looked at its results, but before it started to
    // poll, is seen here: poll without waiting. One that comes later finds polling set.
    Duration wait = wakeupRequested.getAndSet(false) ? Duration.ZERO : timeout;
    try {
      return consumer.poll(wait);
    } catch (WakeupException e) {
      return NO_RECORDS;
    } finally {
      polling.set(false);
    }
  }

  /** Ends a poll in progress early, or makes the next one return at once. Safe from any thread. */
  public void wakeup() {
    wakeupRequested.set(true);
    if (polling.get()) {
      consumer.wakeup();
    }
  }

  /** Stops fetching {@code partition}. */
  public void pause(TopicPartition partition) {
    consumer.pause(Set.of(partition));
  }

  /** Fetches {@code partition} again. */
  public void resume(TopicPartition partition) {
    consumer.resume(Set.of(partition));
  }

  @Override
  public void seek(TopicPartition partition, long offset) {
    consumer.seek(partition, offset);
  }

  /**
   * Returns the committed offsets (with metadata) of the partitions that have one, waiting up to
   * {@code timeout}.
   */
  public Map<TopicPartition, OffsetAndMetadata> committed(
      Set<TopicPartition> partitions, Duration timeout) {
    return absorbingWakeups(() -> consumer.committed(partitions, timeout));
  }

  @Override
  public void commitAsync(
      Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
    consumer.commitAsync(offsets, callback);
  }

  @Override
  public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
    absorbingWakeups(
        () -> {
          consumer.commitSync(offsets, timeout);
          return null;
        });
  }

  /** Leaves the group and closes, waiting up to {@code timeout}. */
  public void close(Duration timeout) {
    absorbingWakeups(
        () -> {
          consumer.close(timeout);
          return null;
        });
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }

  private static <T> T absorbingWakeups(Supplier<T> call) {
    // A stray wakeup fires at most once, so the second try cannot meet it again unless a worker
    // sent a new one, which is rare and just as harmless.
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (WakeupException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }
}
