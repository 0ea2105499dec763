package io.drover.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.drover.testing.kafka.FreePort;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a pod template into what a local process needs: the runtime entrypoint's command line, the
 * resolved environment, and the volumes as files, with container paths rewritten to them and a port
 * of its own (pods share the host's network here).
 */
final class ContainerLaunch {

  /**
   * A prepared container.
   *
   * @param command the command line
   * @param environment the whole environment
   * @param port the HTTP port written into its runtime config
   */
  record Prepared(List<String> command, Map<String, String> environment, int port) {}

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final KubernetesClient client;
  private final Path runtimeHome;
  private final Map<String, String> clusterEnvironment;

  ContainerLaunch(
      KubernetesClient client, Path runtimeHome, Map<String, String> clusterEnvironment) {
    this.client = client;
    this.runtimeHome = runtimeHome;
    this.clusterEnvironment = clusterEnvironment;
  }

  /** Materialises the first container of {@code template} for pod {@code podName} under root. */
  Prepared prepare(String namespace, String podName, PodTemplateSpec template, Path root)
      throws IOException {
    Container container = template.getSpec().getContainers().get(0);
    Map<String, Path> mounts = materialiseVolumes(namespace, template, container, root);
    int port = FreePort.onLoopback();
    Map<String, String> env = new LinkedHashMap<>(clusterEnvironment);
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), resolve(var, namespace, podName, mounts));
    }
    Quantity memory =
        container.getResources() == null || container.getResources().getLimits() == null
            ? null
            : container.getResources().getLimits().get("memory");
    if (memory != null) {
      env.put("JAVA_OPTS", "-XX:MaxRAM=" + Quantity.getAmountInBytes(memory).longValue());
    }
    String config = env.get("DROVER_CONFIG");
    if (config != null) {
      rewriteConfig(Path.of(config), port, mounts);
    }
    List<String> command = new ArrayList<>();
    command.add("/bin/sh");
    command.add(runtimeHome.resolve("bin/drover-runtime").toString());
    if (container.getArgs() != null) {
      container.getArgs().forEach(a -> command.add(rewritePaths(a, mounts)));
    }
    return new Prepared(command, env, port);
  }

  private Map<String, Path> materialiseVolumes(
      String namespace, PodTemplateSpec template, Container container, Path root)
      throws IOException {
    Map<String, Path> byVolume = new LinkedHashMap<>();
    for (Volume volume : template.getSpec().getVolumes()) {
      Path dir = Files.createDirectories(root.resolve("volumes").resolve(volume.getName()));
      byVolume.put(volume.getName(), dir);
      if (volume.getConfigMap() != null) {
        Map<String, String> data =
            client
                .configMaps()
                .inNamespace(namespace)
                .withName(volume.getConfigMap().getName())
                .require()
                .getData();
        for (Map.Entry<String, String> file : data.entrySet()) {
          Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
      } else if (volume.getSecret() != null) {
        Secret secret =
            client
                .secrets()
                .inNamespace(namespace)
                .withName(volume.getSecret().getSecretName())
                .require();
        for (Map.Entry<String, String> file : secret.getData().entrySet()) {
          Files.write(dir.resolve(file.getKey()), Base64.getDecoder().decode(file.getValue()));
        }
      }
    }
    Map<String, Path> byMountPath = new LinkedHashMap<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      byMountPath.put(mount.getMountPath(), byVolume.get(mount.getName()));
    }
    return byMountPath;
  }

  private String resolve(EnvVar var, String namespace, String podName, Map<String, Path> mounts) {
    if (var.getValueFrom() == null) {
      return rewritePaths(Objects.requireNonNullElse(var.getValue(), ""), mounts);
    }
    if (var.getValueFrom().getFieldRef() != null) {
      return switch (var.getValueFrom().getFieldRef().getFieldPath()) {
        case "metadata.name" -> podName;
        case "metadata.namespace" -> namespace;
        default -> "";
      };
    }
    if (var.getValueFrom().getSecretKeyRef() != null) {
      Secret secret =
          client
              .secrets()
              .inNamespace(namespace)
              .withName(var.getValueFrom().getSecretKeyRef().getName())
              .require();
      return new String(
          Base64.getDecoder()
              .decode(secret.getData().get(var.getValueFrom().getSecretKeyRef().getKey())),
          StandardCharsets.UTF_8);
    }
    return "";
  }

  private static void rewriteConfig(Path file, int port, Map<String, Path> mounts)
      throws IOException {
    JsonNode config = YAML.readTree(rewritePaths(Files.readString(file), mounts));
    ((ObjectNode) config).putObject("http").put("port", port);
    YAML.writeValue(file.toFile(), config);
  }

  /** Replaces each container path that starts with a mount path, in one pass, longest first. */
  private static String rewritePaths(String text, Map<String, Path> mounts) {
    if (mounts.isEmpty()) {
      return text;
    }
    String alternatives =
        mounts.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .collect(Collectors.joining("|"));
    Matcher matcher =
        Pattern.compile("(?<![\\w./-])(" + alternatives + ")(?=/|$|[^\\w.-])").matcher(text);
    return matcher.replaceAll(
        match -> Matcher.quoteReplacement(mounts.get(match.group(1)).toString()));
  }
}
