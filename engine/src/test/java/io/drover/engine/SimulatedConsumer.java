package io.drover.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * One member's Kafka consumer in a simulated run. Its {@code poll} is where the world moves: the
 * clock runs to the next thing that happens (a job finishing, an incident, the poll's timeout),
 * incidents fire (rebalances call the engine's listener from inside the poll, as Kafka does), and
 * records are fetched from the cluster's logs from each partition's position. Commits and
 * committed-offset reads fail as the schedule says; a fenced member's commits never land.
 */
final class SimulatedConsumer extends MockConsumer<byte[], byte[]> {

  private static final int MAX_POLLS = 200_000;

  private final SimulatedWorld world;
  private final SimulatedCluster cluster;
  private final Ledger ledger;
  private final SimulatedJobs jobs;
  private final Incidents incidents;
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private final Map<TopicPartition, Long> assignedInEpoch = new HashMap<>();
  private boolean fenced;
  private int polls;

  SimulatedConsumer(
      SimulatedWorld world,
      SimulatedCluster cluster,
      Ledger ledger,
      SimulatedJobs jobs,
      Incidents incidents) {
    super(AutoOffsetResetStrategy.EARLIEST.name());
    this.world = world;
    this.cluster = cluster;
    this.ledger = ledger;
    this.jobs = jobs;
    this.incidents = incidents;
  }

  /** What happens to a member while it runs, at simulated times. */
  interface Incidents {
    /** When the next incident is due, or {@link Long#MAX_VALUE}. */
    long nextAt();

    /** Fires every incident that is due. */
    void fireDue(SimulatedConsumer consumer);

    /** The loop spins without end: stop it. */
    void runaway();
  }

  /** From now on nothing this member commits or writes lands: it is gone, as after kill -9. */
  void fence() {
    fenced = true;
    ledger.writerGone(this, assignment());
  }

  boolean fenced() {
    return fenced;
  }

  /** Moves the assignment to {@code partitions}, through the engine's rebalance listener. */
  void reassign(Collection<TopicPartition> partitions) {
    world.note("rebalance: assigned " + new TreeSet<>(names(partitions)));
    long epoch = world.nextAssignmentEpoch();
    partitions.stream()
        .filter(partition -> !assignment().contains(partition))
        .forEach(partition -> assignedInEpoch.put(partition, epoch));
    rebalance(partitions);
    positions.keySet().retainAll(assignment());
  }

  /**
   * Whether this member owns {@code partition} under the assignment the running job was submitted
   * in: false for a job that outlived its partition's revocation, even if it came back since.
   */
  boolean ownsForRunningJob(TopicPartition partition) {
    return assignment().contains(partition)
        && assignedInEpoch.getOrDefault(partition, Long.MAX_VALUE) <= world.runningJobEpoch();
  }

  /** Loses {@code partitions} without a chance to commit, as after a session timeout. */
  void lose(Collection<TopicPartition> partitions) {
    world.note("lost " + names(partitions));
    ledger.writerGone(this, partitions);
    losePartitions(partitions);
    positions.keySet().retainAll(assignment());
  }

  @Override
  public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
    if (++polls == MAX_POLLS) {
      ledger.violation("the loop polled %d times in one member's life", MAX_POLLS);
      incidents.runaway();
    }
    settle();
    if (!fetchable()) {
      long next = Math.min(incidents.nextAt(), jobs.nextDoneAt());
      world.advanceTo(Math.min(next, world.nanos() + timeout.toNanos()));
      settle();
    }
    return fetch();
  }

  private void settle() {
    incidents.fireDue(this);
    jobs.runDue();
  }

  private boolean fetchable() {
    return fetchablePartitions().stream().anyMatch(p -> position(p) < cluster.log(p).size());
  }

  private List<TopicPartition> fetchablePartitions() {
    Set<TopicPartition> paused = paused();
    return assignment().stream()
        .filter(p -> !paused.contains(p))
        .sorted(Comparator.comparingInt(TopicPartition::partition))
        .toList();
  }

  private ConsumerRecords<byte[], byte[]> fetch() {
    Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> fetched = new HashMap<>();
    for (TopicPartition partition : fetchablePartitions()) {
      List<ConsumerRecord<byte[], byte[]>> log = cluster.log(partition);
      int from = (int) position(partition);
      int to = Math.min(log.size(), from + 1 + world.random().nextInt(8));
      if (from < to) {
        fetched.put(partition, List.copyOf(log.subList(from, to)));
        world.note("fetched " + partition + " [" + from + ".." + (to - 1) + "]");
        positions.put(partition, (long) to);
      }
    }
    return new ConsumerRecords<>(fetched, Map.of());
  }

  @Override
  public synchronized long position(TopicPartition partition) {
    return positions.computeIfAbsent(
        partition,
        p -> {
          OffsetAndMetadata committed = cluster.committed().get(p);
          return committed == null ? 0L : committed.offset();
        });
  }

  @Override
  public synchronized void seek(TopicPartition partition, long offset) {
    if (offset < 0) {
      ledger.violation("seek of %s to %d", partition, offset);
      return;
    }
    positions.put(partition, offset);
    world.note("seek " + partition + " to " + offset);
  }

  @Override
  public synchronized void pause(Collection<TopicPartition> partitions) {
    world.note("client pause " + partitions);
    super.pause(partitions);
  }

  @Override
  public synchronized void resume(Collection<TopicPartition> partitions) {
    world.note("client resume " + partitions);
    super.resume(partitions);
  }

  @Override
  public synchronized void commitAsync(
      Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
    RuntimeException failure = commitFailure(offsets);
    if (failure == null) {
      land(offsets);
    } else {
      ledger.commitFailed(this, offsets);
    }
    if (callback != null) {
      callback.onComplete(offsets, failure);
    }
  }

  @Override
  public synchronized void commitSync(
      Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
    RuntimeException failure = commitFailure(offsets);
    if (failure != null) {
      ledger.commitFailed(this, offsets);
      throw failure;
    }
    land(offsets);
  }

  @Override
  public synchronized Map<TopicPartition, OffsetAndMetadata> committed(
      Set<TopicPartition> partitions, Duration timeout) {
    if (world.strikes(world.schedule().commitFailureRate())) {
      world.note("committed-offset read fails");
      throw new TimeoutException("simulated: the group coordinator is moving");
    }
    Map<TopicPartition, OffsetAndMetadata> found = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata offset = cluster.committed().get(partition);
      if (offset != null) {
        found.put(partition, offset);
      }
    }
    return found;
  }

  /** Leaves the group as KafkaConsumer.close does: the assignment is revoked first. */
  @Override
  @SuppressWarnings("deprecation") // the engine's Client calls close(Duration)
  public synchronized void close(Duration timeout) {
    if (!assignment().isEmpty()) {
      reassign(List.of());
    }
    super.close(timeout);
  }

  @Override
  public synchronized void wakeup() {
    // Everything runs on the loop's thread: a finished job is seen by the next poll anyway.
  }

  private RuntimeException commitFailure(Map<TopicPartition, OffsetAndMetadata> offsets) {
    if (fenced || !assignment().containsAll(offsets.keySet())) {
      return new CommitFailedException("simulated: not a member of the generation");
    }
    if (world.strikes(world.schedule().commitFailureRate())) {
      world.note("commit fails: " + offsets);
      return world.random().nextBoolean()
          ? new RebalanceInProgressException("simulated")
          : new TimeoutException("simulated");
    }
    return null;
  }

  private void land(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach(
        (partition, offset) -> {
          ledger.committed(partition, offset.offset());
          cluster.committed().put(partition, offset);
        });
    world.note("committed " + offsets);
  }

  private static List<String> names(Collection<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::toString).sorted().toList();
  }
}
