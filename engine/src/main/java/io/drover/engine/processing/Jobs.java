package io.drover.engine.processing;

import io.drover.engine.dlq.DeadLetterDispatcher;
import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.lifecycle.HookContext;
import io.drover.engine.lifecycle.Lifecycle;
import io.drover.engine.lifecycle.Stage;
import io.drover.engine.messages.Messages;
import io.drover.engine.timetrackers.MonotonicClock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The work a partition hands to the worker pool. Each job calls the partition's consumer (or the
 * dead-letter topic) and turns what happened into a {@link JobResult}; none touches the Kafka
 * consumer, which belongs to the poll thread.
 */
public final class Jobs {

  private final Monitor monitor;
  private final Lifecycle lifecycle;
  private final DeadLetterDispatcher deadLetters;
  private final MonotonicClock clock;

  /**
   * Creates the job factory.
   *
   * @param deadLetters the dead-letter dispatcher, or null when there is no dead-letter policy
   */
  public Jobs(
      Monitor monitor,
      Lifecycle lifecycle,
      DeadLetterDispatcher deadLetters,
      MonotonicClock clock) {
    this.monitor = monitor;
    this.lifecycle = lifecycle;
    this.deadLetters = deadLetters;
    this.clock = clock;
  }

  /** Returns the dead-letter topic, or null without a dead-letter policy. */
  public String deadLetterTopic() {
    return deadLetters == null ? null : deadLetters.topic();
  }

  /**
   * Consumes a batch; on success the whole batch is marked, unless the consumer asked for a pause
   * (then only what it marked itself).
   */
  public Callable<JobResult> consume(Coordinator coordinator, Messages messages) {
    return () -> {
      int attempt = coordinator.attempt();
      long started = clock.nanos();
      boolean[] called = {false};
      try {
        lifecycle.run(
            new HookContext(Stage.CONSUME, coordinator.partition(), messages, null, attempt),
            () -> {
              called[0] = true;
              coordinator.consumer().consume(messages);
            });
        if (!called[0]) {
          // Marking a batch nobody consumed would skip it; treat it as a failure instead.
          throw new IllegalStateException("an around hook on CONSUME did not call through");
        }
        if (!coordinator.hasPauseRequest()) {
          // A consumer that asked for a pause has said where to go on: only its own marks count.
          coordinator.mark(messages.last().offset() + 1);
        }
        return new JobResult.Consumed(
            coordinator, messages, Duration.ofNanos(clock.nanos() - started), attempt);
      } catch (Throwable e) {
        // Anything at all, Errors included: a job that ends without a result leaves its
        // partition busy for good. The engine's back-off owns a failed call, not its requests.
        coordinator.discardRequests();
        long seekOffset = Math.max(messages.first().offset(), coordinator.marked());
        return new JobResult.ConsumeFailed(
            coordinator,
            messages,
            e,
            seekOffset,
            Duration.ofNanos(clock.nanos() - started),
            attempt);
      }
    };
  }

  /** Writes the ordered dead letter and waits for the acknowledgement. */
  public Callable<JobResult> deadLetter(Coordinator coordinator, DeadLetterOrder order) {
    return () -> {
      boolean[] dispatched = {false};
      try {
        lifecycle.run(
            new HookContext(
                Stage.FAILURE,
                coordinator.partition(),
                order.messages(),
                order.cause(),
                order.attempts()),
            () -> {
              deadLetters.dispatch(order.message(), order.cause(), order.attempts());
              dispatched[0] = true;
            });
        if (!dispatched[0]) {
          throw new IllegalStateException("an around hook on FAILURE did not call through");
        }
        return new JobResult.DeadLettered(
            coordinator, order.message(), order.attempts(), order.cause());
      } catch (Throwable e) {
        // Errors too: a job that ends without a result leaves its partition busy for good.
        return new JobResult.DeadLetterFailed(coordinator, order, e);
      }
    };
  }

  /** Calls {@code tick()}; errors are published and not retried. */
  public Callable<JobResult> tick(Coordinator coordinator) {
    return callback(coordinator, ErrorType.CONSUMER_TICK, () -> coordinator.consumer().tick());
  }

  /** Calls {@code revoked()}; errors are published and not retried. */
  public Callable<JobResult> revoked(Coordinator coordinator) {
    return callback(
        coordinator, ErrorType.CONSUMER_REVOKED, () -> coordinator.consumer().revoked());
  }

  /** Calls {@code shutdown()}; errors are published and not retried. */
  public Callable<JobResult> shutdown(Coordinator coordinator) {
    return callback(
        coordinator, ErrorType.CONSUMER_SHUTDOWN, () -> coordinator.consumer().shutdown());
  }

  private Callable<JobResult> callback(
      Coordinator coordinator, ErrorType errorType, Callback callback) {
    return () -> {
      try {
        callback.call();
      } catch (Throwable e) {
        monitor.publish(
            new Event.ErrorOccurred(
                errorType, e, coordinator.consumer(), coordinator.partition(), -1, 0));
      }
      return new JobResult.CallbackFinished(coordinator);
    };
  }

  /** A consumer callback that may throw anything. */
  @FunctionalInterface
  private interface Callback {
    void call() throws Exception;
  }
}
