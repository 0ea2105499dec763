package io.drover.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;

/** What the operator observed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ConsumerGroupStatus {

  /** The summary condition type. */
  public static final String READY = "Ready";

  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @StatusReplicas
  @JsonPropertyDescription("Consumer pods that exist.")
  public Integer replicas;

  @JsonPropertyDescription("Consumer pods that pass their readiness probe.")
  public Integer readyReplicas;

  @JsonPropertyDescription(
      "spec.topics joined with commas, for the Topics column of kubectl get consumergroups.")
  public String topics;

  @LabelSelector
  @JsonPropertyDescription("The label selector of the pods, for the scale subresource.")
  public String selector;

  @JsonPropertyDescription(
      "Conditions in the Kubernetes shape; Ready summarises whether the group consumes.")
  public List<Condition> conditions = new ArrayList<>();
}
