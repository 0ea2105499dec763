package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command keeps working: the sandbox, run as its own JVM for 20 s, reports the
 * group Ready with 2/2 replicas, Warning Events, each pod's /metrics URL and a dead-letter topic
 * that holds the poison, then stops its pods gracefully and exits 0.
 */
class SandboxIT {

  @Test
  void theSandboxShowsAReadyGroupItsEventsMetricsAndDeadLetters(@TempDir Path dir)
      throws Exception {
    Path output = dir.resolve("sandbox.out");
    Process sandbox =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Druntime.home=" + System.getProperty("runtime.home"),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Sandbox.class.getName(),
                    "--duration",
                    "30s"))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();

    assertThat(sandbox.waitFor(150, TimeUnit.SECONDS)).as("finished within 150 s").isTrue();
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(sandbox.exitValue()).as(text).isZero();
    assertThat(text)
        .contains("ConsumerGroup sandbox/orders  Ready=True (AllReplicasReady)  2/2 replicas ready")
        .contains("Warning PartitionPaused")
        .containsPattern("http://127\\.0\\.0\\.1:\\d+/metrics  consumed \\d+")
        .contains("Operator metrics: http://127.0.0.1:")
        .contains("Stopped 2 pods, 2 of them gracefully with exit code 0.");
    Matcher dlq = Pattern.compile("DLQ topic orders-dlq holds (\\d+)").matcher(text);
    int last = 0;
    while (dlq.find()) {
      last = Integer.parseInt(dlq.group(1));
    }
    assertThat(last).as("dead-lettered poison in the last report").isPositive();
  }
}
