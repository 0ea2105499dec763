package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupSpec;
import io.drover.engine.config.EngineConfig;
import io.drover.operator.model.DesiredResources;
import io.drover.operator.model.KafkaConfigValues;
import io.drover.operator.model.PodLayout;
import io.drover.runtime.config.ConfigLoader;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract between the operator and the runtime, which share no code: the ConfigMap the
 * operator renders for every example ConsumerGroup is accepted by the runtime's own loader and
 * contract, with the environment the operator's Deployment gives the pod.
 */
class RuntimeConfigContractTest {

  @TempDir Path dir;

  static Stream<Path> examples() throws Exception {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("examples.dir")))) {
      List<Path> examples = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(examples).isNotEmpty();
      return examples.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void theRuntimeAcceptsWhatTheOperatorRendersForEachExample(Path example) throws Exception {
    ConsumerGroup group = Serialization.unmarshal(Files.readString(example), ConsumerGroup.class);
    group.getMetadata().setUid("uid-1");

    ConfigLoader.Loaded loaded = load(group);

    assertThat(loaded.engine().topics()).containsExactlyElementsOf(group.getSpec().topics);
    assertThat(loaded.engine().groupId())
        .isEqualTo(
            group.getSpec().groupId == null
                ? group.getMetadata().getName()
                : group.getSpec().groupId);
  }

  @Test
  void theOperatorAndTheEngineAgreeOnTheShortestMaxPollInterval() {
    EngineConfig engineDefaults =
        EngineConfig.builder().bootstrapServers("k:9092").groupId("g").topics("t").build();
    assertThat(KafkaConfigValues.LONGEST_REVOCATION_MS)
        .isEqualTo(engineDefaults.longestRevocation().toMillis());
  }

  @Test
  void tlsWithTheDefaultCasIsAccepted() throws Exception {
    ConsumerGroup group =
        Serialization.unmarshal(
            Files.readString(
                Path.of(System.getProperty("examples.dir"), "consumergroup-minimal.yaml")),
            ConsumerGroup.class);
    group.getSpec().tls = new ConsumerGroupSpec.KafkaTls();

    assertThat(load(group).engine().kafka()).containsEntry("security.protocol", "SSL");
  }

  private ConfigLoader.Loaded load(ConsumerGroup group) throws Exception {
    DesiredResources desired = DesiredResources.of(group, "runtime:test");
    ConfigMap configMap = desired.configMap();
    // The pod's files as the Deployment mounts them, under this test's directory instead of /.
    Path root = dir.resolve("pod");
    mountSecrets(desired.deployment(), root);
    Path file = dir.resolve(group.getMetadata().getName() + ".yaml");
    Files.writeString(
        file,
        configMap
            .getData()
            .get(PodLayout.CONFIG_FILE)
            .replace("/etc/drover/", root + "/etc/drover/"));
    // The pod's environment as the Deployment sets it; the password's value is the Secret's.
    return ConfigLoader.load(file, Map.of(PodLayout.SASL_PASSWORD_ENV, "from-the-secret"));
  }

  /** Writes each Secret volume's items where the container mounts them, as PEM of their kind. */
  private static void mountSecrets(Deployment deployment, Path root) throws Exception {
    var pod = deployment.getSpec().getTemplate().getSpec();
    for (VolumeMount mount : pod.getContainers().get(0).getVolumeMounts()) {
      Volume volume =
          pod.getVolumes().stream()
              .filter(v -> v.getName().equals(mount.getName()))
              .findFirst()
              .orElseThrow();
      if (volume.getSecret() == null || volume.getSecret().getItems() == null) {
        continue;
      }
      Path directory = Files.createDirectories(root.resolve(mount.getMountPath().substring(1)));
      for (KeyToPath item : volume.getSecret().getItems()) {
        String block = item.getPath().endsWith(".key") ? "PRIVATE KEY" : "CERTIFICATE";
        Files.writeString(
            directory.resolve(item.getPath()),
            "-----BEGIN " + block + "-----\nMIIB\n-----END " + block + "-----\n");
      }
    }
  }
}
