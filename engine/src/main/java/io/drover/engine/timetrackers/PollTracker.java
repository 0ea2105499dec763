package io.drover.engine.timetrackers;

import java.time.Duration;

/**
 * Liveness of the poll loop: when it last turned. Like Karafka's liveness listener, it reports
 * unhealthy when the loop has not turned within the timeout, and healthy during a graceful drain,
 * when the loop is expected to wait on in-flight work.
 */
public final class PollTracker {

  private final MonotonicClock clock;
  private final Duration timeout;
  private volatile long lastTurn;
  private volatile boolean draining;

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

  /** Returns the time since the loop last turned. */
  public Duration sinceLastTurn() {
    return Duration.ofNanos(clock.nanos() - lastTurn);
  }

  /** Returns whether the loop counts as alive. */
  public boolean healthy() {
    return draining || sinceLastTurn().compareTo(timeout) <= 0;
  }
}
