package io.drover.engine.dlq;

/**
 * The headers a dead-lettered record carries on top of the original's. Values are UTF-8 text; the
 * numbers are decimal.
 */
public final class DeadLetterHeaders {

  /** The topic the message came from. */
  public static final String ORIGINAL_TOPIC = "drover-original-topic";

  /** The partition the message came from. */
  public static final String ORIGINAL_PARTITION = "drover-original-partition";

  /** The offset of the message in its original partition. */
  public static final String ORIGINAL_OFFSET = "drover-original-offset";

  /** The original record timestamp, in milliseconds since the epoch. */
  public static final String ORIGINAL_TIMESTAMP = "drover-original-timestamp";

  /** The consumer group that gave up on the message. */
  public static final String CONSUMER_GROUP = "drover-consumer-group";

  /** The class of the last error. */
  public static final String EXCEPTION_CLASS = "drover-exception-class";

  /** The message of the last error, cut to {@link #MAX_EXCEPTION_MESSAGE} characters. */
  public static final String EXCEPTION_MESSAGE = "drover-exception-message";

  /**
   * The attempt count when the message was given up: the partition's consecutive failures, or, with
   * {@code independent}, this message's own.
   */
  public static final String ATTEMPTS = "drover-attempts";

  /** The longest exception message kept, in characters. */
  public static final int MAX_EXCEPTION_MESSAGE = 1000;

  private DeadLetterHeaders() {}
}
