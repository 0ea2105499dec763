package io.drover.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The status and scale subresources behave as Kubernetes defines them on a real API server: spec
 * and status are written separately, generation moves only with the spec, and {@code /scale} reads
 * and writes {@code spec.replicas} with the pods' label selector from status.
 */
class SubresourcesIT {

  private static final String NAMESPACE = "subresources";

  @Test
  void aSpecUpdateKeepsStatusAndMovesGeneration() {
    Resource<ConsumerGroup> group = create("spec-update");
    RealServer.client().resource(withStatus(group.get(), 1L)).updateStatus();

    ConsumerGroup changed = group.get();
    changed.getSpec().replicas = 2;
    changed.setStatus(null);
    RealServer.client().resource(changed).update();

    ConsumerGroup stored = group.get();
    assertThat(stored.getSpec().replicas).isEqualTo(2);
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(stored.getStatus().observedGeneration).isEqualTo(1L);
    assertThat(stored.getStatus().conditions).extracting("type").containsExactly("Ready");
  }

  @Test
  void aStatusWriteKeepsSpecAndGeneration() {
    Resource<ConsumerGroup> group = create("status-write");
    ConsumerGroup withOtherSpec = withStatus(group.get(), 1L);
    withOtherSpec.getSpec().replicas = 7;

    RealServer.client().resource(withOtherSpec).updateStatus();

    ConsumerGroup stored = group.get();
    assertThat(stored.getSpec().replicas).isEqualTo(1);
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(stored.getStatus().observedGeneration).isEqualTo(1L);
  }

  @Test
  void scaleReadsAndWritesReplicasWithTheSelectorFromStatus() {
    Resource<ConsumerGroup> group = create("scale");
    ConsumerGroup observed = withStatus(group.get(), 1L);
    observed.getStatus().replicas = 1;
    observed.getStatus().selector = "app.kubernetes.io/instance=scale";
    RealServer.client().resource(observed).updateStatus();

    Scale before = group.scale();
    group.scale(3);

    assertThat(before.getSpec().getReplicas()).isEqualTo(1);
    assertThat(before.getStatus().getReplicas()).isEqualTo(1);
    assertThat(before.getStatus().getSelector()).isEqualTo("app.kubernetes.io/instance=scale");
    assertThat(group.get().getSpec().replicas).isEqualTo(3);
    assertThat(group.get().getMetadata().getGeneration()).isEqualTo(2L);
  }

  private static Resource<ConsumerGroup> create(String name) {
    KubernetesClient client = RealServer.client();
    ConsumerGroup group = new ConsumerGroup();
    group.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    ConsumerGroupSpec spec = new ConsumerGroupSpec();
    spec.bootstrapServers = "kafka:9092";
    spec.topics = List.of("orders");
    spec.consumer = new ConsumerGroupSpec.ConsumerKind();
    spec.consumer.log = new ConsumerGroupSpec.LogSink();
    group.setSpec(spec);
    client.resource(group).create();
    return client.resources(ConsumerGroup.class).inNamespace(NAMESPACE).withName(name);
  }

  private static ConsumerGroup withStatus(ConsumerGroup group, long observedGeneration) {
    ConsumerGroupStatus status = new ConsumerGroupStatus();
    status.observedGeneration = observedGeneration;
    status.conditions.add(
        new ConditionBuilder()
            .withType(ConsumerGroupStatus.READY)
            .withStatus("Unknown")
            .withReason("Reconciling")
            .withMessage("first visit")
            .withLastTransitionTime("2026-11-30T00:00:00Z")
            .build());
    group.setStatus(status);
    return group;
  }
}
