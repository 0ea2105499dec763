package io.drover.operator.reconciler;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.model.Labels;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The metrics Service; removed when metrics are disabled. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class MetricsServiceDependent
    extends CRUDKubernetesDependentResource<Service, ConsumerGroup> {

  /** Called by the framework. */
  public MetricsServiceDependent() {
    super(Service.class);
  }

  @Override
  protected Service desired(ConsumerGroup primary, Context<ConsumerGroup> context) {
    return Desired.of(context).metricsService();
  }
}
