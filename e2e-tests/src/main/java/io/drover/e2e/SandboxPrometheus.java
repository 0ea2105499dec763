package io.drover.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.testing.kubernetes.PrometheusServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's Prometheus: Debian's {@code prometheus} when this machine has it, scraping the
 * consumer pods and the operator with the labels the chart's monitors give them, and evaluating the
 * chart's own alert rules unchanged, so that alerts go pending and fire as they would in
 * production. The pods come and go on new ports, so their targets are a file it rewrites.
 */
final class SandboxPrometheus implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path ALERT_RULES = Path.of("helm/drover/files/alerts/drover-rules.yaml");

  private final PrometheusServer server;
  private final Path podTargets;

  private SandboxPrometheus(PrometheusServer server, Path podTargets) {
    this.server = server;
    this.podTargets = podTargets;
  }

  /** Whether this machine has Prometheus. */
  static boolean available() {
    return PrometheusServer.binary().isPresent();
  }

  /** Starts Prometheus in {@code directory}, scraping the operator at {@code operatorPort}. */
  static SandboxPrometheus start(Path directory, int operatorPort) throws IOException {
    Files.createDirectories(directory);
    Path podTargets = directory.resolve("pods.json");
    Files.writeString(podTargets, "[]");
    String config =
        """
        # Written by the Drover sandbox. The labels are those the chart's PodMonitor and
        # ServiceMonitor give: job, namespace and pod; the pods add consumergroup themselves.
        global: {scrape_interval: 5s, evaluation_interval: 5s}
        rule_files: ["%s"]
        scrape_configs:
          - job_name: drover-runtime
            file_sd_configs: [{files: ["%s"], refresh_interval: 5s}]
          - job_name: drover-operator
            static_configs:
              - targets: ["127.0.0.1:%d"]
                labels: {namespace: drover-system, pod: drover-operator}
        """
            .formatted(ALERT_RULES.toAbsolutePath(), podTargets, operatorPort);
    PrometheusServer server =
        PrometheusServer.start(directory, config, PrometheusServer.preferredPort());
    return new SandboxPrometheus(server, podTargets);
  }

  URI url() {
    return server.url();
  }

  /** Points the runtime job at these pods: name to metrics port, all in {@code namespace}. */
  void scrapePods(String namespace, Map<String, Integer> pods) throws IOException {
    List<Map<String, Object>> groups = new ArrayList<>();
    pods.forEach(
        (name, port) ->
            groups.add(
                Map.of(
                    "targets",
                    List.of("127.0.0.1:" + port),
                    "labels",
                    Map.of("namespace", namespace, "pod", name))));
    // Written aside and moved, so that Prometheus never reads half a file.
    Path next = podTargets.resolveSibling("pods.json.next");
    Files.writeString(next, JSON.writeValueAsString(groups));
    Files.move(
        next, podTargets, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** One line per pending or firing alert: state, name and the labels that say where. */
  List<String> activeAlerts() {
    List<String> lines = new ArrayList<>();
    try {
      for (JsonNode alert : server.alerts()) {
        JsonNode labels = alert.path("labels");
        StringBuilder where = new StringBuilder();
        for (String label : List.of("namespace", "consumergroup", "topic", "partition", "state")) {
          if (labels.hasNonNull(label)) {
            where.append(where.isEmpty() ? "" : " ").append(label).append('=');
            where.append(labels.path(label).asText());
          }
        }
        lines.add(
            String.format(
                "%-8s %-28s %s",
                alert.path("state").asText(), labels.path("alertname").asText(), where));
      }
    } catch (IOException e) {
      lines.add("(Prometheus did not answer: " + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lines.sort(null);
    return lines;
  }

  @Override
  public void close() {
    server.close();
  }
}
