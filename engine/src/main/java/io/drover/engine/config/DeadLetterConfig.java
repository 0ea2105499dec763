package io.drover.engine.config;

/**
 * Where messages go that cannot be processed.
 *
 * @param topic the dead-letter topic
 * @param maxRetries how many retries a message gets after its first failure before it is sent to
 *     the topic; a message is therefore consumed at most {@code maxRetries + 1} times
 * @param independent when true, the attempt counter restarts whenever a retry gets further than the
 *     failure before it (some messages of the batch were marked), so each message is counted on its
 *     own; when false, consecutive failures of the partition are counted whatever message failed
 */
public record DeadLetterConfig(String topic, int maxRetries, boolean independent) {

  /** The default number of retries before a message is dead-lettered. */
  public static final int DEFAULT_MAX_RETRIES = 3;

  /** Returns a dead-letter policy to {@code topic} with the default retries, not independent. */
  public static DeadLetterConfig to(String topic) {
    return new DeadLetterConfig(topic, DEFAULT_MAX_RETRIES, false);
  }
}
