package io.drover.engine.lifecycle;

import io.drover.engine.messages.Messages;
import org.apache.kafka.common.TopicPartition;

/**
 * What a hook is told. Fields that do not apply to a stage are null (or 0).
 *
 * @param stage the stage
 * @param partition the partition, for CONSUME, ERROR and FAILURE
 * @param messages the batch, for CONSUME, ERROR and FAILURE
 * @param error the error, for ERROR and FAILURE
 * @param attempt the attempt (from 1), for CONSUME, ERROR and FAILURE
 */
public record HookContext(
    Stage stage, TopicPartition partition, Messages messages, Throwable error, int attempt) {

  /** Returns a context that carries only the stage. */
  public static HookContext of(Stage stage) {
    return new HookContext(stage, null, null, null, 0);
  }
}
