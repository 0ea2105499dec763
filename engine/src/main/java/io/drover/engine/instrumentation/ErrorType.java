package io.drover.engine.instrumentation;

/** Where an error published as {@code error.occurred} happened. */
public enum ErrorType {
  /** {@code consume} threw; the batch is retried after a pause, or dead-lettered. */
  CONSUMER_CONSUME("consumer.consume.error"),
  /** The consumer factory threw for a newly assigned partition; the partition stays paused. */
  CONSUMER_CREATE("consumer.create.error"),
  /** {@code revoked} threw; reported, never retried. */
  CONSUMER_REVOKED("consumer.revoked.error"),
  /** {@code shutdown} threw; reported, never retried. */
  CONSUMER_SHUTDOWN("consumer.shutdown.error"),
  /** {@code tick} threw; reported, never retried. */
  CONSUMER_TICK("consumer.tick.error"),
  /** Writing to the dead-letter topic failed; the write is retried, the message not skipped. */
  DEAD_LETTER_DISPATCH("consumer.dead_letter.error"),
  /**
   * The dead-letter topic refused the message for good (too large, no such topic, not authorized):
   * the partition stays paused on it, retrying the write, until someone acts.
   */
  DEAD_LETTER_UNDELIVERABLE("consumer.dead_letter.undeliverable"),
  /** Polling Kafka failed. */
  CONNECTION_POLL("connection.client.poll.error"),
  /**
   * Reading the committed offsets of newly assigned partitions failed; they stay paused and the
   * read is retried, so no partition starts without its offset and failure count.
   */
  CONNECTION_COMMITTED("connection.client.committed.error"),
  /** Committing offsets failed; they are committed again later. */
  CONNECTION_COMMIT("connection.client.commit.error"),
  /** A managed resource could not reconnect within its attempts. */
  RESOURCE_RECONNECT("resource.reconnect.error"),
  /** A stop took longer than the shutdown timeout. */
  APP_SHUTDOWN("app.shutdown.error");

  private final String id;

  ErrorType(String id) {
    this.id = id;
  }

  /** Returns the dotted name, as carried in metrics and logs. */
  public String id() {
    return id;
  }

  @Override
  public String toString() {
    return id;
  }
}
