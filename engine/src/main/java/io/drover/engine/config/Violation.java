package io.drover.engine.config;

/**
 * One thing wrong with a configuration.
 *
 * @param path where it is, for example {@code deadLetter.topic}
 * @param message what is wrong with it, in words a person can act on
 */
public record Violation(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }
}
