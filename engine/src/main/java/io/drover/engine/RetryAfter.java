package io.drover.engine;

import java.time.Duration;

/**
 * An exception thrown from {@code consume} that knows when trying again can work, as an HTTP
 * endpoint says with {@code Retry-After}. The partition's next pause is then at least that long
 * (never shorter than its back-off), up to {@link #MAX}.
 */
public interface RetryAfter {

  /** The longest pause a {@code RetryAfter} may ask for; a larger value is cut to this. */
  Duration MAX = Duration.ofMinutes(15);

  /** How long to wait before the next attempt. */
  Duration retryAfter();

  /**
   * Returns the wait asked for by {@code error} or one of its causes (the first that asks), capped
   * at {@link #MAX}; zero when none asks.
   */
  static Duration askedBy(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof RetryAfter asking && asking.retryAfter() != null) {
        Duration wait = asking.retryAfter();
        if (wait.isNegative()) {
          return Duration.ZERO;
        }
        return wait.compareTo(MAX) > 0 ? MAX : wait;
      }
    }
    return Duration.ZERO;
  }
}
