package io.drover.operator.reconciler;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.model.Labels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Deployment of the consumer pods. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class DeploymentDependent
    extends CRUDKubernetesDependentResource<Deployment, ConsumerGroup> {

  /** Called by the framework. */
  public DeploymentDependent() {
    super(Deployment.class);
  }

  @Override
  protected Deployment desired(ConsumerGroup primary, Context<ConsumerGroup> context) {
    return Desired.of(context).deployment();
  }
}
