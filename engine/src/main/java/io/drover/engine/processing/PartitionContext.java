package io.drover.engine.processing;

import java.time.Duration;
import org.apache.kafka.common.TopicPartition;

/** What a consumer may see and ask of the engine for its own partition. */
public interface PartitionContext {

  /** Returns the partition. */
  TopicPartition partition();

  /** Returns the attempt of the current batch, from 1. */
  int attempt();

  /** Marks every offset before {@code nextOffset} as consumed. */
  void mark(long nextOffset);

  /** Asks for a pause once the current call returns; {@code offset} -1 means the first unmarked. */
  void requestPause(long offset, Duration timeout);

  /** Asks to end a requested pause once the current call returns. */
  void requestResume();
}
