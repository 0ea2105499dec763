package io.drover.engine.connection;

import io.drover.engine.ConsumerFactory;
import io.drover.engine.config.EngineConfig;
import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.processing.Coordinator;
import io.drover.engine.processing.Coordinators;
import io.drover.engine.processing.Jobs;
import io.drover.engine.processing.OffsetCommitter;
import io.drover.engine.processing.WorkerPool;
import io.drover.engine.timetrackers.MonotonicClock;
import io.drover.engine.timetrackers.PollTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the coordinators in step with the assignment. Kafka calls it on the poll thread, inside
 * {@code poll}.
 *
 * <p>With the cooperative protocols only the partitions that move are passed here, so a partition
 * that stays keeps its coordinator, and with it its pause and back-off. A revoked partition gets
 * its in-flight batch waited for (up to {@code revokeTimeout}), then {@code revoked()}, then a
 * synchronous commit, and its state is dropped; its next owner starts from the committed offset and
 * reads the failure count from the commit metadata.
 */
final class RebalanceHandler implements ConsumerRebalanceListener {

  private static final Logger LOG = LoggerFactory.getLogger(RebalanceHandler.class);

  private static final Duration COMMIT_GRACE = EngineConfig.REVOCATION_COMMIT_GRACE;

  private final Client client;
  private final Coordinators coordinators;
  private final ConsumerFactory factory;
  private final WorkerPool pool;
  private final Jobs jobs;
  private final OffsetCommitter committer;
  private final Monitor monitor;
  private final MonotonicClock clock;
  private final Duration revokeTimeout;
  private final OffsetRestorer offsets;
  private final FinishedJobs finishedJobs;
  private final PollTracker pollTracker;

  RebalanceHandler(
      Client client,
      Coordinators coordinators,
      ConsumerFactory factory,
      WorkerPool pool,
      Jobs jobs,
      OffsetCommitter committer,
      Monitor monitor,
      MonotonicClock clock,
      Duration revokeTimeout,
      OffsetRestorer offsets,
      FinishedJobs finishedJobs,
      PollTracker pollTracker) {
    this.client = client;
    this.coordinators = coordinators;
    this.factory = factory;
    this.pool = pool;
    this.jobs = jobs;
    this.committer = committer;
    this.monitor = monitor;
    this.clock = clock;
    this.revokeTimeout = revokeTimeout;
    this.offsets = offsets;
    this.finishedJobs = finishedJobs;
    this.pollTracker = pollTracker;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (partitions.isEmpty()) {
      return;
    }
    List<Coordinator> added = new ArrayList<>();
    for (TopicPartition partition : partitions) {
      // Nothing is fetched until the committed offset and failure count are known.
      client.pause(partition);
      Coordinator coordinator;
      try {
        coordinator = new Coordinator(partition, factory.create(partition), clock);
      } catch (RuntimeException e) {
        // Without a consumer the partition cannot be processed; it stays paused so that nothing
        // is fetched past the committed offset. The next rebalance tries again.
        monitor.publish(
            new Event.ErrorOccurred(ErrorType.CONSUMER_CREATE, e, factory, partition, -1, 0));
        continue;
      }
      coordinator.fetchPaused(true);
      coordinators.add(coordinator);
      added.add(coordinator);
    }
    // A failed read leaves these waiting; the loop retries it. It never escapes the callback,
    // where it would leave the partitions without their coordinators.
    pollTracker.waitingUpTo(OffsetRestorer.READ_TIMEOUT);
    try {
      offsets.restoreNow(added);
    } finally {
      pollTracker.waitOver();
    }
    monitor.publish(new Event.PartitionsAssigned(Set.copyOf(partitions)));
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    release(partitions, false);
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    release(partitions, true);
  }

  private void release(Collection<TopicPartition> partitions, boolean lost) {
    if (partitions.isEmpty()) {
      return;
    }
    List<Coordinator> leaving = coordinators.of(partitions);
    if (leaving.isEmpty()) {
      // Partitions without a consumer (its creation failed), or already cleared by a stop: they
      // leave all the same, and the event says so.
      monitor.publish(new Event.PartitionsRevoked(Set.copyOf(partitions), lost));
      return;
    }
    pollTracker.waitingUpTo(revokeTimeout.plus(COMMIT_GRACE));
    try {
      release(partitions, leaving, lost);
    } finally {
      pollTracker.waitOver();
    }
  }

  private void release(
      Collection<TopicPartition> partitions, List<Coordinator> leaving, boolean lost) {
    long deadline = clock.nanos() + revokeTimeout.toNanos();
    for (Coordinator coordinator : leaving) {
      if (coordinator.awaitJob(remaining(deadline))) {
        coordinator.finished();
        coordinator.started(pool.submit(jobs.revoked(coordinator)));
      } else {
        LOG.warn(
            "{}: in-flight batch still running after {}; revoked() is not called",
            coordinator,
            revokeTimeout);
      }
    }
    leaving.forEach(coordinator -> coordinator.awaitJob(remaining(deadline)));
    // A dead letter acknowledged or a failure counted while we waited is part of what is committed.
    finishedJobs.settle(leaving);
    if (!lost) {
      committer.commitSync(leaving, remaining(deadline).plus(COMMIT_GRACE));
    }
    coordinators.removeAll(partitions);
    monitor.publish(new Event.PartitionsRevoked(Set.copyOf(partitions), lost));
  }

  private Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - clock.nanos()));
  }
}
