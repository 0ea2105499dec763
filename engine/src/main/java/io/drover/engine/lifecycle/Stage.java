package io.drover.engine.lifecycle;

/** The points of the engine's life that hooks can attach to. */
public enum Stage {
  /** The engine starting: wraps subscribing to the topics. */
  START,
  /** One turn of the poll loop. */
  LOOP,
  /** One call of {@code consume} with one batch, on a worker thread. */
  CONSUME,
  /** The handling of a failed batch: deciding between retry and dead letter. */
  ERROR,
  /** Giving up on a message: writing it to the dead-letter topic. */
  FAILURE,
  /** The graceful stop: draining, {@code shutdown()} calls, the final commit. */
  SHUTDOWN
}
