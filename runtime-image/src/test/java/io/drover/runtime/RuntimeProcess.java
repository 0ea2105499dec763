package io.drover.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The runtime as a real OS process, started by the image's own entrypoint script ({@code
 * bin/drover-runtime}) from the copy of the image's layout the build assembles in {@code
 * target/app}. The script execs the JVM, so the process is the JVM itself, as PID 1 is in a pod.
 */
public final class RuntimeProcess implements AutoCloseable {

  private static final Path TARGET = Path.of("target");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final Path output;

  private RuntimeProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  public static RuntimeProcess start(Path config) throws IOException {
    return start(config, Map.of());
  }

  public static RuntimeProcess start(Path config, Map<String, String> environment)
      throws IOException {
    Path output = Files.createTempFile("drover-runtime-", ".log");
    Path app = TARGET.resolve("app").toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of("/bin/sh", app.resolve("bin/drover-runtime").toString(), config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().put("DROVER_HOME", app.toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    return new RuntimeProcess(process, output);
  }

  /**
   * Returns the image's classpath as built in {@code target/app}, every jar named, for compiling
   * plugins: the compiler API, unlike the java launcher, does not expand {@code libs/*}.
   */
  static String imageClasspath() throws IOException {
    try (Stream<Path> jars = Files.list(TARGET.resolve("app").resolve("libs"))) {
      return Stream.concat(Stream.of(TARGET.resolve("app").resolve("classes")), jars.sorted())
          .map(path -> path.toAbsolutePath().toString())
          .collect(Collectors.joining(":"));
    }
  }

  /** Waits for the process to exit and returns its status, or -1 after the timeout. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  /** Returns the process id: the JVM's, because the entrypoint execs it. */
  public long pid() {
    return process.pid();
  }

  /** Sends SIGTERM, as the kubelet does. */
  public void terminate() {
    process.destroy();
  }

  /** Sends SIGKILL: the process dies at once, as after an OOM kill or a node loss. */
  public void kill() {
    process.destroyForcibly();
  }

  /** Returns everything the process wrote so far. */
  public String output() throws IOException {
    return Files.readString(output);
  }

  /** GETs a path of the runtime's HTTP port; returns status and body, or status -1 if down. */
  public static HttpResponse<String> get(int port, String path) throws InterruptedException {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Sums the samples of {@code name} (a metric name, or a name with its exact label set) on the
   * runtime's /metrics; -1 when the runtime does not answer or has no such sample.
   */
  public static double metric(int port, String name) throws InterruptedException {
    HttpResponse<String> response = get(port, "/metrics");
    if (response == null) {
      return -1;
    }
    double[] sum = {-1};
    response
        .body()
        .lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .forEach(
            line ->
                sum[0] =
                    Math.max(sum[0], 0)
                        + Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    return sum[0];
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    Files.deleteIfExists(output);
  }
}
