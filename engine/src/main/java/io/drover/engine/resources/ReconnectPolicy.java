package io.drover.engine.resources;

import java.time.Duration;

/**
 * How hard a resource tries to reconnect before it gives up and fails the call.
 *
 * @param maxAttempts connection attempts after a connection error, at least 1
 * @param backoff the wait before the first attempt; it doubles for each further attempt
 */
public record ReconnectPolicy(int maxAttempts, Duration backoff) {

  /** Three attempts, 100 ms apart at first. */
  public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(3, Duration.ofMillis(100));

  /** Checks the policy. */
  public ReconnectPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }
    if (backoff.isNegative()) {
      throw new IllegalArgumentException("backoff must not be negative, got " + backoff);
    }
  }

  /** Returns the wait before connection attempt {@code attempt} (from 1). */
  public Duration waitBefore(int attempt) {
    return backoff.multipliedBy(1L << Math.min(attempt - 1, 20));
  }
}
