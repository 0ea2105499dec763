package io.drover.engine.connection;

import io.drover.engine.ClusterState;
import io.drover.engine.ConsumerFactory;
import io.drover.engine.ShutdownOutcome;
import io.drover.engine.config.EngineConfig;
import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.lifecycle.HookContext;
import io.drover.engine.lifecycle.Lifecycle;
import io.drover.engine.lifecycle.Stage;
import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;
import io.drover.engine.processing.Coordinator;
import io.drover.engine.processing.Coordinators;
import io.drover.engine.processing.DeadLetterOrder;
import io.drover.engine.processing.JobResult;
import io.drover.engine.processing.Jobs;
import io.drover.engine.processing.OffsetCommitter;
import io.drover.engine.processing.Pauses;
import io.drover.engine.processing.ResultHandler;
import io.drover.engine.processing.WorkerPool;
import io.drover.engine.timetrackers.MonotonicClock;
import io.drover.engine.timetrackers.PollTracker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The poll loop. It polls, hands each partition's records to a worker as one batch, and applies
 * what the workers hand back. Consumers run on workers, and the loop never waits on them: a
 * partition with work in flight is paused in the client, and the loop keeps polling, so a slow
 * handler can never get this member evicted from its group. Lifecycle hooks of the loop, error and
 * shutdown stages and monitor listeners do run on this thread; whatever they throw is contained.
 */
public final class Listener implements Runnable {

  private static final Duration DRAIN_POLL = Duration.ofMillis(100);

  /**
   * How long a stop that ran out of time may still spend committing finished partitions, and again
   * leaving the group: together within the engine's grace beyond shutdownTimeout.
   */
  private static final Duration AFTER_TIMEOUT = Duration.ofSeconds(2);

  private final EngineConfig config;
  private final Client client;
  private final Coordinators coordinators;
  private final OffsetCommitter committer;
  private final Pauses pauses;
  private final Jobs jobs;
  private final WorkerPool pool;
  private final RebalanceHandler rebalanceHandler;
  private final OffsetRestorer offsets;
  private final FinishedJobs finishedJobs;
  private final ClusterWatch clusterWatch;
  private final Monitor monitor;
  private final Lifecycle lifecycle;
  private final PollTracker pollTracker;
  private final MonotonicClock clock;

  private volatile boolean stopRequested;
  private volatile ShutdownOutcome outcome;
  private volatile long stopRequestedAt;
  private boolean stopping;
  private boolean failed;

  /** Wires the loop from the engine's collaborators. */
  public Listener(Wiring wiring) {
    this.config = wiring.config();
    this.client = wiring.client();
    this.coordinators = wiring.coordinators();
    this.committer = wiring.committer();
    this.pauses = wiring.pauses();
    this.jobs = wiring.jobs();
    this.pool = wiring.pool();
    this.monitor = wiring.monitor();
    this.lifecycle = wiring.lifecycle();
    this.pollTracker = wiring.pollTracker();
    this.clock = wiring.clock();
    this.offsets = new OffsetRestorer(client, monitor, clock);
    this.clusterWatch =
        new ClusterWatch(
            () -> client.kafkaConsumer().metrics(), monitor, clock, config.bootstrapServers());
    this.finishedJobs = new FinishedJobs(wiring.results(), wiring.resultHandler(), coordinators);
    this.rebalanceHandler =
        new RebalanceHandler(
            client,
            coordinators,
            wiring.factory(),
            pool,
            jobs,
            committer,
            monitor,
            clock,
            config.revokeTimeout(),
            offsets,
            finishedJobs,
            pollTracker);
  }

  /**
   * Everything the loop works with.
   *
   * @param config the engine configuration
   * @param client the Kafka client
   * @param coordinators the assigned partitions
   * @param results where workers put finished jobs
   * @param resultHandler applies finished jobs
   * @param pauses pauses and resumes partitions
   * @param committer commits offsets
   * @param jobs creates jobs
   * @param pool runs jobs
   * @param factory creates consumers
   * @param monitor the instrumentation bus
   * @param lifecycle the hooks
   * @param pollTracker liveness
   * @param clock time
   */
  public record Wiring(
      EngineConfig config,
      Client client,
      Coordinators coordinators,
      Queue<JobResult> results,
      ResultHandler resultHandler,
      Pauses pauses,
      OffsetCommitter committer,
      Jobs jobs,
      WorkerPool pool,
      ConsumerFactory factory,
      Monitor monitor,
      Lifecycle lifecycle,
      PollTracker pollTracker,
      MonotonicClock clock) {}

