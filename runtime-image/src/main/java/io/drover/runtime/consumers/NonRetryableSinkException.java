package io.drover.runtime.consumers;

/**
 * The sink refused the message for good: a 4xx answer other than 408 and 429, or a redirect it may
 * not follow. With a dead-letter topic the message goes there on its first failure.
 */
public final class NonRetryableSinkException extends SinkException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public NonRetryableSinkException(String message, int status, String response) {
    super(message, null, status, response);
  }
}
