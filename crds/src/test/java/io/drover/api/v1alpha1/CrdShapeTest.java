package io.drover.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What kubectl, the scale subresource and admission rely on is in the generated CRD. */
class CrdShapeTest {

  @Test
  void namesAvoidKnativeAndJoinTheDroverCategory() throws Exception {
    JsonNode crd = CrdSchema.crd();
    assertThat(crd.at("/metadata/name").asText()).isEqualTo(ConsumerGroup.CRD_NAME);
    assertThat(crd.at("/spec/scope").asText()).isEqualTo("Namespaced");
    assertThat(crd.at("/spec/names/shortNames").toString()).isEqualTo("[\"dcg\"]");
    assertThat(crd.at("/spec/names/categories").toString()).isEqualTo("[\"drover\"]");
  }

  @Test
  void printerColumnsShowReadinessReasonReplicasTopicsAndAgeLast() throws Exception {
    List<String> columns = new ArrayList<>();
    CrdSchema.version()
        .path("additionalPrinterColumns")
        .forEach(c -> columns.add(c.path("name").asText() + "=" + c.path("jsonPath").asText()));
    assertThat(columns)
        .containsExactly(
            "Ready=.status.conditions[?(@.type==\"Ready\")].status",
            "Reason=.status.conditions[?(@.type==\"Ready\")].reason",
            "Replicas=.spec.replicas",
            "Ready Replicas=.status.readyReplicas",
            "Topics=.status.topics",
            "Age=.metadata.creationTimestamp");
  }

  @Test
  void conditionsAreAListMapKeyedByTypeWithTheFieldsKubernetesRequires() throws Exception {
    JsonNode conditions =
        CrdSchema.version().at("/schema/openAPIV3Schema/properties/status/properties/conditions");
    assertThat(conditions.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(conditions.path("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"type\"]");
    assertThat(conditions.at("/items/required").toString())
        .isEqualTo("[\"type\",\"status\",\"lastTransitionTime\",\"reason\",\"message\"]");
    assertThat(conditions.at("/items/properties/lastTransitionTime/format").asText())
        .isEqualTo("date-time");
  }

  @Test
  void scaleAndStatusSubresourcesAreOn() throws Exception {
    JsonNode subresources = CrdSchema.version().path("subresources");
    assertThat(subresources.has("status")).isTrue();
    assertThat(subresources.at("/scale/specReplicasPath").asText()).isEqualTo(".spec.replicas");
    assertThat(subresources.at("/scale/statusReplicasPath").asText()).isEqualTo(".status.replicas");
    assertThat(subresources.at("/scale/labelSelectorPath").asText()).isEqualTo(".status.selector");
  }

  @Test
  void boundsAreWrittenAsIntegers() throws Exception {
    // YAML 1.1 tools read 8.64E7 as a string, and the API server then refuses the whole CRD.
    List<String> lines =
        java.nio.file.Files.readAllLines(
            java.nio.file.Path.of(System.getProperty("crd.generated")));
    assertThat(lines)
        .filteredOn(line -> line.matches("\\s*(minimum|maximum|min\\w+|max\\w+): .*"))
        .isNotEmpty()
        .allMatch(line -> line.matches("\\s*\\w+: -?[0-9]+"), "an integer bound");
  }

  @Test
  void everyFieldHasADeclaredTypeSoCelRulesCanReadIt() throws Exception {
    // A field without a type (x-kubernetes-preserve-unknown-fields alone) is invisible to CEL:
    // a rule naming it fails to compile, and the API server refuses the CRD.
    List<String> untyped = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field :
        iterable(CrdSchema.openApiSchema().at("/properties/spec/properties"))) {
      typed("spec." + field.getKey(), field.getValue(), untyped);
    }
    assertThat(untyped).isEmpty();
  }

  private static void typed(String path, JsonNode schema, List<String> untyped) {
    if (!schema.has("type") && !schema.path("x-kubernetes-int-or-string").asBoolean()) {
      untyped.add(path);
    }
    for (Map.Entry<String, JsonNode> field : iterable(schema.path("properties"))) {
      typed(path + "." + field.getKey(), field.getValue(), untyped);
    }
    if (schema.has("items")) {
      typed(path + "[]", schema.path("items"), untyped);
    }
  }

  @Test
  void everyDroverFieldHasADescription() throws Exception {
    List<String> undocumented = new ArrayList<>();
    for (String root : List.of("spec", "status")) {
      for (Map.Entry<String, JsonNode> field :
          iterable(CrdSchema.openApiSchema().at("/properties/" + root + "/properties"))) {
        walk(root + "." + field.getKey(), field.getValue(), undocumented);
      }
    }
    assertThat(undocumented).isEmpty();
  }

  @Test
  void noFieldCanHoldALiteralSecret() throws Exception {
    JsonNode sasl = CrdSchema.openApiSchema().at("/properties/spec/properties/sasl/properties");
    List<String> fields = new ArrayList<>();
    sasl.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactlyInAnyOrder("mechanism", "username", "passwordSecret");
  }

  // Kubernetes' own types (EnvVar, Affinity...) bring their descriptions, or none; Drover's
  // fields stop at them.
  private static void walk(String path, JsonNode schema, List<String> undocumented) {
    if (!schema.has("description")) {
      undocumented.add(path);
    }
    if (path.startsWith("spec.pod.") && !path.equals("spec.pod.serviceAccountName")) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : iterable(schema.path("properties"))) {
      walk(path + "." + field.getKey(), field.getValue(), undocumented);
    }
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
