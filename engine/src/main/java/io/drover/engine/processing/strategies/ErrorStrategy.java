package io.drover.engine.processing.strategies;

import io.drover.engine.config.EngineConfig;

/** Decides what happens to a batch whose {@code consume} threw. */
@FunctionalInterface
public interface ErrorStrategy {

  /**
   * Decides for one failure.
   *
   * @param error what {@code consume} threw
   * @param failures the consecutive failures so far, this one included (from 1)
   */
  Decision decide(Throwable error, int failures);

  /** Returns the strategy the configuration asks for. */
  static ErrorStrategy from(EngineConfig config) {
    return config
        .deadLetterPolicy()
        .<ErrorStrategy>map(
            dlq -> new DeadLetterStrategy(dlq.maxRetries(), config.nonRetryableErrors()))
        .orElseGet(DefaultStrategy::new);
  }
}
