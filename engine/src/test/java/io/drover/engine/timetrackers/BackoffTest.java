package io.drover.engine.timetrackers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pause after the n-th consecutive failure is min(pauseTimeout * 2^(n-1), pauseMaxTimeout). */
class BackoffTest {

  private static Backoff backoff(boolean exponential, double jitter, double random) {
    return new Backoff(
        Duration.ofSeconds(1), Duration.ofSeconds(30), exponential, jitter, () -> random);
  }

  @Test
  void doublesFromPauseTimeoutUpToTheCap() {
    Backoff backoff = backoff(true, 0, 0);

    assertThat(IntStream.rangeClosed(1, 8).mapToObj(backoff::pauseAfter))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30),
            Duration.ofSeconds(30));
  }

  @Test
  void staysAtTheCapForHugeFailureCountsWithoutOverflow() {
    assertThat(backoff(true, 0, 0).pauseAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void isConstantWithoutExponentialBackoff() {
    Backoff backoff = backoff(false, 0, 0);

    assertThat(backoff.pauseAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.pauseAfter(10)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void jitterLengthensButNeverShortensAndNeverPassesTheCap() {
    assertThat(backoff(true, 0.5, 0.0).pauseAfter(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff(true, 0.5, 0.5).pauseAfter(3)).isEqualTo(Duration.ofSeconds(5));
    // 16 s plus up to 100 % would pass the 30 s cap: the cap wins.
    assertThat(backoff(true, 1.0, 0.999).pauseAfter(5)).isEqualTo(Duration.ofSeconds(30));
    // At the cap there is no room for jitter.
    assertThat(backoff(true, 0.5, 0.999).pauseAfter(6)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void failuresAreCountedFromOne() {
    assertThatThrownBy(() -> backoff(true, 0, 0).pauseAfter(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
