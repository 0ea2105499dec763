package io.drover.operator.reconciler;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * When the optional dependents exist. A dependent whose precondition fails is deleted if it exists,
 * so turning metrics off or scaling to one pod removes the Service or the budget.
 */
final class Preconditions {

  private Preconditions() {}

  /** Metrics enabled. */
  public static final class MetricsEnabled implements Condition<Object, ConsumerGroup> {
    @Override
    public boolean isMet(
        DependentResource<Object, ConsumerGroup> dependent,
        ConsumerGroup primary,
        Context<ConsumerGroup> context) {
      return Desired.of(context).metricsService() != null;
    }
  }

  /** More than one replica. */
  public static final class SeveralReplicas implements Condition<Object, ConsumerGroup> {
    @Override
    public boolean isMet(
        DependentResource<Object, ConsumerGroup> dependent,
        ConsumerGroup primary,
        Context<ConsumerGroup> context) {
      return Desired.of(context).podDisruptionBudget() != null;
    }
  }

  /** The user did not name a ServiceAccount of their own. */
  public static final class OwnServiceAccount implements Condition<Object, ConsumerGroup> {
    @Override
    public boolean isMet(
        DependentResource<Object, ConsumerGroup> dependent,
        ConsumerGroup primary,
        Context<ConsumerGroup> context) {
      return Desired.of(context).serviceAccount() != null;
    }
  }
}
