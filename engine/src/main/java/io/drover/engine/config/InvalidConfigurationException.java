package io.drover.engine.config;

import java.util.List;
import java.util.stream.Collectors;

/** Thrown when a configuration breaks its contract; it carries every violation, not the first. */
public final class InvalidConfigurationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  /** Creates the exception from a non-empty list of violations. */
  public InvalidConfigurationException(List<Violation> violations) {
    super(
        "invalid configuration:\n"
            + violations.stream().map(v -> "  - " + v).collect(Collectors.joining("\n")));
    this.violations = List.copyOf(violations);
  }

  /** Returns every violation found. */
  public List<Violation> violations() {
    return violations;
  }
}
