package io.drover.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupSpec;
import io.drover.api.v1alpha1.ConsumerGroupStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each group's status becomes three gauges, updated in place and removed when the group goes. */
class ConsumerGroupGaugesTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ConsumerGroupGauges gauges = new ConsumerGroupGauges(registry);

  @Test
  void recordsDesiredReadyAndTheReadyConditionPerGroup() {
    gauges.record(group("orders", 3, 1, "False"));
    gauges.record(group("payments", 2, 2, "True"));

    assertThat(value(ConsumerGroupGauges.DESIRED_REPLICAS, "orders")).isEqualTo(3);
    assertThat(value(ConsumerGroupGauges.READY_REPLICAS, "orders")).isEqualTo(1);
    assertThat(value(ConsumerGroupGauges.READY, "orders")).isZero();
    assertThat(value(ConsumerGroupGauges.READY, "payments")).isEqualTo(1);

    gauges.record(group("orders", 3, 3, "True"));
    assertThat(value(ConsumerGroupGauges.READY_REPLICAS, "orders")).isEqualTo(3);
    assertThat(value(ConsumerGroupGauges.READY, "orders")).isEqualTo(1);
    assertThat(registry.find(ConsumerGroupGauges.READY).gauges()).hasSize(2);
  }

  @Test
  void aDeletedGroupsGaugesGoAndOtherEventsLeaveThem() {
    ConsumerGroup orders = group("orders", 3, 1, "False");
    gauges.record(orders);
    gauges.record(group("payments", 2, 2, "True"));

    gauges.receivedEvent(
        new ResourceEvent(ResourceAction.UPDATED, ResourceID.fromResource(orders), orders),
        Map.of());
    assertThat(registry.find(ConsumerGroupGauges.READY).gauges()).hasSize(2);

    gauges.receivedEvent(
        new ResourceEvent(ResourceAction.DELETED, ResourceID.fromResource(orders), orders),
        Map.of());
    assertThat(registry.find(ConsumerGroupGauges.READY).tag("consumergroup", "orders").gauges())
        .isEmpty();
    assertThat(registry.find(ConsumerGroupGauges.DESIRED_REPLICAS).gauges()).hasSize(1);
  }

  private double value(String name, String group) {
    return registry
        .get(name)
        .tag("consumergroup_namespace", "shop")
        .tag("consumergroup", group)
        .gauge()
        .value();
  }

  private static ConsumerGroup group(String name, int replicas, int ready, String readyStatus) {
    ConsumerGroup group = new ConsumerGroup();
    group.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("shop").build());
    group.setSpec(new ConsumerGroupSpec());
    group.getSpec().replicas = replicas;
    ConsumerGroupStatus status = new ConsumerGroupStatus();
    status.readyReplicas = ready;
    status.conditions.add(
        new ConditionBuilder().withType(ConsumerGroupStatus.READY).withStatus(readyStatus).build());
    group.setStatus(status);
    return group;
  }
}
