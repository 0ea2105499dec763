package io.drover.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in the repository parses into the model and survives a round trip unchanged (the
 * example is the golden file). Admission (schema, CEL rules, defaults) is proven on a real API
 * server: see ExamplesOnRealServerIT and AdmissionIT.
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

  private static Path write(String yaml) throws IOException {
    Path file = Files.createTempFile("consumergroup-", ".yaml");
    file.toFile().deleteOnExit();
    return Files.writeString(file, yaml);
  }
}
