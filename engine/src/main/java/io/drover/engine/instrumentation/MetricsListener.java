package io.drover.engine.instrumentation;

import io.drover.engine.ClusterState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns events into Micrometer meters. The names are API: they are listed, with their Prometheus
 * forms, in {@code docs/metrics.md}. Labels are bounded: consumer group, topic, partition, error
 * type, rebalance kind and resource name; never keys, offsets or exception messages.
 */
public final class MetricsListener implements EventListener {

  /** Messages consumed successfully (counter). */
  public static final String MESSAGES_CONSUMED = "drover.messages.consumed";

  /** Time {@code consume} took per successful batch (timer, seconds). */
  public static final String BATCH_DURATION = "drover.batch.duration";

  /** Errors by type (counter). */
  public static final String ERRORS = "drover.errors";

  /** Pauses of a partition, after errors or on request (counter). */
  public static final String PAUSES = "drover.partition.pauses";

  /** Whether a partition is paused now (gauge, 0 or 1). */
  public static final String PAUSED = "drover.partition.paused";

  /** The length of a partition's current pause (gauge, seconds; 0 when not paused). */
  public static final String BACKOFF = "drover.partition.backoff";

  /** A partition's consecutive failures (gauge; 0 after a success). */
  public static final String CONSECUTIVE_FAILURES = "drover.partition.consecutive.failures";

  /** Batches consumed again after a failure (counter). */
  public static final String RETRIES = "drover.retries";

  /** Partitions that succeeded after failing (counter). */
  public static final String RECOVERIES = "drover.partition.recoveries";

  /** Messages written to the dead-letter topic (counter). */
  public static final String DEAD_LETTERS = "drover.dead.letters";

  /** Rebalance events by kind: assigned, revoked, lost (counter). */
  public static final String REBALANCES = "drover.rebalances";

  /** Partitions assigned to this process now (gauge). */
  public static final String ASSIGNED = "drover.partitions.assigned";

  /** The connection to the cluster: 1 for the current state, 0 for the others (gauge). */
  public static final String CONNECTION_STATE = "drover.kafka.connection.state";

  /** Reconnections of managed resources (counter). */
  public static final String RECONNECTS = "drover.resource.reconnects";

  /**
   * The label that names the consumer group on every metric. The operator's metrics use the same
   * name, so one query can join both; it is not {@code namespace}, which Prometheus adds itself.
   */
  public static final String GROUP_LABEL = "consumergroup";

  /** Every metric name above, for documentation and tests. */
  public static final List<String> NAMES =
      List.of(
          MESSAGES_CONSUMED,
          BATCH_DURATION,
          ERRORS,
          PAUSES,
          PAUSED,
          BACKOFF,
          CONSECUTIVE_FAILURES,
          RETRIES,
          RECOVERIES,
          DEAD_LETTERS,
          REBALANCES,
          CONNECTION_STATE,
          ASSIGNED,
          RECONNECTS);

  private final MeterRegistry registry;
  private final String consumerGroup;
  private final Map<TopicPartition, PartitionGauges> partitions = new ConcurrentHashMap<>();
  private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
  private volatile ClusterState clusterState = ClusterState.CONNECTING;

