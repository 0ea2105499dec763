package io.drover.runtime;

/** The runtime's exit codes, documented in {@code docs/runtime.md}. */
public enum ExitCode {
  /** Stopped gracefully within the shutdown timeout; offsets are committed. */
  OK(0),
  /** Could not start: the configuration is invalid, or the consumer or the port is unusable. */
  START_FAILED(1),
  /** A stop took longer than the shutdown timeout and was forced; some offsets may be behind. */
  SHUTDOWN_TIMED_OUT(2),
  /** The engine stopped without being asked to (it could not subscribe). */
  ENGINE_STOPPED(3);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  /** Returns the process exit status. */
  public int code() {
    return code;
  }
}
