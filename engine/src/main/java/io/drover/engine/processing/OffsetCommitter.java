package io.drover.engine.processing;

import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.timetrackers.MonotonicClock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Commits marked offsets: asynchronously on an interval and right after a failure (so the failure
 * count is safe in the offset metadata), synchronously on revocation and shutdown.
 */
public final class OffsetCommitter {

  private final PartitionPositions client;
  private final Monitor monitor;
  private final MonotonicClock clock;
  private final long intervalNanos;

  /** How soon a commit is tried again after one failed (a rebalance in progress, a timeout). */
  static final Duration RETRY_AFTER_FAILURE = Duration.ofMillis(200);

  private long lastCommit;
  private boolean lastFailed;

  /** Creates a committer that commits at most every {@code interval} on its own. */
  public OffsetCommitter(
      PartitionPositions client, Monitor monitor, MonotonicClock clock, Duration interval) {
    this.client = client;
    this.monitor = monitor;
    this.clock = clock;
    this.intervalNanos = interval.toNanos();
    this.lastCommit = clock.nanos();
  }

  /** Returns the time until the next interval commit is due. */
  public Duration untilDue() {
    return Duration.ofNanos(Math.max(0, waitNanos() - (clock.nanos() - lastCommit)));
  }

  /**
   * Commits every pending offset asynchronously if the interval has passed, or soon after a commit
   * failed: waiting a whole interval would widen what a crash then delivers again.
   */
  public void commitIfDue(Collection<Coordinator> coordinators) {
    if (clock.nanos() - lastCommit >= waitNanos()) {
      lastCommit = clock.nanos();
      commitAsync(coordinators);
    }
  }

  private long waitNanos() {
    return lastFailed ? Math.min(intervalNanos, RETRY_AFTER_FAILURE.toNanos()) : intervalNanos;
  }

  /** Commits the pending offsets of {@code coordinators} asynchronously, now. */
  public void commitAsync(Collection<Coordinator> coordinators) {
    Map<TopicPartition, OffsetAndMetadata> offsets = pending(coordinators);
    if (offsets.isEmpty()) {
      return;
    }
    client.commitAsync(
        offsets,
        (committed, error) -> {
          if (error != null) {
            lastFailed = true;
            publishFailure(error);
          } else {
            lastFailed = false;
            acknowledge(coordinators, committed);
          }
        });
  }

  /** Commits the pending offsets of {@code coordinators} and waits; returns whether it worked. */
  public boolean commitSync(Collection<Coordinator> coordinators, Duration timeout) {
    Map<TopicPartition, OffsetAndMetadata> offsets = pending(coordinators);
    if (offsets.isEmpty()) {
      return true;
    }
    try {
      client.commitSync(offsets, timeout);
      acknowledge(coordinators, offsets);
      return true;
    } catch (RuntimeException e) {
      publishFailure(e);
      return false;
    }
  }

  /**
   * Commits the pending offsets of {@code coordinators} and waits, retrying a retriable failure (a
   * timeout, a rebalance in progress) until {@code deadline}; {@code betweenAttempts} runs before
   * each retry (a poll, so that a rebalance can complete). Returns whether it worked; only the last
   * failure is published.
   */
  public boolean commitSyncUntil(
      Collection<Coordinator> coordinators, long deadline, Runnable betweenAttempts) {
    while (true) {
      Map<TopicPartition, OffsetAndMetadata> offsets = pending(coordinators);
      if (offsets.isEmpty()) {
        return true;
      }
      try {
        client.commitSync(offsets, Duration.ofNanos(Math.max(0, deadline - clock.nanos())));
        acknowledge(coordinators, offsets);
        return true;
      } catch (RuntimeException e) {
        if (!retriable(e) || deadline - clock.nanos() <= 0) {
          publishFailure(e);
          return false;
        }
      }
      betweenAttempts.run();
    }
  }

  /** Whether a commit that failed with {@code failure} can work if tried again by this member. */
  private static boolean retriable(RuntimeException failure) {
    return failure instanceof RetriableException || failure instanceof RebalanceInProgressException;
  }

  private static Map<TopicPartition, OffsetAndMetadata> pending(
      Collection<Coordinator> coordinators) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Coordinator coordinator : coordinators) {
      OffsetAndMetadata offset = coordinator.pendingCommit();
      if (offset != null) {
        offsets.put(coordinator.partition(), offset);
      }
    }
    return offsets;
  }

  private static void acknowledge(
      Collection<Coordinator> coordinators, Map<TopicPartition, OffsetAndMetadata> committed) {
    for (Coordinator coordinator : List.copyOf(coordinators)) {
      OffsetAndMetadata offset = committed.get(coordinator.partition());
      if (offset != null) {
        coordinator.committed(offset);
      }
    }
  }

  private void publishFailure(Exception error) {
    monitor.publish(new Event.ErrorOccurred(ErrorType.CONNECTION_COMMIT, error, this, null, -1, 0));
  }
}
