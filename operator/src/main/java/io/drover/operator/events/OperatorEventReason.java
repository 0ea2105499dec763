package io.drover.operator.events;

/** The closed set of reasons of the operator's Events on ConsumerGroups. */
public enum OperatorEventReason {
  /** The spec cannot be run; the message lists every problem. Pods are left as they were. */
  InvalidSpec("Warning"),
  /** A spec that was invalid is valid again and is being applied. */
  SpecAccepted("Normal"),
  /** Applying the objects failed; the operator retries with back-off. */
  ReconcileFailed("Warning");

  private final String type;

  OperatorEventReason(String type) {
    this.type = type;
  }

  /** Returns {@code Normal} or {@code Warning}. */
  public String type() {
    return type;
  }
}
