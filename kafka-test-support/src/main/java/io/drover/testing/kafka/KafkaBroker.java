package io.drover.testing.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft combined mode, running as a separate OS process.
 *
 * <p>Why a process and not {@code KafkaClusterTestKit} in the test JVM: fault tests need a broker
 * that can be killed with SIGKILL and restarted on the same port and data, the local sandbox needs
 * a broker that outlives no one and shares nothing with the JVMs under test, and Maven Central has
 * no test jars for the in-JVM kit at this Kafka version. A process serves all three, and it keeps
 * the broker's Scala, Jackson and log4j off every test classpath.
 *
 * <p>The broker listens on free loopback ports chosen at start and kept across restarts, so clients
 * reconnect after {@link #restart()}. Its data and its output ({@code broker.out}) live in the
 * directory given to {@link #start(Path)}.
 */
public final class KafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String CLASSPATH_RESOURCE = "broker.classpath";

  private final Path directory;
  private final Path propertiesFile;
  private final Path outputFile;
  private final int port;
  private final int saslPort;
  private final int sslPort;
  private final TlsMaterial tls;
  private final String clusterId = Uuid.randomUuid().toString();
  private Process process;

  private KafkaBroker(Path directory) {
    this.directory = directory;
    this.propertiesFile = directory.resolve("server.properties");
    this.outputFile = directory.resolve("broker.out");
    this.port = FreePort.onLoopback();
    this.saslPort = FreePort.onLoopback();
    this.sslPort = FreePort.onLoopback();
    this.tls = TlsMaterial.create(directory.resolve("tls"));
    int controllerPort = FreePort.onLoopback();
    write(
        propertiesFile,
        BrokerProperties.render(
            port, saslPort, sslPort, controllerPort, tls, directory.resolve("data")));
    write(directory.resolve("log4j2.properties"), BrokerProperties.log4j2());
  }

  /**
   * Formats a new broker in {@code directory}, starts it and waits until it answers metadata
   * requests.
   *
   * @param directory an empty directory the broker owns for its data and output
   * @return the running broker
   */
  public static KafkaBroker start(Path directory) {
    KafkaBroker broker = new KafkaBroker(directory);
    broker.launch();
    return broker;
  }

  /** Returns the {@code bootstrap.servers} value for clients of this broker. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /**
   * Returns the address of the SASL_PLAINTEXT listener (mechanism PLAIN). Its one user, {@link
   * #saslUser()}, has no ACLs: it can log in but may not use any group or topic.
   */
  public String saslBootstrapServers() {
    return "127.0.0.1:" + saslPort;
  }

  /**
   * Returns the address of the mutual-TLS listener: clients must present a certificate signed by
   * {@link TlsMaterial#caCertificate()}, such as {@link #tls()}'s client certificate, whose
   * principal is a super user.
   */
  public String sslBootstrapServers() {
    return "127.0.0.1:" + sslPort;
  }

  /** Returns the mutual-TLS listener's certificates, as PEM files. */
  public TlsMaterial tls() {
    return tls;
  }

  /** Returns the SASL listener's user name. */
  public String saslUser() {
    return BrokerProperties.SASL_USER;
  }

  /** Returns the SASL listener's password. */
  public String saslPassword() {
    return BrokerProperties.SASL_PASSWORD;
  }

  /** Returns whether the broker process is alive. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Returns the operating-system process id of the running broker. */
  public synchronized long pid() {
    requireRunning();
    return process.pid();
  }

  /** Stops the broker with SIGTERM, as Kubernetes would, and waits for a clean exit. */
  public synchronized void stop() {
    if (!isRunning()) {
      return;
    }
    process.destroy();
    if (!waitForExit(STOP_TIMEOUT)) {
      LOG.warn("Kafka broker ignored SIGTERM for {}; killing it", STOP_TIMEOUT);
      kill();
    }
  }

  /** Kills the broker with SIGKILL, with no chance to flush or close anything. */
  public synchronized void kill() {
    if (!isRunning()) {
      return;
    }
    process.destroyForcibly();
    if (!waitForExit(STOP_TIMEOUT)) {
      throw new IllegalStateException("Kafka broker pid " + process.pid() + " survived SIGKILL");
    }
  }

  /**
   * Stops the broker if it runs, then starts it again on the same ports and data and waits until it
   * is ready.
   */
  public synchronized void restart() {
    stop();
    launch();
  }

  @Override
  public synchronized void close() {
    stop();
  }

  private synchronized void launch() {
    long started = System.nanoTime();
    ProcessBuilder builder =
        new ProcessBuilder(command())
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()));
    try {
      // stdin stays a pipe that we never write to: BrokerMain exits when it closes.
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the Kafka broker JVM", e);
    }
    awaitReady();
    LOG.info(
        "Kafka broker pid {} ready on {} in {} ms",
        process.pid(),
        bootstrapServers(),
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }

  private List<String> command() {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xms128m");
    command.add("-Xmx768m");
    command.add("-XX:+UseG1GC");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlog4j2.configurationFile=" + directory.resolve("log4j2.properties"));
    command.add("-cp");
    command.add(classpath());
    command.add(BrokerMain.class.getName());
    command.add(clusterId);
    command.add(propertiesFile.toString());
    return command;
  }

  private static String classpath() {
    try (InputStream in = KafkaBroker.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            CLASSPATH_RESOURCE + " is missing: build drover-kafka-test-support with Maven first");
      }
      String dependencies = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      Path ownClasses =
          Path.of(KafkaBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return ownClasses + java.io.File.pathSeparator + dependencies;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    Map<String, Object> config =
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000,
            AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, 50);
    try (Admin admin = Admin.create(config)) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "Kafka broker exited with " + process.exitValue() + " during start\n" + outputTail());
        }
        try {
          if (!admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (Exception notYet) {
          // The broker is still starting; the deadline below bounds the wait.
        }
        if (System.nanoTime() > deadline) {
          process.destroyForcibly();
          throw new IllegalStateException(
              "Kafka broker not ready within " + READY_TIMEOUT + "\n" + outputTail());
        }
      }
    }
  }

  private boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void requireRunning() {
    if (!isRunning()) {
      throw new IllegalStateException("the Kafka broker is not running");
    }
  }

  private String outputTail() {
    try {
      List<String> lines = Files.readAllLines(outputFile);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no broker output: " + e.getMessage() + ")";
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
