package io.drover.runtime.consumers;

/** The HTTP sink did not accept a message. */
public class SinkException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public SinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
