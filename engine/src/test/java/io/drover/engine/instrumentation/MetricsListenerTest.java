package io.drover.engine.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Every documented metric appears once its event happens, with bounded labels only, and the
 * per-partition gauges follow pauses and leave with the partition.
 */
class MetricsListenerTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Monitor monitor = new Monitor();

  MetricsListenerTest() {
    new MetricsListener(registry, "billing").attachTo(monitor);
  }

  @Test
  void everyDocumentedMetricAppearsWithBoundedLabels() {
    monitor.publish(new Event.PartitionsAssigned(Set.of(ORDERS_0)));
    monitor.publish(new Event.BatchConsumed(ORDERS_0, 10, 0, 9, Duration.ofMillis(5), 1));
    monitor.publish(
        new Event.ErrorOccurred(
            ErrorType.CONSUMER_CONSUME, new IllegalStateException("x"), this, ORDERS_0, 10, 1));
    monitor.publish(
        new Event.PartitionPaused(ORDERS_0, 10, 1, Duration.ofMillis(1500), new Exception()));
    monitor.publish(new Event.PartitionResumed(ORDERS_0, 10, 2));
    monitor.publish(new Event.PartitionRecovered(ORDERS_0, 10, 1));
    monitor.publish(new Event.DeadLetterDispatched(ORDERS_0, 11, "dlq", 4, "E"));
    monitor.publish(new Event.ResourceReconnected("db", 1, "E"));

    Set<String> names =
        registry.getMeters().stream().map(m -> m.getId().getName()).collect(Collectors.toSet());
    assertThat(names).containsExactlyInAnyOrderElementsOf(MetricsListener.NAMES);
    Set<String> labels =
        registry.getMeters().stream()
            .flatMap(m -> m.getId().getTags().stream())
            .map(tag -> tag.getKey())
            .collect(Collectors.toSet());
    assertThat(labels)
        .containsExactlyInAnyOrder(
            "consumergroup", "topic", "partition", "type", "event", "resource", "state");
    assertThat(registry.get(MetricsListener.MESSAGES_CONSUMED).counter().count()).isEqualTo(10);
    assertThat(
            registry
                .get(MetricsListener.ERRORS)
                .tag("type", "consumer.consume.error")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void partitionGaugesFollowThePauseAndLeaveWithThePartition() {
    monitor.publish(new Event.PartitionsAssigned(Set.of(ORDERS_0)));
    monitor.publish(
        new Event.PartitionPaused(ORDERS_0, 3, 2, Duration.ofMillis(2500), new Exception()));

    assertThat(registry.get(MetricsListener.PAUSED).gauge().value()).isEqualTo(1);
    assertThat(registry.get(MetricsListener.BACKOFF).gauge().value()).isEqualTo(2.5);

    monitor.publish(new Event.PartitionResumed(ORDERS_0, 3, 3));
    assertThat(registry.get(MetricsListener.PAUSED).gauge().value()).isZero();

    monitor.publish(new Event.PartitionsRevoked(Set.of(ORDERS_0), false));
    assertThat(registry.find(MetricsListener.PAUSED).meters()).isEmpty();
    assertThat(registry.get(MetricsListener.ASSIGNED).gauge().value()).isZero();
  }

  @Test
  void theAssignedGaugeCountsPartitionsNotEvents() {
    TopicPartition p0 = new TopicPartition("orders", 0);
    TopicPartition p1 = new TopicPartition("orders", 1);
    TopicPartition p2 = new TopicPartition("orders", 2);

    monitor.publish(new Event.PartitionsAssigned(Set.of(p0, p1)));
    monitor.publish(new Event.PartitionsAssigned(Set.of(p0)));
    monitor.publish(new Event.PartitionsRevoked(Set.of(p1), false));
    assertThat(registry.get(MetricsListener.ASSIGNED).gauge().value()).isEqualTo(1);

    monitor.publish(new Event.PartitionsRevoked(Set.of(p0, p2), true));
    assertThat(registry.get(MetricsListener.ASSIGNED).gauge().value()).isZero();
  }
}
