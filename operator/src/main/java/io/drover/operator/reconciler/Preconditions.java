package io.drover.operator.reconciler;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.model.DesiredResources;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.function.Function;

/**
 * When the optional dependents exist: exactly when the model computed them. A dependent whose
 * precondition fails is deleted if it exists, so turning metrics off or scaling to one pod removes
 * the Service or the budget.
 */
final class Preconditions {

  private Preconditions() {}

  /** Met when the model has the object. */
  private abstract static class InModel implements Condition<Object, ConsumerGroup> {
    private final Function<DesiredResources, Object> part;

    InModel(Function<DesiredResources, Object> part) {
      this.part = part;
    }

    @Override
    public boolean isMet(
        DependentResource<Object, ConsumerGroup> dependent,
        ConsumerGroup primary,
        Context<ConsumerGroup> context) {
      return part.apply(Desired.of(context)) != null;
    }
  }

  /** Metrics enabled. */
  public static final class MetricsEnabled extends InModel {
    public MetricsEnabled() {
      super(DesiredResources::metricsService);
    }
  }

  /** More than one replica. */
  public static final class SeveralReplicas extends InModel {
    public SeveralReplicas() {
      super(DesiredResources::podDisruptionBudget);
    }
  }

  /** The user did not name a ServiceAccount of their own. */
  public static final class OwnServiceAccount extends InModel {
    public OwnServiceAccount() {
      super(DesiredResources::serviceAccount);
    }
  }
}
