package io.drover.operator.model;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The ConsumerGroup's status, from what the operator saw. The {@code Ready} condition's reasons are
 * a closed set, documented in docs/consumergroup.md.
 */
public final class StatusModel {

  /** First visit: nothing is known yet. */
  public static final String RECONCILING = "Reconciling";

  /** The Deployment has not yet reported on the current pod template. */
  public static final String PROGRESSING = "Progressing";

  /** Every desired pod is ready. */
  public static final String ALL_REPLICAS_READY = "AllReplicasReady";

  /** Zero replicas asked for: nothing consumes, on purpose. */
  public static final String SCALED_TO_ZERO = "ScaledToZero";

  /** Fewer pods are ready than asked for. */
  public static final String REPLICAS_UNAVAILABLE = "ReplicasUnavailable";

  /** The operator failed to apply the objects; it retries with back-off. */
  public static final String RECONCILE_FAILED = "ReconcileFailed";

  private static final String TRUE = "True";
  private static final String FALSE = "False";
  private static final String UNKNOWN = "Unknown";

  private StatusModel() {}

  /** Makes sure there is a status, with {@code Ready=Unknown} on the first visit. */
  public static ConsumerGroupStatus ensure(ConsumerGroup group, Instant now) {
    if (group.getStatus() == null) {
      group.setStatus(new ConsumerGroupStatus());
    }
    ConsumerGroupStatus status = group.getStatus();
    if (status.conditions.stream().noneMatch(c -> c.getType().equals(ConsumerGroupStatus.READY))) {
      set(
          group,
          UNKNOWN,
          RECONCILING,
          "The operator has seen this ConsumerGroup and is creating its objects.",
          now);
    }
    status.selector = Labels.asString(Labels.selector(group));
    List<String> topics = group.getSpec() == null ? null : group.getSpec().topics;
    status.topics = topics == null ? null : String.join(",", topics);
    return status;
  }

  /** {@code Ready=False} with the first problem's reason and every problem's message. */
  public static void invalid(ConsumerGroup group, List<Problem> problems, Instant now) {
    ensure(group, now);
    String message =
        problems.stream()
            .map(Problem::message)
            .collect(Collectors.joining(" "))
            .concat(" Existing pods are left as they were.");
    set(group, FALSE, problems.get(0).reason(), message, now);
    group.getStatus().observedGeneration = group.getMetadata().getGeneration();
  }

  /** Replica counts and {@code Ready} from the Deployment, null when it is not seen yet. */
  public static void fromDeployment(ConsumerGroup group, Deployment deployment, Instant now) {
    ConsumerGroupStatus status = ensure(group, now);
    status.observedGeneration = group.getMetadata().getGeneration();
    int desired = Specs.replicas(group.getSpec());
    DeploymentStatus observed = deployment == null ? null : deployment.getStatus();
    if (observed == null
        || observed.getObservedGeneration() == null
        || observed.getObservedGeneration() < deployment.getMetadata().getGeneration()) {
      set(group, UNKNOWN, PROGRESSING, "Waiting for the Deployment to report on its pods.", now);
      return;
    }
    int replicas = zeroIfNull(observed.getReplicas());
    int ready = zeroIfNull(observed.getReadyReplicas());
    int updated = zeroIfNull(observed.getUpdatedReplicas());
    status.replicas = replicas;
    status.readyReplicas = ready;
    if (desired == 0) {
      set(group, TRUE, SCALED_TO_ZERO, "Scaled to zero replicas; nothing consumes.", now);
    } else if (ready >= desired && updated >= desired) {
      set(group, TRUE, ALL_REPLICAS_READY, ready + " of " + desired + " pods are ready.", now);
    } else {
      set(
          group,
          FALSE,
          REPLICAS_UNAVAILABLE,
          ready
              + " of "
              + desired
              + " pods are ready. Check the pods' events and logs: kubectl describe pods -l "
              + Labels.asString(Labels.selector(group)),
          now);
    }
  }

  /** {@code Ready=False} because applying the objects failed. */
  public static void failed(ConsumerGroup group, String message, Instant now) {
    ensure(group, now);
    set(group, FALSE, RECONCILE_FAILED, message, now);
  }

  // lastTransitionTime moves only when the status value does, as Kubernetes conditions do.
  private static void set(
      ConsumerGroup group, String value, String reason, String message, Instant now) {
    List<Condition> conditions = group.getStatus().conditions;
    Condition previous =
        conditions.stream()
            .filter(c -> c.getType().equals(ConsumerGroupStatus.READY))
            .findFirst()
            .orElse(null);
    String transition =
        previous != null && value.equals(previous.getStatus())
            ? previous.getLastTransitionTime()
            : now.truncatedTo(ChronoUnit.SECONDS).toString();
    conditions.remove(previous);
    conditions.add(
        new ConditionBuilder()
            .withType(ConsumerGroupStatus.READY)
            .withStatus(value)
            .withReason(reason)
            .withMessage(message)
            .withLastTransitionTime(transition)
            .withObservedGeneration(group.getMetadata().getGeneration())
            .build());
  }

  private static int zeroIfNull(Integer value) {
    return value == null ? 0 : value;
  }
}
