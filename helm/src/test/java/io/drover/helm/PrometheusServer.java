package io.drover.helm;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drover.testing.kafka.FreePort;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Prometheus server (Debian's package) on a loopback port, with a temporary config and
 * storage, queried through its HTTP API.
 */
final class PrometheusServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  /** Starts Prometheus with {@code config} as its configuration and waits until it is ready. */
  static PrometheusServer start(Path dir, String config) throws IOException {
    Path configFile = dir.resolve("prometheus.yml");
    Files.writeString(configFile, config);
    int port = FreePort.onLoopback();
    Process process =
        new ProcessBuilder(
                "prometheus",
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> server.get("/-/ready").statusCode() == 200);
    } catch (RuntimeException e) {
      server.close();
      throw new IllegalStateException(
          "Prometheus did not become ready; its log: "
              + Files.readString(dir.resolve("prometheus.log")),
          e);
    }
    return server;
  }

  /** The answer of an instant query: {@code status}, {@code data} or {@code error}. */
  JsonNode query(String promql) throws IOException, InterruptedException {
    return JSON.readTree(
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body());
  }

  /** The rule groups with each rule's health and last error. */
  JsonNode rules() throws IOException, InterruptedException {
    return JSON.readTree(get("/api/v1/rules").body()).path("data").path("groups");
  }

  /** The scrape targets with their health. */
  JsonNode targets() throws IOException, InterruptedException {
    return JSON.readTree(get("/api/v1/targets").body()).path("data").path("activeTargets");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
