package io.drover.engine.timetrackers;

import java.time.Duration;

/**
 * Whether one partition is paused, and until when. The poll thread alone uses it, so it needs no
 * locking.
 */
public final class PauseTracker {

  private final MonotonicClock clock;
  private long pausedUntil;
  private boolean paused;
  private Duration current = Duration.ZERO;

  /** Creates a tracker that reads time from {@code clock}. */
  public PauseTracker(MonotonicClock clock) {
    this.clock = clock;
  }

  /** Pauses for {@code duration} from now. */
  public void pause(Duration duration) {
    paused = true;
    current = duration;
    pausedUntil = clock.nanos() + duration.toNanos();
  }

  /** Ends the pause now. */
  public void resume() {
    paused = false;
    current = Duration.ZERO;
  }

  /** Returns whether a pause is in force, expired or not. */
  public boolean paused() {
    return paused;
  }

  /** Returns whether a pause is in force and its time is up. */
  public boolean expired() {
    return paused && clock.nanos() - pausedUntil >= 0;
  }

  /** Returns the time left until the pause expires, or zero when not paused or expired. */
  public Duration remaining() {
    return paused ? Duration.ofNanos(Math.max(0, pausedUntil - clock.nanos())) : Duration.ZERO;
  }

  /** Returns the length of the current pause, or zero when not paused. */
  public Duration current() {
    return current;
  }
}
