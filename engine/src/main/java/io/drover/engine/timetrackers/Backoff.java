package io.drover.engine.timetrackers;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The pause after the n-th consecutive failure of a partition: {@code min(pauseTimeout * 2^(n-1),
 * pauseMaxTimeout)} with exponential back-off, always {@code pauseTimeout} without.
 *
 * <p>Jitter (0 to 1) lengthens a pause by up to that fraction, at random, so that many partitions
 * failing together do not retry in lock step. It never shortens a pause below the computed floor,
 * and never lengthens it past {@code pauseMaxTimeout}.
 *
 * @param pauseTimeout the first pause
 * @param pauseMaxTimeout the cap
 * @param exponential whether each consecutive failure doubles the pause
 * @param jitter the largest random extra, as a fraction of the pause
 * @param random uniform values in [0, 1)
 */
public record Backoff(
    Duration pauseTimeout,
    Duration pauseMaxTimeout,
    boolean exponential,
    double jitter,
    DoubleSupplier random) {

  /** Returns the pause after the given consecutive failure, counted from 1. */
  public Duration pauseAfter(int failure) {
    if (failure < 1) {
      throw new IllegalArgumentException("failures are counted from 1, got " + failure);
    }
    long floor = floorNanos(failure);
    if (jitter == 0 || floor >= pauseMaxTimeout.toNanos()) {
      return Duration.ofNanos(floor);
    }
    long jittered = floor + (long) (floor * jitter * random.getAsDouble());
    return Duration.ofNanos(Math.min(jittered, pauseMaxTimeout.toNanos()));
  }

  private long floorNanos(int failure) {
    long base = pauseTimeout.toNanos();
    long cap = Math.max(base, pauseMaxTimeout.toNanos());
    if (!exponential) {
      return base;
    }
    // Doubling stops at the cap, so large failure counts cannot overflow.
    long pause = base;
    for (int i = 1; i < failure && pause < cap; i++) {
      pause = pause > cap / 2 ? cap : pause * 2;
    }
    return Math.min(pause, cap);
  }
}
