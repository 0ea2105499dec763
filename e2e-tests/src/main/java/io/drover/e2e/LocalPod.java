package io.drover.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One replica of a Deployment, run as a local process the way a kubelet runs a container: the
 * image's entrypoint with the pod's environment, SIGTERM on stop, SIGKILL after the grace period.
 */
final class LocalPod {

  /** What became of a stop. */
  enum Ending {
    /** Exited within the grace period after SIGTERM. */
    GRACEFUL,
    /** Still running when the grace period ran out, and was killed. */
    KILLED,
    /** Exited without being stopped (a crash, or an exit code the kubelet would restart). */
    EXITED
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

  private final String name;
  private final String templateHash;
  private final int port;
  private final Process process;
  private volatile boolean terminating;
  private volatile Ending ending;

  private LocalPod(String name, String templateHash, int port, Process process) {
    this.name = name;
    this.templateHash = templateHash;
    this.port = port;
    this.process = process;
  }

  /** Starts the entrypoint with {@code arguments} and {@code environment}, logging to a file. */
  static LocalPod start(
      String name,
      String templateHash,
      int port,
      List<String> command,
      Map<String, String> environment,
      Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(environment);
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return new LocalPod(name, templateHash, port, builder.start());
  }

  String name() {
    return name;
  }

  String templateHash() {
    return templateHash;
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  boolean alive() {
    return process.isAlive();
  }

  boolean terminating() {
    return terminating;
  }

  /** How the last stop ended; null while it runs. */
  Ending ending() {
    return ending;
  }

  /** The exit code, or -1 while it runs. */
  int exitCode() {
    return process.isAlive() ? -1 : process.exitValue();
  }

  /** The readiness probe: {@code GET /readyz} answers 200. */
  boolean ready() {
    if (terminating || !process.isAlive()) {
      return false;
    }
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                      .timeout(Duration.ofSeconds(1))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM, then SIGKILL after {@code grace}; blocks until the process is gone. */
  Ending stop(Duration grace) throws InterruptedException {
    terminating = true;
    process.destroy();
    if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      ending = Ending.GRACEFUL;
    } else {
      process.destroyForcibly().waitFor();
      ending = Ending.KILLED;
    }
    return ending;
  }
}
