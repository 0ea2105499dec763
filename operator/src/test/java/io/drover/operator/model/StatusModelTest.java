package io.drover.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusModelTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-23T10:05:00Z");

  @Test
  void theFirstVisitSetsReadyUnknown() {
    ConsumerGroup group = Groups.httpSink();
    StatusModel.ensure(group, T0);
    assertThat(ready(group).getStatus()).isEqualTo("Unknown");
    assertThat(ready(group).getReason()).isEqualTo(StatusModel.RECONCILING);
    assertThat(ready(group).getObservedGeneration()).isEqualTo(1L);
  }

  @Test
  void theTopicsColumnIsTheSpecsTopicsJoinedWithCommas() {
    ConsumerGroup group = Groups.httpSink();
    group.getSpec().topics = java.util.List.of("orders", "refunds");
    StatusModel.ensure(group, T0);
    assertThat(group.getStatus().topics).isEqualTo("orders,refunds");
  }

  @Test
  void readyFollowsTheDeploymentAndTheTransitionTimeMovesOnlyOnChange() {
    ConsumerGroup group = Groups.httpSink();
    StatusModel.fromDeployment(group, deployment(1, 1), T0);
    assertThat(ready(group).getStatus()).isEqualTo("True");
    StatusModel.fromDeployment(group, deployment(1, 1), T1);
    assertThat(ready(group).getLastTransitionTime()).isEqualTo(T0.toString());
    StatusModel.fromDeployment(group, deployment(1, 0), T1);
    assertThat(ready(group).getStatus()).isEqualTo("False");
    assertThat(ready(group).getLastTransitionTime()).isEqualTo(T1.toString());
    assertThat(group.getStatus().conditions).hasSize(1);
  }

  @Test
  void anUnobservedDeploymentIsProgressing() {
    ConsumerGroup group = Groups.httpSink();
    StatusModel.fromDeployment(group, null, T0);
    assertThat(ready(group).getReason()).isEqualTo(StatusModel.PROGRESSING);
  }

  @Test
  void problemsSetReadyFalseWithTheFirstReasonAndEveryMessage() {
    ConsumerGroup group = Groups.httpSink();
    StatusModel.invalid(
        group,
        List.of(
            new Problem(Problem.FORBIDDEN_CONFIG_KEY, "spec.config[\"a\"]", "First."),
            new Problem(Problem.SECRET_NOT_FOUND, "spec.sasl", "Second.")),
        T0);
    assertThat(ready(group).getStatus()).isEqualTo("False");
    assertThat(ready(group).getReason()).isEqualTo(Problem.FORBIDDEN_CONFIG_KEY);
    assertThat(ready(group).getMessage()).contains("First.").contains("Second.");
  }

  private static Deployment deployment(int replicas, int ready) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withGeneration(3L)
        .endMetadata()
        .withNewStatus()
        .withObservedGeneration(3L)
        .withReplicas(replicas)
        .withUpdatedReplicas(replicas)
        .withReadyReplicas(ready)
        .endStatus()
        .build();
  }

  private static Condition ready(ConsumerGroup group) {
    return group.getStatus().conditions.get(0);
  }
}
