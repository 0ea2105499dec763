package io.drover.runtime.config;

/**
 * One problem in the runtime configuration.
 *
 * @param path where, for example {@code errorHandling.deadLetter.topic}
 * @param message what is wrong, in words a person can act on
 */
public record Violation(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
