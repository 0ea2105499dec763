package io.drover.runtime.consumers;

import io.drover.engine.RetryAfter;
import java.time.Duration;

/**
 * The sink may accept the message later: a 5xx, 429 or 408 answer, a timeout or a connection error.
 * The engine pauses the partition and retries; not sooner than the endpoint's {@code Retry-After}.
 */
public final class RetryableSinkException extends SinkException implements RetryAfter {

  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  /** A failure without an answer (a timeout, a connection error). */
  public RetryableSinkException(String message, Throwable cause) {
    this(message, cause, -1, null, null);
  }

  /**
   * A failure with an answer.
   *
   * @param retryAfter what the endpoint's {@code Retry-After} asked for, or null
   */
  public RetryableSinkException(
      String message, Throwable cause, int status, String response, Duration retryAfter) {
    super(message, cause, status, response);
    this.retryAfter = retryAfter;
  }

  @Override
  public Duration retryAfter() {
    return retryAfter;
  }
}
