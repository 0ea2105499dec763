package io.drover.runtime.events;

/** An Event write that did not happen; it never reaches the engine. */
final class EventWriteException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int status;

  /**
   * Creates one.
   *
   * @param status the HTTP status the API answered with, or 0 when it could not be reached
   * @param message what went wrong, without the request body
   */
  EventWriteException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** Returns the HTTP status, or 0 when the API could not be reached. */
  int status() {
    return status;
  }

  /** Returns whether the Event is gone (expired by the API server's event TTL). */
  boolean gone() {
    return status == 404;
  }
}
