package io.drover.engine;

import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;
import io.drover.engine.processing.PartitionContext;
import java.time.Duration;

/**
 * What users extend to consume a topic-partition.
 *
 * <p>One instance serves one assigned topic-partition for the whole assignment, so it may keep
 * state from batch to batch. The engine never calls an instance concurrently with itself; different
 * partitions run in parallel on the worker pool.
 *
 * <p>When {@link #consume} returns normally, the whole batch is marked as consumed. When it throws,
 * the partition alone is paused with back-off and the batch is delivered again from the first
 * message not marked with {@link #markAsConsumed}; nothing is skipped unless a dead-letter policy
 * says so. Errors in {@link #revoked}, {@link #shutdown} and {@link #tick} are reported and never
 * retried.
 */
public abstract class BaseConsumer {

  private PartitionContext context;

  /**
   * Processes a batch of consecutive messages of this partition.
   *
   * @throws Exception to have the batch retried from its first unmarked message after a pause
   */
  public abstract void consume(Messages messages) throws Exception;

  /** Called once when the partition is taken away from this process, before its final commit. */
  public void revoked() throws Exception {}

  /** Called once when the engine stops gracefully, after the last batch and before the commit. */
  public void shutdown() throws Exception {}

  /** Called periodically while the partition is assigned and idle. */
  public void tick() throws Exception {}

  /**
   * Marks {@code message} and every earlier message of this partition as consumed.
   *
   * @throws IllegalArgumentException if {@code message} belongs to another partition: its offset
   *     means nothing here, and committing it would skip or repeat messages of this one
   */
  public final void markAsConsumed(Message message) {
    if (!message.topic().equals(topic()) || message.partition() != partition()) {
      throw new IllegalArgumentException(
          "cannot mark a message of "
              + message.topic()
              + "-"
              + message.partition()
              + " as consumed by the consumer of "
              + context().partition());
    }
    context().mark(message.offset() + 1);
  }

  /** Returns whether this batch is a retry after a failure. */
  public final boolean retrying() {
    return attempt() > 1;
  }

  /** Returns the attempt of the current batch, from 1; it resets after a successful batch. */
  public final int attempt() {
    return context().attempt();
  }

  /** Returns the topic this consumer serves. */
  public final String topic() {
    return context().partition().topic();
  }

  /** Returns the partition this consumer serves. */
  public final int partition() {
    return context().partition().partition();
  }

  /**
   * Pauses this partition for {@code timeout} once the current call returns; fetching resumes at
   * the first message not marked as consumed.
   */
  public final void pause(Duration timeout) {
    context().requestPause(-1, timeout);
  }

  /**
   * Pauses this partition for {@code timeout} once the current call returns; fetching resumes at
   * {@code offset}.
   */
  public final void pause(long offset, Duration timeout) {
    context().requestPause(offset, timeout);
  }

  /** Ends a pause this consumer asked for, once the current call returns. */
  public final void resume() {
    context().requestResume();
  }

  /**
   * Binds this consumer to its partition. The engine calls it once, before any other call; user
   * code never needs to.
   */
  public final void attach(PartitionContext partitionContext) {
    if (context != null) {
      throw new IllegalStateException("consumer already serves " + context.partition());
    }
    context = partitionContext;
  }

  private PartitionContext context() {
    if (context == null) {
      throw new IllegalStateException("consumer is not attached to a partition yet");
    }
    return context;
  }
}
