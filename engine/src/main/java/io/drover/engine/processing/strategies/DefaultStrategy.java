package io.drover.engine.processing.strategies;

/**
 * Without a dead-letter topic, every failure is retried, forever, at the capped pause: a message is
 * never skipped. Non-retryable errors are retried too, as there is nowhere else to put them.
 */
public final class DefaultStrategy implements ErrorStrategy {

  @Override
  public Decision decide(Throwable error, int failures) {
    return Decision.RETRY;
  }
}
