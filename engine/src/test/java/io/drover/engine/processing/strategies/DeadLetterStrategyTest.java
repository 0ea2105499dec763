package io.drover.engine.processing.strategies;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dead-letter after maxRetries retries, or at once for non-retryable errors; default never skips.
 */
class DeadLetterStrategyTest {

  private final DeadLetterStrategy strategy =
      new DeadLetterStrategy(3, List.of("java.lang.IllegalArgumentException"));

  @Test
  void retriesMaxRetriesTimesThenDeadLetters() {
    assertThat(strategy.decide(new RuntimeException(), 1)).isEqualTo(Decision.RETRY);
    assertThat(strategy.decide(new RuntimeException(), 3)).isEqualTo(Decision.RETRY);
    assertThat(strategy.decide(new RuntimeException(), 4)).isEqualTo(Decision.DEAD_LETTER);
  }

  @Test
  void nonRetryableErrorsMatchBySubclassAndByCause() {
    assertThat(strategy.decide(new NumberFormatException(), 1)).isEqualTo(Decision.DEAD_LETTER);
    assertThat(strategy.decide(new RuntimeException("wrapped", new IllegalArgumentException()), 1))
        .isEqualTo(Decision.DEAD_LETTER);
    assertThat(strategy.decide(new UncheckedIOException(new java.io.IOException()), 1))
        .isEqualTo(Decision.RETRY);
  }

  @Test
  void withoutADeadLetterTopicEveryFailureIsRetried() {
    DefaultStrategy fallback = new DefaultStrategy();

    assertThat(fallback.decide(new IllegalArgumentException(), 1_000)).isEqualTo(Decision.RETRY);
  }
}
