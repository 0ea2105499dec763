package io.drover.operator.reconciler;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.model.Labels;
import io.drover.operator.model.Names;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** Binds the events Role to the pods' ServiceAccount. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class EventsRoleBindingDependent
    extends CRUDKubernetesDependentResource<RoleBinding, ConsumerGroup> {

  /** Called by the framework. */
  public EventsRoleBindingDependent() {
    super(RoleBinding.class);
  }

  @Override
  protected RoleBinding desired(ConsumerGroup primary, Context<ConsumerGroup> context) {
    return Desired.of(context).eventsRoleBinding();
  }

  /**
   * Names the object without the model, which has none when the precondition fails: that is when
   * the framework looks the object up to delete it.
   */
  @Override
  protected ResourceID targetSecondaryResourceID(
      ConsumerGroup primary, Context<ConsumerGroup> context) {
    return new ResourceID(Names.eventsRole(primary), primary.getMetadata().getNamespace());
  }
}