  /** Asks the loop to stop; it then drains and shuts down within {@code shutdownTimeout}. */
  public void requestStop() {
    stopRequestedAt = clock.nanos();
    stopRequested = true;
    client.wakeup();
  }

  /** Runs the loop until a stop is requested, then shuts down; see {@link #outcome()}. */
  @Override
  public void run() {
    try {
      lifecycle.run(
          HookContext.of(Stage.START),
          () ->
              client.subscribe(config.topics(), new JoinNoticing(rebalanceHandler, clusterWatch)));
      monitor.publish(new Event.AppRunning(config.groupId()));
      while (!stopRequested) {
        turnSafely();
      }
    } catch (Throwable e) {
      // Only the start, or a fatal error in a turn, lands here. Either way the normal shutdown
      // runs, so the Kafka consumer is closed and the group told.
      monitor.publish(new Event.ErrorOccurred(ErrorType.CONNECTION_POLL, e, this, null, -1, 0));
      stopRequestedAt = clock.nanos();
      failed = true;
    }
    outcome = shutDown();
  }

  private void turnSafely() {
    try {
      lifecycle.run(HookContext.of(Stage.LOOP), this::turn);
    } catch (VirtualMachineError e) {
      throw e; // out of memory or stack: the loop cannot be trusted; run() shuts down
    } catch (Throwable e) {
      // One bad turn must not end consumption, whatever user code on this thread (hooks,
      // listeners) threw: report it, and back off one poll timeout so a persistent failure
      // cannot spin the loop. A refused login or access is reported once, by the cluster watch,
      // not on every retry.
      if (!clusterWatch.pollFailed(e)) {
        monitor.publish(new Event.ErrorOccurred(ErrorType.CONNECTION_POLL, e, this, null, -1, 0));
      }
      LockSupport.parkNanos(config.pollTimeout().toNanos());
    }
  }

  /** Returns what the loop knows of its connection to the cluster; safe from any thread. */
  public ClusterState clusterState() {
    return clusterWatch.state();
  }

  /** Returns how the loop ended, or null while it runs. */
  public ShutdownOutcome outcome() {
    return outcome;
  }

  private void turn() {
    applyResults();
    offsets.restoreDue(coordinators.all());
    resumeExpiredPauses();
    retryDeadLetters();
    scheduleTicks();
    syncFetching();
    committer.commitIfDue(coordinators.all());
    dispatch(client.poll(nextPollTimeout()));
    clusterWatch.check();
    pollTracker.turned();
  }

  private void applyResults() {
    finishedJobs.applyAll(stopping);
  }

  private void resumeExpiredPauses() {
    for (Coordinator coordinator : coordinators.all()) {
      if (coordinator.pause().expired()) {
        pauses.resume(coordinator);
      }
    }
  }

  /** Writes again, once their pause is over, the dead letters whose last write failed. */
  private void retryDeadLetters() {
    for (Coordinator coordinator : coordinators.all()) {
      DeadLetterOrder order = coordinator.deadLetterOrder();
      if (order != null && !coordinator.busy() && !coordinator.pause().paused()) {
        coordinator.started(pool.submit(jobs.deadLetter(coordinator, order)));
      }
    }
  }

  private void scheduleTicks() {
    long now = clock.nanos();
    for (Coordinator coordinator : coordinators.all()) {
      if (!coordinator.busy() && now - coordinator.lastTick() >= config.tickInterval().toNanos()) {
        coordinator.ticked(now);
        coordinator.started(pool.submit(jobs.tick(coordinator)));
      }
    }
  }

  /**
   * Pauses fetching where a job runs, a pause is in force, a dead letter waits to be written, or
   * the engine stops; resumes the rest.
   */
  private void syncFetching() {
    for (Coordinator coordinator : coordinators.all()) {
      boolean shouldFetch =
          !stopping
              && coordinator.offsetsKnown()
              && !coordinator.busy()
              && !coordinator.pause().paused()
              && coordinator.deadLetterOrder() == null;
      if (shouldFetch && coordinator.fetchPaused()) {
        client.resume(coordinator.partition());
        coordinator.fetchPaused(false);
      } else if (!shouldFetch && !coordinator.fetchPaused()) {
        client.pause(coordinator.partition());
        coordinator.fetchPaused(true);
      }
    }
  }

