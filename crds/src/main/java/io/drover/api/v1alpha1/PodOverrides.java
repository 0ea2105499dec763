package io.drover.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * What a user may change on the consumer pods. The security context is not among it: the pods
 * always run under the restricted Pod Security Standard.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodOverrides {

  @Size(max = 64)
  @JsonPropertyDescription(
      "Extra pod labels; the app.kubernetes.io/* labels the operator sets cannot be changed.")
  public Map<String, String> labels;

  @Size(max = 64)
  @JsonPropertyDescription("Extra pod annotations.")
  public Map<String, String> annotations;

  @JsonPropertyDescription(
      "CPU and memory of the runtime container; defaults to requests of 100m CPU and 256Mi"
          + " memory and a 512Mi memory limit.")
  public ResourceRequirements resources;

  @Size(max = 64)
  @JsonPropertyDescription(
      "Extra environment variables of the runtime container, for example JAVA_OPTS. Names"
          + " starting with DROVER_ are reserved.")
  public List<EnvVar> env;

  @Size(max = 32)
  @JsonPropertyDescription("Node labels the pods must be scheduled on.")
  public Map<String, String> nodeSelector;

  @Size(max = 32)
  @JsonPropertyDescription("Tolerations of the pods.")
  public List<Toleration> tolerations;

  @JsonPropertyDescription("Affinity and anti-affinity of the pods.")
  public Affinity affinity;

  @Size(max = 253)
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @JsonPropertyDescription(
      "A ServiceAccount of your own for the pods; it needs create and patch on events. By default"
          + " the operator makes one per ConsumerGroup.")
  public String serviceAccountName;
}
