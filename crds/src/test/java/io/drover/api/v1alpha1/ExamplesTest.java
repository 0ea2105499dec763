package io.drover.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in the repository parses into the model, survives a round trip unchanged (the
 * example is the golden file), and passes the CRD's OpenAPI schema. The CEL rules are checked by
 * the API server, not here: see CrdShapeTest for their presence and the kind suite for their
 * effect.
 */
class ExamplesTest {

  static Stream<Path> examples() throws IOException {
    Path dir = Path.of(System.getProperty("examples.dir"));
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).as("examples in %s", dir).hasSizeGreaterThanOrEqualTo(3);
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void roundTripsUnchanged(Path example) throws Exception {
    ConsumerGroup parsed = Serialization.unmarshal(Files.readString(example), ConsumerGroup.class);
    JsonNode written = CrdSchema.yaml(write(Serialization.asYaml(parsed)));
    assertThat(written).isEqualTo(CrdSchema.yaml(example));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void passesTheCrdSchema(Path example) throws Exception {
    JsonNode document = CrdSchema.yaml(example);
    Set<ValidationMessage> problems = schema().validate(document.path("spec"));
    assertThat(problems).isEmpty();
  }

  @Test
  void theSchemaRejectsWhatTheDocsSayItRejects() throws Exception {
    JsonNode bad =
        CrdSchema.yaml(
            write(
                """
                bootstrapServers: kafka:9092
                topics: []
                replicas: 1001
                consumer: {http: {url: "ftp://nope"}}
                sasl: {mechanism: GSSAPI, username: u, password: hunter2}
                """));
    assertThat(schema().validate(bad))
        .extracting(ValidationMessage::getInstanceLocation)
        .map(Object::toString)
        .contains("$.topics", "$.replicas", "$.consumer.http.url", "$.sasl.mechanism", "$.sasl");
  }

  @Test
  void theMinimalExampleIsWhatTheModelWrites() throws Exception {
    ConsumerGroup group = new ConsumerGroup();
    group.setMetadata(new ObjectMetaBuilder().withName("orders-log").withNamespace("shop").build());
    ConsumerGroupSpec spec = new ConsumerGroupSpec();
    spec.bootstrapServers = "kafka-bootstrap.kafka:9092";
    spec.topics = List.of("orders");
    spec.consumer = new ConsumerGroupSpec.ConsumerKind();
    spec.consumer.log = new ConsumerGroupSpec.LogSink();
    group.setSpec(spec);

    assertThat(CrdSchema.yaml(write(Serialization.asYaml(group))))
        .isEqualTo(
            CrdSchema.yaml(
                Path.of(System.getProperty("examples.dir"), "consumergroup-minimal.yaml")));
  }

  private static JsonSchema schema() throws IOException {
    JsonNode openApi = CrdSchema.openApiSchema().at("/properties/spec");
    return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(openApi);
  }

  private static Path write(String yaml) throws IOException {
    Path file = Files.createTempFile("consumergroup-", ".yaml");
    file.toFile().deleteOnExit();
    return Files.writeString(file, yaml);
  }
}
