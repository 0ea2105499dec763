package io.drover.testing.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus server (Debian's {@code prometheus} package) on a loopback port, with its
 * configuration and storage in a directory, queried through its HTTP API. Like the API server, it
 * cannot outlive the JVM that started it.
 */
public final class PrometheusServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

  private final ChildProcess process;
  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusServer(ChildProcess process, URI base) {
    this.process = process;
    this.base = base;
  }

  /** The {@code prometheus} binary on the PATH, if this machine has one. */
  public static Optional<Path> binary() {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    return Stream.of(path.split(":"))
        .map(dir -> Path.of(dir, "prometheus"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** Starts Prometheus on a free port; see {@link #start(Path, String, int)}. */
  public static PrometheusServer start(Path dir, String config) throws IOException {
    return start(dir, config, freePort());
  }

  /**
   * Starts Prometheus with {@code config} as its configuration ({@code prometheus.yml} in {@code
   * dir}, storage in {@code dir/data}) on {@code port}, and waits until it is ready.
   */
  public static PrometheusServer start(Path dir, String config, int port) throws IOException {
    Path configFile = dir.resolve("prometheus.yml");
    Files.writeString(configFile, config);
    Path log = dir.resolve("prometheus.log");
    ChildProcess process =
        ChildProcess.start(
            "prometheus",
            List.of(
                binary().map(Path::toString).orElse("prometheus"),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port),
            log);
    PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port));
    server.awaitReady(log);
    return server;
  }

  /** A free loopback port, preferring Prometheus's own 9090 so that bookmarks keep working. */
  public static int preferredPort() {
    try (ServerSocket socket = new ServerSocket(9090, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException taken) {
      return freePort();
    }
  }

  private void awaitReady(Path log) throws IOException {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    try {
      while (Instant.now().isBefore(deadline) && process.isAlive()) {
        if (ready()) {
          return;
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
    throw new IllegalStateException(
        "Prometheus did not become ready within "
            + READY_TIMEOUT
            + "; its log: "
            + Files.readString(log));
  }

  private boolean ready() throws InterruptedException {
    try {
      return get("/-/ready").statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  /** Where its web UI is. */
  public URI url() {
    return base;
  }

  /** The answer of an instant query: {@code status}, {@code data} or {@code error}. */
  public JsonNode query(String promql) throws IOException, InterruptedException {
    return JSON.readTree(
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).body());
  }

  /** The rule groups with each rule's health and last error. */
  public JsonNode rules() throws IOException, InterruptedException {
    return JSON.readTree(get("/api/v1/rules").body()).path("data").path("groups");
  }

  /** The active alerts (pending and firing), each with its labels and state. */
  public JsonNode alerts() throws IOException, InterruptedException {
    return JSON.readTree(get("/api/v1/alerts").body()).path("data").path("alerts");
  }

  /** The scrape targets with their health. */
  public JsonNode targets() throws IOException, InterruptedException {
    return JSON.readTree(get("/api/v1/targets").body()).path("data").path("activeTargets");
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  @Override
  public void close() {
    process.stop(10);
  }
}
