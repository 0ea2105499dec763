package io.drover.engine.processing.strategies;

import java.util.List;
import java.util.Set;

/**
 * With a dead-letter topic: retry up to {@code maxRetries} times after the first failure, then
 * dead-letter. An error whose class, or any superclass, or the class of any cause, is listed as
 * non-retryable is dead-lettered on its first failure.
 */
public final class DeadLetterStrategy implements ErrorStrategy {

  private final int maxRetries;
  private final Set<String> nonRetryable;

  /** Creates the strategy. */
  public DeadLetterStrategy(int maxRetries, List<String> nonRetryableClassNames) {
    this.maxRetries = maxRetries;
    this.nonRetryable = Set.copyOf(nonRetryableClassNames);
  }

  @Override
  public Decision decide(Throwable error, int failures) {
    if (failures > maxRetries || isNonRetryable(error)) {
      return Decision.DEAD_LETTER;
    }
    return Decision.RETRY;
  }

  private boolean isNonRetryable(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      for (Class<?> type = e.getClass(); type != null; type = type.getSuperclass()) {
        if (nonRetryable.contains(type.getName())) {
          return true;
        }
      }
    }
    return false;
  }
}
