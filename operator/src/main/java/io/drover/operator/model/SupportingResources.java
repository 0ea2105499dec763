package io.drover.operator.model;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import java.util.Map;

/** Everything a ConsumerGroup owns besides its Deployment. */
public final class SupportingResources {

  private SupportingResources() {}

  /** The runtime configuration file, and nothing secret. */
  public static ConfigMap configMap(ConsumerGroup group, RuntimeConfigRenderer.Rendered config) {
    return new ConfigMapBuilder()
        .withMetadata(metadata(group, Names.configMap(group)))
        .withData(Map.of(PodLayout.CONFIG_FILE, config.yaml()))
        .build();
  }

  /** The Service Prometheus scrapes, on the pods' HTTP port named {@code http}. */
  public static Service metricsService(ConsumerGroup group) {
    return new ServiceBuilder()
        .withMetadata(metadata(group, Names.metricsService(group)))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Labels.selector(group))
        .addNewPort()
        .withName("http")
        .withPort(Specs.port(group.getSpec()))
        .withTargetPort(new IntOrString("http"))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  /**
   * At most one pod down at a time through voluntary disruptions (drains, upgrades), so that a
   * group with several pods keeps consuming; only made when there is more than one pod.
   */
  public static PodDisruptionBudget podDisruptionBudget(ConsumerGroup group) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(metadata(group, Names.workload(group)))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(Labels.selector(group))
        .endSelector()
        .endSpec()
        .build();
  }

  /** The pods' own ServiceAccount. */
  public static ServiceAccount serviceAccount(ConsumerGroup group) {
    return new ServiceAccountBuilder()
        .withMetadata(metadata(group, Names.serviceAccount(group)))
        .build();
  }

  /** Only what the runtime's Event recorder does: create and patch Events in the namespace. */
  public static Role eventsRole(ConsumerGroup group) {
    return new RoleBuilder()
        .withMetadata(metadata(group, Names.eventsRole(group)))
        .withRules(
            new PolicyRuleBuilder()
                .withApiGroups("")
                .withResources("events")
                .withVerbs("create", "patch")
                .build())
        .build();
  }

  /** Binds {@link #eventsRole} to {@link #serviceAccount}. */
  public static RoleBinding eventsRoleBinding(ConsumerGroup group) {
    return new RoleBindingBuilder()
        .withMetadata(metadata(group, Names.eventsRole(group)))
        .withNewRoleRef()
        .withApiGroup("rbac.authorization.k8s.io")
        .withKind("Role")
        .withName(Names.eventsRole(group))
        .endRoleRef()
        .addNewSubject()
        .withKind("ServiceAccount")
        .withName(Names.serviceAccount(group))
        .withNamespace(group.getMetadata().getNamespace())
        .endSubject()
        .build();
  }

  private static ObjectMeta metadata(ConsumerGroup group, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(group.getMetadata().getNamespace())
        .withLabels(Labels.standard(group))
        .build();
  }
}
