package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.testing.kafka.KafkaTestClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's kubectl commands, as a user copies them, run by the real kubectl against the local
 * cluster (the sandbox's API: the real CRD server behind the front, the operator, the pod runner):
 * the namespace is created, the minimal example applied with its bootstrapServers set, and {@code
 * kubectl wait --for=condition=Ready} on the name and namespace the README gives succeeds.
 */
class ReadmeCommandsIT {

  private static final Path README = Path.of("../README.md");
  private static final Pattern KUBECTL = Pattern.compile("(?m)^(kubectl [^#\\n]*?)\\s*(#.*)?$");

  @Test
  void theReadmesKubectlCommandsSucceedAgainstTheLocalCluster(@TempDir Path dir) throws Exception {
    LocalStack stack = SharedStack.get();
    Path kubeconfig =
        stack
            .api()
            .writeKubeconfig(dir.resolve("kubeconfig"))
            .orElseThrow(() -> new AssertionError("the local cluster has no real API server"));
    List<String> commands = readmeKubectlCommands();
    assertThat(commands)
        .as("the README's install block")
        .anyMatch(c -> c.startsWith("kubectl create namespace"))
        .anyMatch(c -> c.startsWith("kubectl apply -f examples/"))
        .anyMatch(c -> c.startsWith("kubectl wait --for=condition=Ready"));
    try (KafkaTestClient kafka = new KafkaTestClient(stack.bootstrapServers())) {
      kafka.createTopic("orders", 1); // the example's topic; no other test of the stack uses it
    }

    try {
      for (String command : commands) {
        List<String> words = new ArrayList<>(List.of(command.split("\\s+")));
        int file = words.indexOf("-f");
        if (file >= 0) {
          // "set bootstrapServers first", as the README says: the example with this Kafka.
          words.set(file + 1, withLocalKafka(Path.of("..", words.get(file + 1)), dir, stack));
        }
        Result result = kubectl(kubeconfig, words.subList(1, words.size()));
        assertThat(result.exitCode()).as(command + "\n" + result.output()).isZero();
      }
      // kubectl asks the server to validate fields strictly, as against a real cluster: a typo is
      // refused with its name, not dropped.
      Path typo = dir.resolve("typo.yaml");
      Files.writeString(
          typo,
          Files.readString(dir.resolve("consumergroup-minimal.yaml"))
              .replace("  topics:", "  replicaz: 2\n  topics:"));
      Result refused = kubectl(kubeconfig, List.of("apply", "-f", typo.toString()));
      assertThat(refused.exitCode()).as(refused.output()).isNotZero();
      assertThat(refused.output()).contains("unknown field \"spec.replicaz\"");
    } finally {
      // The shared cluster runs other tests' pods; this one's need not outlive it.
      stack.client().resources(ConsumerGroup.class).inNamespace("shop").delete();
    }
  }

  /** The kubectl lines of the README's install block, comments removed. */
  private static List<String> readmeKubectlCommands() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf("## Install on a cluster");
    String block =
        readme.substring(start, readme.indexOf("```\n", readme.indexOf("```bash", start) + 7));
    List<String> commands = new ArrayList<>();
    Matcher matcher = KUBECTL.matcher(block);
    while (matcher.find()) {
      commands.add(matcher.group(1).strip());
    }
    return commands;
  }

  private static String withLocalKafka(Path example, Path dir, LocalStack stack)
      throws IOException {
    String yaml =
        Files.readString(example)
            .replaceAll(
                "(?m)^(\\s*bootstrapServers:).*$", "$1 \"" + stack.bootstrapServers() + "\"");
    Path copy = dir.resolve(example.getFileName());
    Files.writeString(copy, yaml);
    return copy.toString();
  }

  private record Result(int exitCode, String output) {}

  private static Result kubectl(Path kubeconfig, List<String> args) throws Exception {
    List<String> command =
        new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
    command.addAll(args);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // kubectl wait's own --timeout bounds the longest command; this bounds a hung kubectl.
    if (!process.waitFor(6, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      return new Result(-1, "kubectl did not finish within 6 minutes");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
