package io.drover.engine;

/** How a stop ended. The runtime turns it into the process exit code. */
public enum ShutdownOutcome {
  /** Every in-flight batch finished, consumers were shut down and offsets committed in time. */
  CLEAN,
  /** The stop took longer than {@code shutdownTimeout} and was forced; offsets may be behind. */
  TIMED_OUT,
  /**
   * The loop ended without being asked to: the start failed (subscribing, a START hook) or a fatal
   * error (out of memory) ended it. It shut down as a stop does, committing what it could.
   */
  FAILED
}
