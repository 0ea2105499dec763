package io.drover.engine.resources;

/**
 * A resource lost its connection and could not, or must not, get it back for this call. Thrown from
 * {@code consume}, it fails the batch, and the engine retries the batch after its back-off.
 */
public final class ResourceUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public ResourceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
