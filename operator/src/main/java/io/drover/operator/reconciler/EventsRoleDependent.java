package io.drover.operator.reconciler;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.model.Labels;
import io.drover.operator.model.Names;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/** The Role that lets the pods write Events. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class EventsRoleDependent extends CRUDKubernetesDependentResource<Role, ConsumerGroup> {

  /** Called by the framework. */
  public EventsRoleDependent() {
    super(Role.class);
  }

  @Override
  protected Role desired(ConsumerGroup primary, Context<ConsumerGroup> context) {
    return Desired.of(context).eventsRole();
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
