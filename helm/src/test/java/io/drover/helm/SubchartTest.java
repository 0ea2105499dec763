package io.drover.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart works as a subchart: a parent chart that sets Helm's {@code global} values (which Helm
 * hands to every subchart) renders, values schema and all. The schema refused {@code global}
 * before.
 */
class SubchartTest {

  @Test
  void aParentChartWithGlobalValuesRendersDrover(@TempDir Path scratch) throws IOException {
    Path parent = scratch.resolve("platform");
    copy(Chart.DIRECTORY, parent.resolve("charts").resolve("drover"));
    Files.writeString(
        parent.resolve("Chart.yaml"),
        """
        apiVersion: v2
        name: platform
        version: 1.0.0
        """);
    Files.writeString(
        parent.resolve("values.yaml"),
        """
        global:
          imageRegistry: registry.example.com
          team: payments
        drover:
          replicaCount: 2
        """);

    String manifest =
        new Helm(parent).template().withName("platform").withNamespace("drover-system").call();

    assertThat(manifest).contains("kind: Deployment").contains("replicas: 2");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path source : files.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }
}
