package io.drover.operator.model;

import io.drover.api.v1alpha1.ConsumerGroup;
import java.util.LinkedHashMap;
import java.util.Map;

/** The standard {@code app.kubernetes.io/*} labels every owned object carries. */
public final class Labels {

  /** The label prefix users may not set on pods. */
  public static final String RESERVED_PREFIX = "app.kubernetes.io/";

  /** Selects every object the operator manages; its informers watch only these. */
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";

  /** The value of {@link #MANAGED_BY}. */
  public static final String OPERATOR = "drover-operator";

  /** The informers' label selector. */
  public static final String MANAGED_SELECTOR = MANAGED_BY + "=" + OPERATOR;

  private Labels() {}

  /** The labels that pick one ConsumerGroup's pods; they never change, as selectors cannot. */
  public static Map<String, String> selector(ConsumerGroup group) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/name", "drover-consumer");
    labels.put("app.kubernetes.io/instance", group.getMetadata().getName());
    return labels;
  }

  /** The selector labels plus the component, part-of and managed-by labels. */
  public static Map<String, String> standard(ConsumerGroup group) {
    Map<String, String> labels = selector(group);
    labels.put("app.kubernetes.io/component", "consumer");
    labels.put("app.kubernetes.io/part-of", "drover");
    labels.put(MANAGED_BY, OPERATOR);
    return labels;
  }

  /** Renders a selector as the scale subresource's string form. */
  public static String asString(Map<String, String> selector) {
    return String.join(
        ",", selector.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
  }
}
