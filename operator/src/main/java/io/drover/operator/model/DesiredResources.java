package io.drover.operator.model;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;

/**
 * Everything a valid ConsumerGroup should own, computed once per reconcile. Optional parts are null
 * when they should not exist. Owner references are added by the dependents.
 *
 * @param configMap the runtime configuration
 * @param deployment the pods
 * @param metricsService null when metrics are disabled
 * @param podDisruptionBudget null with fewer than two replicas
 * @param serviceAccount null when the user names their own
 * @param eventsRole null when the user names their own ServiceAccount
 * @param eventsRoleBinding null when the user names their own ServiceAccount
 */
public record DesiredResources(
    ConfigMap configMap,
    Deployment deployment,
    Service metricsService,
    PodDisruptionBudget podDisruptionBudget,
    ServiceAccount serviceAccount,
    Role eventsRole,
    RoleBinding eventsRoleBinding) {

  /** Computes the resources of a ConsumerGroup that passed validation. */
  public static DesiredResources of(ConsumerGroup group, String defaultRuntimeImage) {
    RuntimeConfigRenderer.Rendered config = RuntimeConfigRenderer.render(group);
    boolean ownAccount = Specs.ownServiceAccount(group.getSpec());
    return new DesiredResources(
        SupportingResources.configMap(group, config),
        DeploymentModel.desired(group, defaultRuntimeImage, config),
        Specs.metricsEnabled(group.getSpec()) ? SupportingResources.metricsService(group) : null,
        Specs.replicas(group.getSpec()) > 1 ? SupportingResources.podDisruptionBudget(group) : null,
        ownAccount ? SupportingResources.serviceAccount(group) : null,
        ownAccount ? SupportingResources.eventsRole(group) : null,
        ownAccount ? SupportingResources.eventsRoleBinding(group) : null);
  }
}
