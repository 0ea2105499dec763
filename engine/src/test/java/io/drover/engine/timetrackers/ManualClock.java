package io.drover.engine.timetrackers;

import java.time.Duration;

/** A clock that moves only when the test says so. */
public final class ManualClock implements MonotonicClock {

  private long nanos = 1_000_000_000L;

  @Override
  public long nanos() {
    return nanos;
  }

  /** Moves the clock forward. */
  public void advance(Duration duration) {
    nanos += duration.toNanos();
  }
}
