package io.drover.engine.processing;

import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.lifecycle.HookContext;
import io.drover.engine.lifecycle.Lifecycle;
import io.drover.engine.lifecycle.Stage;
import io.drover.engine.messages.Message;
import io.drover.engine.processing.strategies.Decision;
import java.util.List;

/**
 * Applies a finished job to its partition, on the poll thread: marks and resets after success;
 * after a failure, publishes the error and either pauses the partition with back-off and seeks back
 * to the first unmarked offset, or hands the message to the dead-letter topic.
 */
public final class ResultHandler {

  private final PartitionPositions client;
  private final Monitor monitor;
  private final Lifecycle lifecycle;
  private final ErrorPolicy policy;
  private final Pauses pauses;
  private final OffsetCommitter committer;
  private final WorkerPool pool;
  private final Jobs jobs;

  /** Creates the handler from the engine's collaborators. */
  public ResultHandler(
      PartitionPositions client,
      Monitor monitor,
      Lifecycle lifecycle,
      ErrorPolicy policy,
      Pauses pauses,
      OffsetCommitter committer,
      WorkerPool pool,
      Jobs jobs) {
    this.client = client;
    this.monitor = monitor;
    this.lifecycle = lifecycle;
    this.policy = policy;
    this.pauses = pauses;
    this.committer = committer;
    this.pool = pool;
    this.jobs = jobs;
  }

  /**
   * Applies {@code result}.
   *
   * @param stopping whether the engine is draining: failures then wait for the next run instead of
   *     being retried or dead-lettered now
   */
  public void apply(JobResult result, boolean stopping) {
    Coordinator coordinator = result.coordinator();
    coordinator.finished();
    if (result instanceof JobResult.Consumed consumed) {
      onConsumed(coordinator, consumed);
    } else if (result instanceof JobResult.ConsumeFailed failed) {
      onConsumeFailed(coordinator, failed, stopping);
    } else if (result instanceof JobResult.DeadLettered deadLettered) {
      onDeadLettered(coordinator, deadLettered);
    } else if (result instanceof JobResult.DeadLetterFailed failed) {
      onDeadLetterFailed(coordinator, failed);
    }
    if (result instanceof JobResult.CallbackFinished) {
      // Errors are already published; a tick may have asked to pause or resume.
      applyConsumerRequests(coordinator);
    }
  }

  private void onConsumed(Coordinator coordinator, JobResult.Consumed consumed) {
    Message first = consumed.messages().first();
    monitor.publish(
        new Event.BatchConsumed(
            coordinator.partition(),
            consumed.messages().size(),
            first.offset(),
            consumed.messages().last().offset(),
            consumed.took(),
            consumed.attempt()));
    if (coordinator.failures() > 0) {
      monitor.publish(
          new Event.PartitionRecovered(
              coordinator.partition(), first.offset(), coordinator.failures()));
    }
    coordinator.recordSuccess();
    applyConsumerRequests(coordinator);
  }

  private void onConsumeFailed(
      Coordinator coordinator, JobResult.ConsumeFailed failed, boolean stopping) {
    long seekOffset = failed.seekOffset();
    publishConsumedBefore(coordinator, failed);
    int failures = coordinator.recordFailure(seekOffset, policy.independentAttempts());
    monitor.publish(
        new Event.ErrorOccurred(
            ErrorType.CONSUMER_CONSUME,
            failed.error(),
            coordinator.consumer(),
            coordinator.partition(),
            seekOffset,
            failures));
    client.seek(coordinator.partition(), seekOffset);
    committer.commitAsync(List.of(coordinator));
    if (stopping) {
      return;
    }
    boolean[] handled = {false};
    try {
      lifecycle.run(
          new HookContext(
              Stage.ERROR, coordinator.partition(), failed.messages(), failed.error(), failures),
          () -> {
            decide(coordinator, failed, failures);
            handled[0] = true;
          });
    } catch (Exception e) {
      monitor.publish(
          new Event.ErrorOccurred(
              ErrorType.CONSUMER_CONSUME, e, this, coordinator.partition(), seekOffset, failures));
    }
    if (!handled[0] && !coordinator.busy() && !coordinator.pause().paused()) {
      // A hook skipped or broke the decision; retrying is the one choice that loses nothing.
      retryLater(coordinator, seekOffset, failures, failed.error());
    }
  }