  private void dispatch(ConsumerRecords<byte[], byte[]> records) {
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
      Coordinator coordinator = coordinators.get(partition);
      if (coordinator == null || !coordinator.offsetsKnown() || coordinator.busy() || stopping) {
        // Never drop fetched records: fetch them again when the partition can take them.
        client.seek(partition, batch.get(0).offset());
        if (coordinator == null || !coordinator.offsetsKnown()) {
          client.pause(partition);
        }
        continue;
      }
      List<Message> messages = new ArrayList<>(batch.size());
      for (ConsumerRecord<byte[], byte[]> record : batch) {
        messages.add(new Message(record));
      }
      coordinator.mark(batch.get(0).offset());
      coordinator.started(
          pool.submit(
              jobs.consume(
                  coordinator, new Messages(partition.topic(), partition.partition(), messages))));
      client.pause(partition);
      coordinator.fetchPaused(true);
    }
  }

  private Duration nextPollTimeout() {
    if (stopRequested) {
      return Duration.ZERO;
    }
    Duration timeout = config.pollTimeout();
    Duration commitDue = committer.untilDue();
    if (commitDue.compareTo(timeout) < 0) {
      timeout = commitDue;
    }
    for (Coordinator coordinator : coordinators.all()) {
      Duration left = coordinator.pause().remaining();
      if (coordinator.pause().paused() && left.compareTo(timeout) < 0) {
        timeout = left;
      }
    }
    return timeout;
  }

  private ShutdownOutcome shutDown() {
    long deadline = stopRequestedAt + config.shutdownTimeout().toNanos();
    monitor.publish(new Event.AppStopping(config.shutdownTimeout()));
    pollTracker.draining();
    stopping = true;
    boolean[] inTime = {false};
    try {
      lifecycle.run(HookContext.of(Stage.SHUTDOWN), () -> inTime[0] = drain(deadline));
    } catch (Exception e) {
      monitor.publish(new Event.ErrorOccurred(ErrorType.APP_SHUTDOWN, e, this, null, -1, 0));
    }
    if (!inTime[0]) {
      monitor.publish(
          new Event.ErrorOccurred(
              ErrorType.APP_SHUTDOWN,
              new TimeoutException(
                  "shutdown took longer than shutdownTimeout " + config.shutdownTimeout()),
              this,
              null,
              -1,
              0));
      // The partitions that did finish keep their progress, so their next owner repeats nothing.
      applyResults();
      committer.commitSync(
          coordinators.all().stream().filter(c -> !c.busy()).toList(), AFTER_TIMEOUT);
    }
    // Closing revokes the partitions through RebalanceHandler. shutdown() has already been
    // called on every consumer, and a stuck job must not hold up the exit, so there is nothing
    // left for the revocation to do. Even late, leaving the group beats making it wait out the
    // session timeout before the partitions move.
    coordinators.clear();
    client.close(inTime[0] ? remaining(deadline) : AFTER_TIMEOUT);
    pool.shutdownNow(Duration.ofSeconds(1));
    ShutdownOutcome result;
    if (failed) {
      result = ShutdownOutcome.FAILED;
    } else {
      result = inTime[0] ? ShutdownOutcome.CLEAN : ShutdownOutcome.TIMED_OUT;
    }
    monitor.publish(
        new Event.AppStopped(result, Duration.ofNanos(clock.nanos() - stopRequestedAt)));
    return result;
  }

  /** Drains in-flight batches, calls shutdown() everywhere, commits; false if out of time. */
  private boolean drain(long deadline) {
    syncFetching();
    if (!awaitIdle(deadline)) {
      return false;
    }
    for (Coordinator coordinator : coordinators.all()) {
      coordinator.started(pool.submit(jobs.shutdown(coordinator)));
    }
    if (!awaitIdle(deadline)) {
      return false;
    }
    // A rebalance that began as we stopped makes this commit fail at first; the poll between two
    // attempts lets it complete. Giving up would hand the next owner everything since the last
    // interval commit again.
    return committer.commitSyncUntil(
            coordinators.all(), deadline, () -> dispatch(client.poll(pollWithin(deadline))))
        && clock.nanos() <= deadline;
  }

  /** Keeps polling (so the member stays in its group) until no job is in flight. */
  private boolean awaitIdle(long deadline) {
    applyResults();
    while (coordinators.anyBusy()) {
      if (remaining(deadline).isZero()) {
        return false;
      }
      dispatch(client.poll(pollWithin(deadline)));
      applyResults();
    }
    return true;
  }

  private Duration pollWithin(long deadline) {
    Duration left = remaining(deadline);
    return left.compareTo(DRAIN_POLL) < 0 ? left : DRAIN_POLL;
  }

  private Duration remaining(long deadline) {
    return Duration.ofNanos(Math.max(0, deadline - clock.nanos()));
  }
}
