package io.drover.engine.processing;

import io.drover.engine.config.EngineConfig;
import io.drover.engine.processing.strategies.Decision;
import io.drover.engine.processing.strategies.ErrorStrategy;
import io.drover.engine.timetrackers.Backoff;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Everything the configuration says about failures, in one object: how long to pause after the n-th
 * failure, when to give up on a message (dead letter, non-retryable errors), and whether progress
 * since the previous failure restarts the count.
 */
public final class ErrorPolicy {

  private final Backoff backoff;
  private final ErrorStrategy strategy;
  private final boolean independentAttempts;

  /** Creates the policy from its parts. */
  public ErrorPolicy(Backoff backoff, ErrorStrategy strategy, boolean independentAttempts) {
    this.backoff = backoff;
    this.strategy = strategy;
    this.independentAttempts = independentAttempts;
  }

  /** Returns the policy {@code config} describes; {@code random} draws the jitter. */
  public static ErrorPolicy from(EngineConfig config, DoubleSupplier random) {
    return new ErrorPolicy(
        new Backoff(
            config.pauseTimeout(),
            config.pauseMaxTimeout(),
            config.exponentialBackoff(),
            config.jitter(),
            random),
        ErrorStrategy.from(config),
        config.deadLetterPolicy().map(dlq -> dlq.independent()).orElse(false));
  }

  /** Returns the pause after the {@code failures}-th consecutive failure. */
  public Duration pauseAfter(int failures) {
    return backoff.pauseAfter(failures);
  }

  /** Decides what to do after a failure; see {@link ErrorStrategy#decide}. */
  public Decision decide(Throwable error, int failures) {
    return strategy.decide(error, failures);
  }

  /** Returns whether progress since the previous failure restarts the count. */
  public boolean independentAttempts() {
    return independentAttempts;
  }
}
