package io.drover.runtime.consumers;

/**
 * The sink rejected the message itself: a 4xx answer other than 429. With a dead-letter topic the
 * message goes there at once; without one it is retried like any error, never skipped.
 */
public final class NonRetryableSinkException extends SinkException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public NonRetryableSinkException(String message) {
    super(message, null);
  }
}
