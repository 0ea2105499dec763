package io.drover.operator.reconciler;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.events.OperatorEventReason;
import io.drover.operator.events.OperatorEvents;
import io.drover.operator.metrics.ConsumerGroupGauges;
import io.drover.operator.model.DesiredResources;
import io.drover.operator.model.Problem;
import io.drover.operator.model.SpecValidator;
import io.drover.operator.model.StatusModel;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles a ConsumerGroup in four steps: validate what admission could not; compute every owned
 * object from the pure model; apply them through the dependents; report status.
 *
 * <p>The workflow is invoked explicitly, after validation, so that an invalid spec leaves every
 * existing object, and so the running pods, untouched.
 */
@Workflow(
    explicitInvocation = true,
    dependents = {
      @Dependent(name = "config", type = ConfigMapDependent.class),
      @Dependent(
          name = "service-account",
          type = ServiceAccountDependent.class,
          reconcilePrecondition = Preconditions.OwnServiceAccount.class),
      @Dependent(
          name = "events-role",
          type = EventsRoleDependent.class,
          reconcilePrecondition = Preconditions.OwnServiceAccount.class),
      @Dependent(
          name = "events-role-binding",
          type = EventsRoleBindingDependent.class,
          reconcilePrecondition = Preconditions.OwnServiceAccount.class),
      @Dependent(name = "deployment", type = DeploymentDependent.class, dependsOn = "config"),
      @Dependent(
          name = "metrics-service",
          type = MetricsServiceDependent.class,
          reconcilePrecondition = Preconditions.MetricsEnabled.class),
      @Dependent(
          name = "pod-disruption-budget",
          type = PodDisruptionBudgetDependent.class,
          reconcilePrecondition = Preconditions.SeveralReplicas.class)
    })
@ControllerConfiguration(name = ConsumerGroupReconciler.NAME)
public class ConsumerGroupReconciler implements Reconciler<ConsumerGroup> {

  /** The controller's name, as in metrics and logs. */
  public static final String NAME = "consumergroup";

  /** How soon a spec that waits for a Secret is checked again. */
  public static final Duration SECRET_RECHECK = Duration.ofMinutes(1);

  private final String defaultRuntimeImage;
  private final OperatorEvents events;
  private final ConsumerGroupGauges gauges;
  private final Clock clock;

  public ConsumerGroupReconciler(
      String defaultRuntimeImage, OperatorEvents events, ConsumerGroupGauges gauges, Clock clock) {
    this.defaultRuntimeImage = defaultRuntimeImage;
    this.events = events;
    this.gauges = gauges;
    this.clock = clock;
  }

  @Override
  public UpdateControl<ConsumerGroup> reconcile(
      ConsumerGroup group, Context<ConsumerGroup> context) {
    List<Problem> problems = SpecValidator.validate(group, secretKeys(context.getClient()));
    if (!problems.isEmpty()) {
      StatusModel.invalid(group, problems, clock.instant());
      gauges.record(group);
      events.record(
          group,
          OperatorEventReason.InvalidSpec,
          problems.stream().map(Problem::message).collect(Collectors.joining(" ")));
      UpdateControl<ConsumerGroup> control = UpdateControl.patchStatus(group);
      // A missing Secret may appear without a spec change, and Secrets are not watched: check
      // again later. Other problems need a spec change, which triggers a reconcile by itself.
      return problems.stream().anyMatch(Problem::mayResolveItself)
          ? control.rescheduleAfter(SECRET_RECHECK)
          : control;
    }
    if (events.lastWas(group, OperatorEventReason.InvalidSpec)) {
      events.record(
          group, OperatorEventReason.SpecAccepted, "The spec is valid again and is being applied.");
    }

    Desired.put(context, DesiredResources.of(group, defaultRuntimeImage));
    context
        .managedWorkflowAndDependentResourceContext()
        .reconcileManagedWorkflow()
        .throwAggregateExceptionIfErrorsPresent();

    StatusModel.fromDeployment(
        group, context.getSecondaryResource(Deployment.class).orElse(null), clock.instant());
    gauges.record(group);
    return UpdateControl.patchStatus(group);
  }

  @Override
  public ErrorStatusUpdateControl<ConsumerGroup> updateErrorStatus(
      ConsumerGroup group, Context<ConsumerGroup> context, Exception e) {
    String message =
        "Applying the objects failed: "
            + bounded(String.valueOf(e.getMessage()))
            + ". The operator retries with back-off.";
    StatusModel.failed(group, message, clock.instant());
    gauges.record(group);
    events.record(group, OperatorEventReason.ReconcileFailed, message);
    return ErrorStatusUpdateControl.patchStatus(group);
  }

  private static SpecValidator.SecretKeys secretKeys(KubernetesClient client) {
    // A GET by name: the operator never lists or watches Secrets, and reads only key names.
    return (namespace, name) ->
        Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get())
            .map(ConsumerGroupReconciler::keys);
  }

  private static Set<String> keys(Secret secret) {
    Set<String> keys = new HashSet<>();
    if (secret.getData() != null) {
      keys.addAll(secret.getData().keySet());
    }
    if (secret.getStringData() != null) {
      keys.addAll(secret.getStringData().keySet());
    }
    return keys;
  }

  private static String bounded(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
  }
}
