package io.drover.operator.metrics;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupStatus;
import io.drover.operator.model.Specs;
import io.fabric8.kubernetes.api.model.Condition;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Each ConsumerGroup's status as gauges, so that dashboards and alerts see desired and ready
 * replicas without kube-state-metrics. The reconciler records a group after each status it
 * computes; a group's gauges go when JOSDK reports the group deleted, which is why this is a JOSDK
 * {@link Metrics} listener.
 */
public final class ConsumerGroupGauges implements Metrics {

  /** Replicas the spec asks for. */
  public static final String DESIRED_REPLICAS = "drover.consumergroup.replicas.desired";

  /** Replicas whose readiness probe passes. */
  public static final String READY_REPLICAS = "drover.consumergroup.replicas.ready";

  /** 1 while the Ready condition is True. */
  public static final String READY = "drover.consumergroup.ready";

  /** The label naming the ConsumerGroup, as on the runtime's metrics. */
  public static final String GROUP_LABEL = "consumergroup";

  /**
   * The label of the ConsumerGroup's namespace. Not {@code namespace}: Prometheus sets that one to
   * the operator pod's own, and would rename ours to {@code exported_namespace} without {@code
   * honor_labels}. The alert rules copy it into {@code namespace} with {@code label_replace}.
   */
  public static final String NAMESPACE_LABEL = "consumergroup_namespace";

  private record Reading(int desired, int ready, boolean isReady) {}

  private final MeterRegistry registry;
  private final Map<ResourceID, Reading> readings = new ConcurrentHashMap<>();
  private final Map<ResourceID, List<Meter>> meters = new ConcurrentHashMap<>();

  public ConsumerGroupGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Takes the group's current spec and status. */
  public void record(ConsumerGroup group) {
    ResourceID id = ResourceID.fromResource(group);
    ConsumerGroupStatus status = group.getStatus();
    int ready = status == null || status.readyReplicas == null ? 0 : status.readyReplicas;
    readings.put(id, new Reading(Specs.replicas(group.getSpec()), ready, isReady(status)));
    meters.computeIfAbsent(id, this::register);
  }

  @Override
  public void receivedEvent(Event event, Map<String, Object> metadata) {
    if (event instanceof ResourceEvent resourceEvent
        && resourceEvent.getAction() == ResourceAction.DELETED
        && resourceEvent.getResource().filter(ConsumerGroup.class::isInstance).isPresent()) {
      forget(event.getRelatedCustomResourceID());
    }
  }

  private void forget(ResourceID id) {
    List<Meter> removed = meters.remove(id);
    if (removed != null) {
      removed.forEach(registry::remove);
    }
    readings.remove(id);
  }

  private List<Meter> register(ResourceID id) {
    Tags tags = Tags.of(NAMESPACE_LABEL, id.getNamespace().orElse(""), GROUP_LABEL, id.getName());
    return List.of(
        gauge(
            DESIRED_REPLICAS,
            "Replicas the ConsumerGroup's spec asks for",
            id,
            tags,
            r -> r.desired()),
        gauge(
            READY_REPLICAS,
            "Runtime pods of the ConsumerGroup that are ready",
            id,
            tags,
            r -> r.ready()),
        gauge(
            READY,
            "1 while the ConsumerGroup's Ready condition is True",
            id,
            tags,
            r -> r.isReady() ? 1 : 0));
  }

  private Gauge gauge(
      String name, String help, ResourceID id, Tags tags, ToDoubleFunction<Reading> value) {
    return Gauge.builder(
            name,
            readings,
            all -> all.containsKey(id) ? value.applyAsDouble(all.get(id)) : Double.NaN)
        .description(help)
        .tags(tags)
        .register(registry);
  }

  private static boolean isReady(ConsumerGroupStatus status) {
    if (status == null || status.conditions == null) {
      return false;
    }
    return status.conditions.stream()
        .filter(c -> ConsumerGroupStatus.READY.equals(c.getType()))
        .map(Condition::getStatus)
        .anyMatch("True"::equals);
  }
}
