package io.drover.engine;

import io.drover.engine.config.DeadLetterConfig;
import io.drover.engine.config.EngineConfig;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.MetricsListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One simulated run of the engine: members that live one after another on a shared cluster, each an
 * engine whose loop, workers and world run on the calling thread. The fault phase has the
 * schedule's rebalances, lost partitions, clean restarts and crashes; then the world calms down and
 * the last member must finish every partition and stop cleanly. The ledger checks the record-level
 * invariants as they happen; this class checks the rest.
 */
final class Simulation {

  static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
  static final Duration STOP_BOUND = SHUTDOWN_TIMEOUT.plus(Duration.ofSeconds(5));
  private static final Duration FAULT_PHASE = Duration.ofSeconds(60);
  private static final Duration CALM_BUDGET = Duration.ofMinutes(10);

  private final Schedule schedule;
  private final SimulatedWorld world;
  private final SimulatedCluster cluster;
  private final Ledger ledger;
  private final long faultPhaseEnd;

  private Simulation(Schedule schedule) {
    this.schedule = schedule;
    this.world = new SimulatedWorld(schedule);
    this.cluster = new SimulatedCluster(world);
    this.ledger = new Ledger(world);
    this.faultPhaseEnd = world.nanos() + FAULT_PHASE.toNanos();
  }

  /** Runs {@code schedule} and returns what was violated, with the end of the trace. */
  static Verdict run(Schedule schedule) {
    Simulation simulation = new Simulation(schedule);
    try {
      simulation.runMembers();
    } catch (RuntimeException | Error e) {
      simulation.ledger.violation("the run threw %s", e);
    }
    return new Verdict(
        schedule, List.copyOf(simulation.ledger.violations()), simulation.world.traceTail());
  }

  /** What a run violated; empty when it held. */
  record Verdict(Schedule schedule, List<String> violations, List<String> trace) {
    boolean passed() {
      return violations.isEmpty();
    }
  }

  private void runMembers() {
    List<Boolean> endings = new ArrayList<>(); // true: crash, false: clean stop
    for (int i = 0; i < schedule.restarts(); i++) {
      endings.add(false);
    }
    for (int i = 0; i < schedule.crashes(); i++) {
      endings.add(true);
    }
    java.util.Collections.shuffle(endings, world.random());
    int lives = endings.size() + 1;
    for (int life = 0; life < lives; life++) {
      boolean last = life == lives - 1;
      long end =
          last
              ? Long.MAX_VALUE
              : world.nanos()
                  + (long) (world.random().nextDouble() * (faultPhaseEnd - world.nanos()) / 2);
      runMember(life, end, last ? null : endings.get(life));
    }
    checkFinished();
  }

  /**
   * Runs one member until its end.
   *
   * @param end when the member is stopped or crashes (the last member runs into the calm)
   * @param crash whether it crashes at its end, null for the last member
   */
  private void runMember(int life, long end, Boolean crash) {
    world.note("member " + life + " starts");
    SimulatedJobs jobs = new SimulatedJobs(world);
    Member member = new Member(crash == null, jobs);
    SimulatedConsumer kafka = new SimulatedConsumer(world, cluster, ledger, jobs, member);
    SimulatedDeadLetters deadLetters = new SimulatedDeadLetters(world, ledger, kafka);
    Engine engine =
        Engine.builder(config(), partition -> new SimulatedHandler(world, cluster, ledger))
            .kafkaConsumer(properties -> kafka)
            .deadLetterProducer(properties -> deadLetters)
            .workers(() -> jobs)
            .clock(world)
            .random(world.random()::nextDouble)
            .logging(false)
            .meterRegistry(member.metrics)
            .build();
    member.engine = engine;
    engine.monitor().subscribeAll(member::observe);
    member.plan(kafka, end, crash);
    ShutdownOutcome outcome = engine.runOnCallingThread();
    long took = world.nanos() - member.stopRequestedAt;
    world.note("member " + life + " stopped " + outcome + " after " + took / 1_000_000 + " ms");
    double assigned = member.metrics.get(MetricsListener.ASSIGNED).gauge().value();
    if (assigned != 0) {
      ledger.violation("member %d ended with the assigned-partitions gauge at %s", life, assigned);
    }
    if (!member.metrics.find(MetricsListener.PAUSED).gauges().isEmpty()) {
      ledger.violation("member %d ended with per-partition paused gauges left", life);
    }
    if (member.stopRequestedAt < 0) {
      ledger.violation("member %d ended without being asked to (%s)", life, outcome);
    } else if (took > STOP_BOUND.toNanos()) {
      ledger.violation("member %d took %d ms to stop, over %s", life, took / 1_000_000, STOP_BOUND);
    }
    // With a second to spare for the commit, a stop whose jobs all finished in time is clean.
    boolean jobsFit =
        jobs.lastDoneAt() < member.stopRequestedAt + SHUTDOWN_TIMEOUT.minusSeconds(1).toNanos();
    if (!Boolean.TRUE.equals(crash) && jobsFit && outcome != ShutdownOutcome.CLEAN) {
      ledger.violation(
          "member %d's stop was %s, though every job in flight could finish in time",
          life, outcome);
    }
  }

