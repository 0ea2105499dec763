package io.drover.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Kafka consumer workload: which topics, what consumes them, how errors are handled, and how its
 * pods run. The short name {@code dcg} avoids Knative's own {@code ConsumerGroup}.
 */
@Group(ConsumerGroup.GROUP)
@Version(ConsumerGroup.VERSION)
@Kind("ConsumerGroup")
@Plural("consumergroups")
@Singular("consumergroup")
@ShortNames("dcg")
@Categories("drover")
// The columns' order is this order (src/build/CrdConventions.java keeps it), Age last as in every
// built-in resource.
@AdditionalPrinterColumn(
    name = "Ready",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(
    name = "Reason",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason")
@AdditionalPrinterColumn(
    name = "Replicas",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".spec.replicas")
@AdditionalPrinterColumn(
    name = "Ready Replicas",
    type = AdditionalPrinterColumn.Type.INTEGER,
    jsonPath = ".status.readyReplicas")
@AdditionalPrinterColumn(
    name = "Topics",
    type = AdditionalPrinterColumn.Type.STRING,
    jsonPath = ".status.topics")
@AdditionalPrinterColumn(
    name = "Age",
    type = AdditionalPrinterColumn.Type.DATE,
    jsonPath = ".metadata.creationTimestamp")
public class ConsumerGroup extends CustomResource<ConsumerGroupSpec, ConsumerGroupStatus>
    implements Namespaced {

  private static final long serialVersionUID = 1L;

  /** The API group. */
  public static final String GROUP = "drover.io";

  /** The API version within the group. */
  public static final String VERSION = "v1alpha1";

  /** The CRD's name, as the docs write it. */
  public static final String CRD_NAME = "consumergroups." + GROUP;

  /** Where the build puts the generated CRD on the classpath. */
  public static final String CRD_RESOURCE = "/META-INF/fabric8/" + CRD_NAME + "-v1.yml";
}
