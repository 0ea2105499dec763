package io.drover.runtime.consumers;

/**
 * The sink may accept the message later: a 5xx or 429 answer, a timeout or a connection error. The
 * engine pauses the partition and retries.
 */
public final class RetryableSinkException extends SinkException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public RetryableSinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
