package io.drover.operator.reconciler;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.model.DesiredResources;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Hands the model the reconciler computed to the dependents: it is computed once per reconcile,
 * after validation, and the workflow runs only then (explicit invocation).
 */
final class Desired {

  private static final String KEY = DesiredResources.class.getName();

  private Desired() {}

  static void put(Context<ConsumerGroup> context, DesiredResources resources) {
    context.managedWorkflowAndDependentResourceContext().put(KEY, resources);
  }

  static DesiredResources of(Context<ConsumerGroup> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(KEY, DesiredResources.class);
  }
}