  private EngineConfig config() {
    EngineConfig.Builder config =
        EngineConfig.builder()
            .bootstrapServers("simulated:9092")
            .groupId("simulated")
            .topics(SimulatedCluster.TOPIC)
            .concurrency(schedule.concurrency())
            .pauseTimeout(Duration.ofMillis(100))
            .pauseMaxTimeout(Duration.ofSeconds(2))
            .jitter(0.2)
            .shutdownTimeout(SHUTDOWN_TIMEOUT)
            .revokeTimeout(Duration.ofSeconds(5))
            .commitInterval(Duration.ofSeconds(1))
            .pollTimeout(Duration.ofMillis(100))
            .tickInterval(Duration.ofSeconds(2));
    if (schedule.deadLetter()) {
      config
          .deadLetter(
              new DeadLetterConfig(
                  SimulatedCluster.TOPIC + "-dlq", schedule.maxRetries(), schedule.independent()))
          .nonRetryableErrors(List.of(SimulatedHandler.NonRetryablePoison.class.getName()));
    }
    return config.build();
  }

  /** After the last member: every partition finished, committed, and every poison accounted. */
  private void checkFinished() {
    for (TopicPartition partition : cluster.partitions()) {
      long expected =
          schedule.deadLetter() ? cluster.log(partition).size() : cluster.firstPoison(partition);
      long frontier = ledger.frontier(partition);
      if (frontier != expected) {
        ledger.violation("%s finished at %d, expected %d", partition, frontier, expected);
      }
      long committedOffset = committedOffset(partition);
      if (committedOffset != expected) {
        ledger.violation(
            "%s committed at %d at the end, expected %d", partition, committedOffset, expected);
      }
      if (schedule.deadLetter()) {
        checkAttempts(partition);
      }
    }
  }

  private long committedOffset(TopicPartition partition) {
    OffsetAndMetadata committed = cluster.committed().get(partition);
    return committed == null ? 0 : committed.offset();
  }

  private void checkAttempts(TopicPartition partition) {
    for (int offset = 0; offset < cluster.log(partition).size(); offset++) {
      SimulatedCluster.Poison poison = cluster.poison(partition, offset);
      int attempts = ledger.attempts(partition, offset);
      if (poison == null) {
        if (ledger.isDeadLettered(partition, offset)
            && schedule.independent()
            && schedule.maxRetries() > 0) {
          ledger.violation("%s@%d dead-lettered though it fails at most once", partition, offset);
        }
        continue;
      }
      int expected =
          poison == SimulatedCluster.Poison.NON_RETRYABLE ? 1 : schedule.maxRetries() + 1;
      boolean exact = schedule.independent() || poison == SimulatedCluster.Poison.NON_RETRYABLE;
      if (attempts < (exact ? expected : 1)) {
        ledger.violation(
            "%s@%d (%s) dead-lettered after %d attempts, expected %d",
            partition, offset, poison, attempts, expected);
      } else if (attempts > expected && !ownershipChanged()) {
        ledger.violation(
            "%s@%d (%s) attempted %d times, expected %d",
            partition, offset, poison, attempts, expected);
      }
    }
  }

  /** Whether a poison record's count may have been lost with its owner: attempts may then grow. */
  private boolean ownershipChanged() {
    return schedule.countsCanBeLost() || schedule.rebalances() > 0 || schedule.restarts() > 0;
  }

  /** One member's plan: its incidents, its stop, and what its events say is paused. */
  private final class Member implements SimulatedConsumer.Incidents {
    private final boolean last;
    private final SimulatedJobs jobs;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final PriorityQueue<Incident> incidents =
        new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private final Set<TopicPartition> pausedByEvents = new HashSet<>();
    private Engine engine;
    private long stopRequestedAt = -1;
    private long calmFrom;
    private final Map<TopicPartition, Integer> attemptsAtCalm = new HashMap<>();
    private boolean started;

    Member(boolean last, SimulatedJobs jobs) {
      this.last = last;
      this.jobs = jobs;
    }

    record Incident(long at, java.util.function.Consumer<SimulatedConsumer> action) {}

    void plan(SimulatedConsumer kafka, long end, Boolean crash) {
      long from = world.nanos();
      long until = Math.min(end, faultPhaseEnd);
      for (int i = 0; i < schedule.rebalances(); i++) {
        long at = from + (long) (world.random().nextDouble() * Math.max(1, until - from));
        boolean lose = world.random().nextInt(4) == 0;
        incidents.add(new Incident(at, consumer -> rebalance(consumer, lose)));
      }
      if (last) {
        incidents.add(new Incident(Math.max(from, faultPhaseEnd), this::calm));
      } else {
        incidents.add(new Incident(end, consumer -> end(consumer, crash)));
      }
    }

