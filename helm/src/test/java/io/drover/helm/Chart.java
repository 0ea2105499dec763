package io.drover.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The chart in helm/drover, linted and rendered by real Helm (helm-java). */
final class Chart {

  static final Path DIRECTORY = Path.of("drover");
  static final String RELEASE = "drover";
  static final String NAMESPACE = "drover-system";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  private Chart() {}

  /** `helm lint --strict` with the chart's own values. */
  static LintResult lint() {
    return new Helm(DIRECTORY).lint().strict().call();
  }

  /**
   * `helm lint --strict -f valuesFile`. helm-java's lint takes no values file, so this lints a copy
   * of the chart whose values.yaml is the defaults overlaid with the file, which is what Helm
   * computes for -f.
   */
  static LintResult lint(Path valuesFile, Path scratch) throws IOException {
    Path copy = scratch.resolve("drover");
    try (Stream<Path> files = Files.walk(DIRECTORY)) {
      for (Path source : files.toList()) {
        Path target = copy.resolve(DIRECTORY.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
    JsonNode merged = YAML.readTree(DIRECTORY.resolve("values.yaml").toFile());
    overlay((ObjectNode) merged, YAML.readTree(valuesFile.toFile()));
    YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
    return new Helm(copy).lint().strict().call();
  }

  /**
   * `helm template -f` with values given as YAML, as parsed Kubernetes objects. (helm-java's {@code
   * set} escapes braces and commas, so lists go through a file.)
   */
  static List<HasMetadata> render(String valuesYaml) {
    try {
      Path file = Files.createTempFile("values", ".yaml");
      try {
        Files.writeString(file, valuesYaml);
        return render(file);
      } finally {
        Files.delete(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** `helm template -f valuesFile`, as parsed Kubernetes objects. */
  static List<HasMetadata> render(Path valuesFile) {
    return parse(
        new Helm(DIRECTORY)
            .template()
            .withName(RELEASE)
            .withNamespace(NAMESPACE)
            .withValuesFile(valuesFile)
            .call());
  }

  private static List<HasMetadata> parse(String manifest) {
    return Arrays.stream(manifest.split("(?m)^---\\s*$"))
        .filter(document -> document.lines().anyMatch(line -> line.startsWith("kind:")))
        .map(document -> (HasMetadata) KUBERNETES.unmarshal(document))
        .toList();
  }

  private static void overlay(ObjectNode base, JsonNode changes) {
    changes
        .properties()
        .forEach(
            field -> {
              JsonNode existing = base.get(field.getKey());
              if (existing instanceof ObjectNode object && field.getValue().isObject()) {
                overlay(object, field.getValue());
              } else {
                base.set(field.getKey(), field.getValue());
              }
            });
  }
}
