package io.drover.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * On a real API server, the chart's CRD is accepted and Established with the names kubectl uses,
 * and every shipped example is admitted as written (strict field validation, as kubectl does) and
 * stored with exactly the defaults the CRD declares.
 */
class ExamplesOnRealServerIT {

  static Stream<Path> examples() throws Exception {
    return ExamplesTest.examples();
  }

  @Test
  void theChartsCrdIsEstablishedWithTheNamesKubectlUses() {
    CustomResourceDefinition crd = RealServer.installedCrd();

    assertThat(crd.getStatus().getAcceptedNames().getShortNames()).containsExactly("dcg");
    assertThat(crd.getStatus().getAcceptedNames().getCategories()).containsExactly("drover");
    assertThat(crd.getStatus().getStoredVersions()).containsExactly(ConsumerGroup.VERSION);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void isAdmittedAndStoredWithTheDeclaredDefaults(Path example) throws Exception {
    KubernetesClient client = RealServer.client();
    GenericKubernetesResource resource =
        client.getKubernetesSerialization().unmarshal(Files.readString(example));
    resource.getMetadata().setNamespace("examples-" + example.getFileName().toString().hashCode());

    GenericKubernetesResource stored =
        client.resource(resource).fieldValidation(Validation.STRICT).create();

    ObjectNode expected = (ObjectNode) CrdSchema.yaml(example).path("spec").deepCopy();
    applyDefaults(CrdSchema.openApiSchema().at("/properties/spec"), expected);
    JsonNode actual =
        client
            .getKubernetesSerialization()
            .convertValue(stored.getAdditionalProperties().get("spec"), JsonNode.class);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void anEmptyErrorHandlingGetsTheDocumentedBackOff() throws Exception {
    ObjectNode spec =
        (ObjectNode)
            CrdSchema.yaml(
                    Path.of(System.getProperty("examples.dir"), "consumergroup-minimal.yaml"))
                .path("spec")
                .deepCopy();
    spec.putObject("errorHandling");
    spec.putObject("metrics");

    applyDefaults(CrdSchema.openApiSchema().at("/properties/spec"), spec);

    // The figures docs/consumergroup.md and docs/engine.md give; the IT above proves the server
    // applies what the schema declares.
    assertThat(spec.at("/replicas").asInt()).isEqualTo(1);
    assertThat(spec.at("/errorHandling/pauseTimeoutMs").asLong()).isEqualTo(1000);
    assertThat(spec.at("/errorHandling/pauseMaxTimeoutMs").asLong()).isEqualTo(30000);
    assertThat(spec.at("/errorHandling/exponentialBackoff").asBoolean()).isTrue();
    assertThat(spec.at("/metrics/enabled").asBoolean()).isTrue();
    assertThat(spec.at("/metrics/port").asInt()).isEqualTo(8080);
  }

  /** Structural-schema defaulting: a declared default fills an absent field of a present object. */
  private static void applyDefaults(JsonNode schema, ObjectNode object) {
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            property -> {
              JsonNode propertySchema = property.getValue();
              String name = property.getKey();
              if (!object.has(name) && propertySchema.has("default")) {
                object.set(name, propertySchema.get("default").deepCopy());
              }
              if (object.path(name).isObject()) {
                applyDefaults(propertySchema, (ObjectNode) object.get(name));
              }
            });
  }
}
