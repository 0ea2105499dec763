package io.drover.engine.timetrackers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A pause expires exactly when its time is up on the injected clock, and not a moment before. */
class PauseTrackerTest {

  private final ManualClock clock = new ManualClock();
  private final PauseTracker pause = new PauseTracker(clock);
  private final Backoff backoff =
      new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), true, 0, () -> 0);

  @Test
  void followsTheScheduleOnTheClock() {
    for (int failure = 1; failure <= 5; failure++) {
      Duration scheduled = backoff.pauseAfter(failure);
      pause.pause(scheduled);

      clock.advance(scheduled.minusNanos(1));
      assertThat(pause.expired()).as("failure %d just before its pause ends", failure).isFalse();
      assertThat(pause.remaining()).isEqualTo(Duration.ofNanos(1));
      clock.advance(Duration.ofNanos(1));
      assertThat(pause.expired()).as("failure %d when its pause ends", failure).isTrue();
      pause.resume();
    }
  }

  @Test
  void resumeEndsThePause() {
    pause.pause(Duration.ofSeconds(5));
    assertThat(pause.paused()).isTrue();

    pause.resume();

    assertThat(pause.paused()).isFalse();
    assertThat(pause.expired()).isFalse();
    assertThat(pause.current()).isZero();
  }

  @Test
  void pollTrackerIsUnhealthyOnlyAfterTheTimeoutAndHealthyWhileDraining() {
    PollTracker tracker = new PollTracker(clock, Duration.ofSeconds(10));
    clock.advance(Duration.ofSeconds(10));
    assertThat(tracker.healthy()).isTrue();

    clock.advance(Duration.ofMillis(1));
    assertThat(tracker.healthy()).isFalse();

    tracker.draining();
    assertThat(tracker.healthy()).isTrue();
  }
}
