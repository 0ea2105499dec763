package io.drover.runtime.config;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** The runtime configuration cannot be used; it lists every problem found, with its path. */
public final class InvalidRuntimeConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /** Creates the exception for the file at {@code file}. */
  public InvalidRuntimeConfigException(Path file, List<Violation> violations) {
    super(
        "invalid runtime configuration "
            + file
            + ":\n"
            + violations.stream().map(v -> "  - " + v).collect(Collectors.joining("\n")));
    this.violations = List.copyOf(violations);
  }

  /** Returns every violation. */
  public List<Violation> violations() {
    return violations;
  }
}
