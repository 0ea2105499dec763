package io.drover.engine.timetrackers;

import java.time.Duration;

/**
 * Liveness of the poll loop: when it last turned. Like Karafka's liveness listener, it reports
 * unhealthy when the loop has not turned within the timeout, and healthy during a graceful drain,
 * when the loop is expected to wait on in-flight work. A rebalance callback may also hold the loop
 * inside one poll, waiting (bounded) for in-flight batches and a commit; that wait counts as alive
 * for as long as its bound, and the liveness timeout starts after it.
 */
public final class PollTracker {

  private final MonotonicClock clock;
  private final Duration timeout;
  private volatile long lastTurn;
  private volatile boolean draining;
  private volatile long waitEndsAt;
  private volatile boolean waiting;

  /** Creates a tracker that treats a loop silent for longer than {@code timeout} as stuck. */
  public PollTracker(MonotonicClock clock, Duration timeout) {
    this.clock = clock;
    this.timeout = timeout;
    this.lastTurn = clock.nanos();
  }

  /** Records one turn of the poll loop. */
  public void turned() {
    lastTurn = clock.nanos();
  }

  /** Records that a graceful shutdown has begun. */
  public void draining() {
    draining = true;
  }

  /** Records that the loop waits, at most {@code bound}, on work it may not leave. */
  public void waitingUpTo(Duration bound) {
    waitEndsAt = clock.nanos() + bound.toNanos();
    waiting = true;
  }

  /** Records that the wait announced by {@link #waitingUpTo} is over. */
  public void waitOver() {
    waiting = false;
    lastTurn = clock.nanos();
  }

  /** Returns the time since the loop last turned. */
  public Duration sinceLastTurn() {
    return Duration.ofNanos(clock.nanos() - lastTurn);
  }

  /** Returns whether the loop counts as alive. */
  public boolean healthy() {
    if (draining) {
      return true;
    }
    if (waiting) {
      return clock.nanos() - waitEndsAt <= timeout.toNanos();
    }
    return sinceLastTurn().compareTo(timeout) <= 0;
  }
}
