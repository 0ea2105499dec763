package io.drover.runtime.consumers;

/** The configured consumer cannot be loaded; the message says why. */
public final class ConsumerLoadException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ConsumerLoadException(String message) {
    super(message);
  }
}
