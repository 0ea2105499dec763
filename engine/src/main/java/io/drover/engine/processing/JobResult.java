package io.drover.engine.processing;

import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;
import java.time.Duration;

/** What a job on a worker thread hands back to the poll thread. */
public sealed interface JobResult {

  /** Returns the partition's coordinator. */
  Coordinator coordinator();

  /**
   * {@code consume} returned normally; the batch is marked.
   *
   * @param coordinator the partition
   * @param messages the batch
   * @param took how long {@code consume} ran
   * @param attempt the attempt that succeeded
   */
  record Consumed(Coordinator coordinator, Messages messages, Duration took, int attempt)
      implements JobResult {}

  /**
   * {@code consume} threw.
   *
   * @param coordinator the partition
   * @param messages the batch
   * @param error what it threw
   * @param seekOffset the first unmarked offset of the batch
   * @param took how long {@code consume} ran before it threw
   * @param attempt the attempt that failed
   */
  record ConsumeFailed(
      Coordinator coordinator,
      Messages messages,
      Throwable error,
      long seekOffset,
      Duration took,
      int attempt)
      implements JobResult {}

  /**
   * The message at the seek offset is in the dead-letter topic, acknowledged by the broker.
   *
   * @param coordinator the partition
   * @param message the dead-lettered message
   * @param attempts the attempt count when it was given up (see DeadLetterHeaders.ATTEMPTS)
   * @param cause the last error it caused
   */
  record DeadLettered(Coordinator coordinator, Message message, int attempts, Throwable cause)
      implements JobResult {}

  /**
   * Writing to the dead-letter topic failed; the write is retried after a pause, and the message is
   * neither skipped nor handed to the consumer again.
   *
   * @param coordinator the partition
   * @param order the dead letter that was to be written
   * @param error why the write failed
   */
  record DeadLetterFailed(Coordinator coordinator, DeadLetterOrder order, Throwable error)
      implements JobResult {}

  /**
   * A {@code tick}, {@code revoked} or {@code shutdown} call ended; its error, if any, is already
   * published.
   *
   * @param coordinator the partition
   */
  record CallbackFinished(Coordinator coordinator) implements JobResult {}
}
