package io.drover.engine.timetrackers;

/**
 * A source of monotonic time in nanoseconds. Back-off, liveness and shutdown deadlines take one so
 * that tests can drive them with a manual clock.
 */
@FunctionalInterface
public interface MonotonicClock {

  /** The system's monotonic clock ({@link System#nanoTime()}). */
  MonotonicClock SYSTEM = System::nanoTime;

  /** Returns the current time in nanoseconds; only differences between two calls mean anything. */
  long nanos();
}