  /**
   * Creates the listener for one consumer group.
   *
   * @param consumerGroup the value of every metric's {@value #GROUP_LABEL} label
   */
  public MetricsListener(MeterRegistry registry, String consumerGroup) {
    this.registry = registry;
    this.consumerGroup = consumerGroup;
    // A set, not a count: a partition assigned twice or revoked unseen must not make it drift.
    Gauge.builder(ASSIGNED, assigned, Set::size)
        .description("Partitions assigned to this process")
        .tags(GROUP_LABEL, consumerGroup)
        .register(registry);
    for (ClusterState state : ClusterState.values()) {
      Gauge.builder(CONNECTION_STATE, () -> clusterState == state ? 1 : 0)
          .description("1 for the current state of the connection to the Kafka cluster")
          .tags(GROUP_LABEL, consumerGroup, "state", state.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
  }

  /** Subscribes this listener to every event of {@code monitor}. */
  public void attachTo(Monitor monitor) {
    monitor.subscribeAll(this);
  }

  @Override
  public void on(Event event) {
    if (event instanceof Event.BatchConsumed e) {
      counter(MESSAGES_CONSUMED, e.partition()).increment(e.size());
      timer(e.partition()).record(e.duration());
      gauges(e.partition()).failures.set(0);
    } else if (event instanceof Event.ErrorOccurred e) {
      onError(e);
    } else if (event instanceof Event.PartitionPaused e) {
      counter(PAUSES, e.partition()).increment();
      PartitionGauges gauges = gauges(e.partition());
      gauges.paused.set(1);
      gauges.backoffMillis.set((int) Math.min(Integer.MAX_VALUE, e.pause().toMillis()));
    } else if (event instanceof Event.PartitionResumed e) {
      PartitionGauges gauges = gauges(e.partition());
      gauges.paused.set(0);
      gauges.backoffMillis.set(0);
      if (e.nextAttempt() > 1) {
        counter(RETRIES, e.partition()).increment();
      }
    } else if (event instanceof Event.PartitionRecovered e) {
      counter(RECOVERIES, e.partition()).increment();
    } else if (event instanceof Event.DeadLetterDispatched e) {
      counter(DEAD_LETTERS, e.partition()).increment();
      gauges(e.partition()).failures.set(0);
    } else if (event instanceof Event.PartitionsAssigned e) {
      assigned.addAll(e.partitions());
      registry.counter(REBALANCES, GROUP_LABEL, consumerGroup, "event", "assigned").increment();
    } else if (event instanceof Event.PartitionsRevoked e) {
      assigned.removeAll(e.partitions());
      registry
          .counter(REBALANCES, GROUP_LABEL, consumerGroup, "event", e.lost() ? "lost" : "revoked")
          .increment();
      e.partitions().forEach(this::forget);
    } else if (event instanceof Event.ClusterStateChanged e) {
      clusterState = e.state();
    } else if (event instanceof Event.ResourceReconnected e) {
      registry
          .counter(RECONNECTS, GROUP_LABEL, consumerGroup, "resource", e.resource())
          .increment();
    }
  }

  private void onError(Event.ErrorOccurred e) {
    TopicPartition partition = e.partition();
    registry
        .counter(
            ERRORS,
            Tags.of(GROUP_LABEL, consumerGroup, "type", e.type().id())
                .and("topic", partition == null ? "" : partition.topic())
                .and("partition", partition == null ? "" : Integer.toString(partition.partition())))
        .increment();
    if (e.type() == ErrorType.CONSUMER_CONSUME && partition != null) {
      gauges(partition).failures.set(e.attempt());
    }
  }

  private Counter counter(String name, TopicPartition partition) {
    return registry.counter(name, partitionTags(partition));
  }

  private Timer timer(TopicPartition partition) {
    return Timer.builder(BATCH_DURATION)
        .description("Time consume took per successful batch")
        .tags(GROUP_LABEL, consumerGroup, "topic", partition.topic())
        .publishPercentileHistogram()
        .register(registry);
  }

  private Tags partitionTags(TopicPartition partition) {
    return Tags.of(
        GROUP_LABEL,
        consumerGroup,
        "topic",
        partition.topic(),
        "partition",
        Integer.toString(partition.partition()));
  }

  private PartitionGauges gauges(TopicPartition partition) {
    return partitions.computeIfAbsent(
        partition, p -> new PartitionGauges(registry, partitionTags(p)));
  }

  private void forget(TopicPartition partition) {
    PartitionGauges gauges = partitions.remove(partition);
    if (gauges != null) {
      gauges.meters.forEach(registry::remove);
    }
  }

  /** The per-partition gauges, removed when the partition leaves this process. */
  private static final class PartitionGauges {
    final AtomicInteger paused = new AtomicInteger();
    final AtomicInteger backoffMillis = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final List<Meter> meters;

    PartitionGauges(MeterRegistry registry, Tags tags) {
      meters =
          List.of(
              Gauge.builder(PAUSED, paused, AtomicInteger::get)
                  .description("1 while the partition is paused")
                  .tags(tags)
                  .register(registry),
              Gauge.builder(BACKOFF, backoffMillis, millis -> millis.get() / 1000.0)
                  .description("Length of the partition's current pause")
                  .baseUnit("seconds")
                  .tags(tags)
                  .register(registry),
              Gauge.builder(CONSECUTIVE_FAILURES, failures, AtomicInteger::get)
                  .description("Consecutive failures of the partition")
                  .tags(tags)
                  .register(registry));
    }
  }
}
