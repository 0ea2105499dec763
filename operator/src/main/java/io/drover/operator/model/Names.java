package io.drover.operator.model;

import io.drover.api.v1alpha1.ConsumerGroup;

/** The names of the objects a ConsumerGroup owns, all derived from its own name. */
public final class Names {

  /**
   * The longest ConsumerGroup name: the metrics Service ({@code <name>-metrics}) must fit a
   * 63-character DNS label, as must the {@code app.kubernetes.io/instance} label.
   */
  public static final int MAX_NAME_LENGTH = 55;

  private Names() {}

  /** The Deployment and the PodDisruptionBudget. */
  public static String workload(ConsumerGroup group) {
    return group.getMetadata().getName();
  }

  /** The runtime ConfigMap. */
  public static String configMap(ConsumerGroup group) {
    return group.getMetadata().getName() + "-runtime";
  }

  /** The metrics Service. */
  public static String metricsService(ConsumerGroup group) {
    return group.getMetadata().getName() + "-metrics";
  }

  /** The ServiceAccount the operator makes for the pods. */
  public static String serviceAccount(ConsumerGroup group) {
    return group.getMetadata().getName() + "-runtime";
  }

  /** The Role and RoleBinding that let the pods write Events. */
  public static String eventsRole(ConsumerGroup group) {
    return group.getMetadata().getName() + "-runtime-events";
  }
}
