package io.drover.engine.processing.strategies;

/** What to do with a failed batch. */
public enum Decision {
  /** Pause the partition with back-off, then consume again from the seek offset. */
  RETRY,
  /** Write the message at the seek offset to the dead-letter topic and go on after it. */
  DEAD_LETTER
}
