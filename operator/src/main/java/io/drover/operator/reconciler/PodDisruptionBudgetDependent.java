package io.drover.operator.reconciler;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.model.Labels;
import io.drover.operator.model.Names;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The PodDisruptionBudget; only with more than one replica. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class PodDisruptionBudgetDependent
    extends CRUDKubernetesDependentResource<PodDisruptionBudget, ConsumerGroup> {

  /** Called by the framework. */
  public PodDisruptionBudgetDependent() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected PodDisruptionBudget desired(ConsumerGroup primary, Context<ConsumerGroup> context) {
    return Desired.of(context).podDisruptionBudget();
  }

  /**
   * Names the object without the model, which has none when the precondition fails: that is when
   * the framework looks the object up to delete it.
   */
  @Override
  protected ResourceID targetSecondaryResourceID(
      ConsumerGroup primary, Context<ConsumerGroup> context) {
    return new ResourceID(Names.workload(primary), primary.getMetadata().getNamespace());
  }
}