    @Override
    public long nextAt() {
      if (!started) {
        return world.nanos();
      }
      Incident next = incidents.peek();
      return next == null ? Long.MAX_VALUE : next.at;
    }

    @Override
    public void fireDue(SimulatedConsumer consumer) {
      if (!started) {
        started = true;
        consumer.reassign(someOf(cluster.partitions()));
      }
      double assignedGauge = metrics.get(MetricsListener.ASSIGNED).gauge().value();
      if (assignedGauge != consumer.assignment().size()) {
        ledger.violation(
            "the assigned-partitions gauge says %s, the consumer has %s",
            assignedGauge, consumer.assignment());
      }
      while (!incidents.isEmpty() && incidents.peek().at <= world.nanos()) {
        incidents.poll().action.accept(consumer);
      }
      if (last && world.isCalm() && stopRequestedAt < 0 && (finished() || calmTooLong())) {
        world.note("finished: stop requested");
        if (!finished()) {
          ledger.violation(
              "not finished %s after %s of calm; paused by events: %s",
              progress(), CALM_BUDGET, pausedByEvents);
        }
        requestStop();
      }
    }

    @Override
    public void runaway() {
      requestStop();
    }

    private void rebalance(SimulatedConsumer consumer, boolean lose) {
      if (stopRequestedAt >= 0 || world.isCalm()) {
        return;
      }
      if (lose && !consumer.assignment().isEmpty()) {
        consumer.lose(someOf(consumer.assignment()));
      }
      consumer.reassign(someOf(cluster.partitions()));
    }

    private void calm(SimulatedConsumer consumer) {
      world.calm();
      calmFrom = world.nanos();
      for (TopicPartition partition : cluster.partitions()) {
        attemptsAtCalm.put(partition, ledger.attempts(partition, cluster.firstPoison(partition)));
      }
      consumer.reassign(cluster.partitions());
    }

    private boolean calmTooLong() {
      return world.nanos() - calmFrom > CALM_BUDGET.toNanos();
    }

    private void end(SimulatedConsumer consumer, boolean crash) {
      if (crash) {
        world.note("crash: the member is gone");
        consumer.fence();
      } else {
        world.note("stop requested");
      }
      requestStop();
    }

    private void requestStop() {
      stopRequestedAt = world.nanos();
      jobs.watchFromNow();
      engine.requestStop();
    }

    /**
     * Done: every partition at its end and not paused, or, without a dead-letter topic, held at its
     * first poison record and still retrying it.
     */
    private boolean finished() {
      if (jobs.nextDoneAt() != Long.MAX_VALUE) {
        return false; // a job from before the calm is still running
      }
      for (TopicPartition partition : cluster.partitions()) {
        long frontier = ledger.frontier(partition);
        long poison = cluster.firstPoison(partition);
        boolean heldAtPoison =
            !schedule.deadLetter() && frontier == poison && poison < cluster.log(partition).size();
        if (heldAtPoison) {
          if (ledger.attempts(partition, poison) < attemptsAtCalm.getOrDefault(partition, 0) + 2) {
            return false;
          }
        } else if (frontier < cluster.log(partition).size()
            || committedOffset(partition) < frontier
            || pausedByEvents.contains(partition)) {
          return false;
        }
      }
      return true;
    }

    private String progress() {
      StringBuilder text = new StringBuilder();
      for (TopicPartition partition : cluster.partitions()) {
        text.append(partition)
            .append(" at ")
            .append(ledger.frontier(partition))
            .append('/')
            .append(cluster.log(partition).size())
            .append(' ');
      }
      return text.toString().trim();
    }

    void observe(Event event) {
      if (event instanceof Event.PartitionPaused
          || event instanceof Event.PartitionResumed
          || event instanceof Event.ErrorOccurred) {
        world.note("event " + event);
      }
      if (event instanceof Event.PartitionPaused paused) {
        pausedByEvents.add(paused.partition());
      } else if (event instanceof Event.PartitionResumed resumed) {
        pausedByEvents.remove(resumed.partition());
      } else if (event instanceof Event.PartitionsRevoked revoked) {
        pausedByEvents.removeAll(revoked.partitions());
      }
    }

    private List<TopicPartition> someOf(Set<TopicPartition> partitions) {
      return someOf(List.copyOf(partitions));
    }

    private List<TopicPartition> someOf(List<TopicPartition> partitions) {
      List<TopicPartition> chosen = new ArrayList<>();
      for (TopicPartition partition :
          partitions.stream().sorted((a, b) -> a.partition() - b.partition()).toList()) {
        if (world.random().nextBoolean()) {
          chosen.add(partition);
        }
      }
      return chosen;
    }
  }
}
