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
 * The README's first command keeps working: the sandbox, run as its own JVM for 45 s, reports the
 * group Ready with 2/2 replicas, whole Warning Events, each pod's /metrics URL, a dead-letter topic
 * that holds the poison and, with Prometheus (which the test command installs), the chart's
 * dead-letter alert going pending or firing; then it stops its pods gracefully, removes its
 * directory and exits 0, with no client warnings on the way.
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
                    // The logging the script gives it (exec:exec@sandbox in the pom).
                    "-Dlogback.configurationFile="
                        + Path.of("src/main/sandbox/logback.xml").toAbsolutePath(),
                    "-Djava.util.logging.config.file="
                        + Path.of("src/main/sandbox/logging.properties").toAbsolutePath(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Sandbox.class.getName(),
                    "--duration",
                    "45s"))
            // From the repository's root, as ./scripts/sandbox.sh runs it.
            .directory(Path.of("..").toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();

    assertThat(sandbox.waitFor(180, TimeUnit.SECONDS)).as("finished within 180 s").isTrue();
    String text = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(sandbox.exitValue()).as(text).isZero();
    assertThat(text)
        .contains("ConsumerGroup sandbox/orders  Ready=True (AllReplicasReady)  2/2 replicas ready")
        .contains("Warning PartitionPaused")
        .containsPattern("http://127\\.0\\.0\\.1:\\d+/metrics  consumed \\d+")
        .contains("Operator metrics: http://127.0.0.1:")
        .contains("Stopped 2 pods, 2 of them gracefully with exit code 0.")
        // Whole Event messages: the failure's exception class is there, not cut off.
        .containsPattern("(?m)^      .*SinkException")
        .doesNotContain("Connection to node")
        .doesNotContain("unstable version")
        // The chart's rules in the real Prometheus the test command installs.
        .containsPattern("Prometheus: http://127\\.0\\.0\\.1:\\d+/alerts")
        .containsPattern("(pending|firing) +DroverMessagesDeadLettered +namespace=sandbox");
    Matcher work = Pattern.compile("Working directory: (\\S+) ").matcher(text);
    assertThat(work.find()).as(text).isTrue();
    assertThat(text).contains("Removed " + work.group(1) + ". Nothing is left running.");
    assertThat(Path.of(work.group(1))).doesNotExist();
    Matcher dlq = Pattern.compile("DLQ topic orders-dlq holds (\\d+)").matcher(text);
    int last = 0;
    while (dlq.find()) {
      last = Integer.parseInt(dlq.group(1));
    }
    assertThat(last).as("dead-lettered poison in the last report").isPositive();
  }
}
