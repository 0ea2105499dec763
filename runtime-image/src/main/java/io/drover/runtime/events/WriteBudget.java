package io.drover.runtime.events;

import io.drover.engine.timetrackers.MonotonicClock;
import java.time.Duration;

/**
 * A token bucket for Event writes, one per pod, in the spirit of client-go's event spam filter: a
 * burst of writes, then one more per refill interval. Occurrences are still counted while it is
 * empty; the next write carries the whole count.
 */
final class WriteBudget {

  private final MonotonicClock clock;
  private final int burst;
  private final long refillNanos;
  private int tokens;
  private long lastRefill;

  WriteBudget(MonotonicClock clock, int burst, Duration refillInterval) {
    if (burst < 1 || refillInterval.isNegative() || refillInterval.isZero()) {
      throw new IllegalArgumentException("burst must be ≥ 1 and the refill interval positive");
    }
    this.clock = clock;
    this.burst = burst;
    this.refillNanos = refillInterval.toNanos();
    this.tokens = burst;
    this.lastRefill = clock.nanos();
  }

  /** Takes one write from the budget; false when it is spent. */
  boolean tryTake() {
    long now = clock.nanos();
    long earned = (now - lastRefill) / refillNanos;
    if (earned > 0) {
      tokens = (int) Math.min(burst, tokens + earned);
      lastRefill += earned * refillNanos;
    }
    if (tokens == 0) {
      return false;
    }
    tokens--;
    return true;
  }
}
