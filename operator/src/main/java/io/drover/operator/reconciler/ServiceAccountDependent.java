package io.drover.operator.reconciler;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.model.Labels;
import io.drover.operator.model.Names;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The pods' ServiceAccount; not made when the user names their own. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class ServiceAccountDependent
    extends CRUDKubernetesDependentResource<ServiceAccount, ConsumerGroup> {

  /** Called by the framework. */
  public ServiceAccountDependent() {
    super(ServiceAccount.class);
  }

  @Override
  protected ServiceAccount desired(ConsumerGroup primary, Context<ConsumerGroup> context) {
    return Desired.of(context).serviceAccount();
  }

  /**
   * Names the object without the model, which has none when the precondition fails: that is when
   * the framework looks the object up to delete it.
   */
  @Override
  protected ResourceID targetSecondaryResourceID(
      ConsumerGroup primary, Context<ConsumerGroup> context) {
    return new ResourceID(Names.serviceAccount(primary), primary.getMetadata().getNamespace());
  }
}
