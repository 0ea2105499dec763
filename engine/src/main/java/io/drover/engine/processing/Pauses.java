package io.drover.engine.processing;

import io.drover.engine.RetryAfter;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import java.time.Duration;

/**
 * The one place a partition's pause changes, on the poll thread. Each change is published on the
 * monitor as it happens, so the paused gauge, the Events and the logs can never disagree with the
 * engine about which partitions are paused.
 */
public final class Pauses {

  private final Monitor monitor;
  private final ErrorPolicy policy;

  /** Creates the pauses of one engine, whose back-off {@code policy} sets. */
  public Pauses(Monitor monitor, ErrorPolicy policy) {
    this.monitor = monitor;
    this.policy = policy;
  }

  /**
   * Pauses {@code coordinator} after its {@code failures}-th consecutive failure, for the
   * back-off's time.
   *
   * @param offset where fetching resumes
   * @param attempt the attempt that failed, as published
   */
  public void afterFailure(
      Coordinator coordinator, long offset, int failures, int attempt, Throwable cause) {
    Duration pause = policy.pauseAfter(failures);
    // An endpoint that said when to come back is not asked again sooner.
    Duration asked = RetryAfter.askedBy(cause);
    if (asked.compareTo(pause) > 0) {
      pause = asked;
    }
    coordinator.pause().pause(pause);
    monitor.publish(
        new Event.PartitionPaused(coordinator.partition(), offset, attempt, pause, cause));
  }

  /** Pauses {@code coordinator} for {@code timeout}, as its consumer asked. */
  public void asRequested(Coordinator coordinator, long offset, Duration timeout) {
    coordinator.pause().pause(timeout);
    monitor.publish(new Event.PartitionPaused(coordinator.partition(), offset, 0, timeout, null));
  }

  /** Resumes {@code coordinator} if it is paused. */
  public void resume(Coordinator coordinator) {
    if (!coordinator.pause().paused()) {
      return;
    }
    coordinator.pause().resume();
    monitor.publish(
        new Event.PartitionResumed(
            coordinator.partition(), coordinator.marked(), coordinator.attempt()));
  }
}
