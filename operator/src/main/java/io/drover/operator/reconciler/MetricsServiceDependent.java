package io.drover.operator.reconciler;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.model.Labels;
import io.drover.operator.model.Names;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

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

  /**
   * Names the object without the model, which has none when the precondition fails: that is when
   * the framework looks the object up to delete it.
   */
  @Override
  protected ResourceID targetSecondaryResourceID(
      ConsumerGroup primary, Context<ConsumerGroup> context) {
    return new ResourceID(Names.metricsService(primary), primary.getMetadata().getNamespace());
  }
}