  /** The messages marked before the failure were delivered and will be committed: count them. */
  private void publishConsumedBefore(Coordinator coordinator, JobResult.ConsumeFailed failed) {
    long first = failed.messages().first().offset();
    long consumed = Math.min(failed.seekOffset() - first, failed.messages().size());
    if (consumed > 0) {
      monitor.publish(
          new Event.BatchConsumed(
              coordinator.partition(),
              (int) consumed,
              first,
              first + consumed - 1,
              failed.took(),
              failed.attempt()));
    }
  }

  private void decide(Coordinator coordinator, JobResult.ConsumeFailed failed, int failures) {
    Decision decision = policy.decide(failed.error(), failures);
    Message poison = failed.messages().at(failed.seekOffset());
    if (decision == Decision.DEAD_LETTER && poison != null) {
      DeadLetterOrder order =
          new DeadLetterOrder(failed.messages(), poison, failures, failed.error(), 0);
      coordinator.deadLetterOrdered(order);
      coordinator.started(pool.submit(jobs.deadLetter(coordinator, order)));
    } else {
      retryLater(coordinator, failed.seekOffset(), failures, failed.error());
    }
  }

  private void onDeadLettered(Coordinator coordinator, JobResult.DeadLettered deadLettered) {
    coordinator.deadLetterOrdered(null);
    long next = deadLettered.message().offset() + 1;
    coordinator.skipTo(next);
    client.seek(coordinator.partition(), next);
    monitor.publish(
        new Event.DeadLetterDispatched(
            coordinator.partition(),
            deadLettered.message().offset(),
            jobs.deadLetterTopic(),
            deadLettered.attempts(),
            deadLettered.cause().getClass().getName()));
    committer.commitAsync(List.of(coordinator));
  }

  private void onDeadLetterFailed(Coordinator coordinator, JobResult.DeadLetterFailed failed) {
    DeadLetterOrder order = failed.order().failedAgain();
    long offset = order.message().offset();
    monitor.publish(
        new Event.ErrorOccurred(
            Undeliverable.isPermanent(failed.error())
                ? ErrorType.DEAD_LETTER_UNDELIVERABLE
                : ErrorType.DEAD_LETTER_DISPATCH,
            failed.error(),
            this,
            coordinator.partition(),
            offset,
            order.attempts()));
    // The message was given up on: the write is what is retried, after the pause, never the
    // consumer. The fetch position stays where the failure put it, at the message.
    coordinator.deadLetterOrdered(order);
    pauses.afterFailure(
        coordinator, offset, order.failedWrites(), order.attempts(), failed.error());
  }

  private void retryLater(Coordinator coordinator, long seekOffset, int failures, Throwable cause) {
    // The fetch position is already at seekOffset: the failure handler seeked there.
    pauses.afterFailure(coordinator, seekOffset, failures, failures, cause);
  }

  private void applyConsumerRequests(Coordinator coordinator) {
    if (coordinator.takeResumeRequest()) {
      pauses.resume(coordinator);
    }
    Coordinator.PauseRequest request = coordinator.takePauseRequest();
    if (request != null) {
      long offset = request.offset() >= 0 ? request.offset() : coordinator.marked();
      if (offset >= 0) {
        client.seek(coordinator.partition(), offset);
      }
      // Before the first fetch (a pause from tick()) no offset is known: fetching later starts
      // from the committed offset, which is where it would resume anyway.
      pauses.asRequested(coordinator, offset, request.timeout());
    }
  }
}
