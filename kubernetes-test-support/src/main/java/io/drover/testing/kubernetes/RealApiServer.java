package io.drover.testing.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Kubernetes API server for custom resources: {@code k8s.io/apiextensions-apiserver}, backed
 * by its own etcd, on free loopback ports. It serves CRDs and custom resources with OpenAPI
 * validation, defaulting, CEL rules, the status and scale subresources, server-side apply and
 * watches. It serves no core API (namespaces, ConfigMaps, Deployments, Events, Leases) and no
 * {@code /api} or {@code /apis} discovery root; {@link ApiFront} adds those from the mock server.
 *
 * <p>Both processes stop on {@link #close()}, and also when the JVM that started them dies.
 */
public final class RealApiServer implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final List<String> DISABLED_ADMISSION =
      List.of(
          // No core API to look namespaces up in, and no webhooks or policies to call.
          "NamespaceLifecycle",
          "MutatingAdmissionWebhook",
          "ValidatingAdmissionWebhook",
          "ValidatingAdmissionPolicy",
          "MutatingAdmissionPolicy");

  private final Path dir;
  private final ChildProcess etcd;
  private final ChildProcess apiServer;
  private final String url;
  private final ClientCertificates certificates;
  private Duration startTime;

  private RealApiServer(
      Path dir,
      ChildProcess etcd,
      ChildProcess apiServer,
      String url,
      ClientCertificates certificates) {
    this.dir = dir;
    this.etcd = etcd;
    this.apiServer = apiServer;
    this.url = url;
    this.certificates = certificates;
  }

  /** Starts etcd and the API server in a new temporary directory, and waits until it is ready. */
  public static RealApiServer start() {
    try {
      return start(Files.createTempDirectory("drover-apiserver-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts etcd and the API server in {@code dir}, and waits until it is ready. */
  public static RealApiServer start(Path dir) {
    Path binary = ApiServerBinary.locate();
    Path etcdBinary = etcdBinary();
    Instant begin = Instant.now();
    ClientCertificates certificates = ClientCertificates.createAdmin(dir);
    int etcdPort = freePort();
    int peerPort = freePort();
    int port = freePort();
    String etcdUrl = "http://127.0.0.1:" + etcdPort;
    String peerUrl = "http://127.0.0.1:" + peerPort;
    ChildProcess etcd =
        ChildProcess.start(
            "etcd",
            List.of(
                etcdBinary.toString(),
                "--name=drover-test",
                "--data-dir=" + dir.resolve("etcd"),
                "--listen-client-urls=" + etcdUrl,
                "--advertise-client-urls=" + etcdUrl,
                "--listen-peer-urls=" + peerUrl,
                "--initial-advertise-peer-urls=" + peerUrl,
                "--initial-cluster=drover-test=" + peerUrl,
                "--logger=zap"),
            dir.resolve("etcd.log"));
    Path nowhere = writeUnreachableKubeconfig(dir.resolve("delegation.kubeconfig"));
    ChildProcess apiServer =
        ChildProcess.start(
            "apiextensions-apiserver",
            List.of(
                binary.toString(),
                "--etcd-servers=" + etcdUrl,
                "--bind-address=127.0.0.1",
                "--secure-port=" + port,
                "--cert-dir=" + dir.resolve("serving"),
                "--client-ca-file=" + certificates.caCertificate(),
                "--authentication-skip-lookup",
                // It has no core API server to delegate to; an unreachable one makes that plain.
                "--kubeconfig=" + nowhere,
                "--authentication-kubeconfig=" + nowhere,
                "--authorization-kubeconfig=" + nowhere,
                "--disable-admission-plugins=" + String.join(",", DISABLED_ADMISSION),
                // Debian's etcd 3.4 cannot answer the watch-progress requests the watch cache needs
                // for a watch without a resourceVersion; without the cache, watches go to etcd.
                "--watch-cache=false"),
            dir.resolve("apiserver.log"));
    RealApiServer server =
        new RealApiServer(dir, etcd, apiServer, "https://127.0.0.1:" + port, certificates);
    try {
      server.awaitReady();
    } catch (RuntimeException e) {
      server.stopProcesses(); // keeps the directory: the error names the logs in it
      throw e;
    }
    server.startTime = Duration.between(begin, Instant.now());
    return server;
  }

  /** Polls {@code /readyz} until it answers, with a bound; fails fast if a process exits. */
  private void awaitReady() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    try (KubernetesClient client = client()) {
      while (Instant.now().isBefore(deadline)) {
        if (!etcd.isAlive() || !apiServer.isAlive()) {
          throw new IllegalStateException(
              "the API server or its etcd exited during start; see " + apiServer + " and " + etcd);
        }
        // informer-sync never passes: there is no core API to sync informers from.
        if ("ok".equals(readyz(client))) {
          return;
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new IllegalStateException(
        "the API server at "
            + url
            + " was not ready within "
            + READY_TIMEOUT
            + "; see "
            + apiServer);
  }

  private static String readyz(KubernetesClient client) {
    try {
      return client.raw(client.getMasterUrl() + "readyz?exclude=informer-sync");
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The server's base URL, {@code https://127.0.0.1:<port>}. */
  public String url() {
    return url;
  }

  /** The version the server reports, for example {@code v1.36.4}. */
  public String version() {
    try (KubernetesClient client = client()) {
      return client.getKubernetesVersion().getGitVersion();
    }
  }

  /** How long the start took, from launching etcd to the server answering ready. */
  public Duration startTime() {
    return startTime;
  }

  /** A client configuration that authenticates as a cluster administrator. */
  public Config config() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url)
        // The serving certificate is self-signed per start; the client certificate is the secret.
        .withTrustCerts(true)
        .withClientCertFile(certificates.clientCertificate().toString())
        .withClientKeyFile(certificates.clientKey().toString())
        .withNamespace("default")
        .withRequestTimeout(10_000)
        .build();
  }

  /** A new client; the caller closes it. */
  public KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  /** The client certificate files, for a front that forwards to this server. */
  ClientCertificates certificates() {
    return certificates;
  }

  /**
   * Creates a CustomResourceDefinition read from YAML, such as a generated CRD file, and waits
   * until the server reports it {@code Established}. A CRD the server refuses throws with the
   * server's message.
   */
  public static CustomResourceDefinition installCrd(KubernetesClient client, InputStream yaml) {
    CustomResourceDefinition crd;
    try (yaml) {
      crd = client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var resource = client.apiextensions().v1().customResourceDefinitions().resource(crd);
    resource.createOr(existing -> existing.update());
    CustomResourceDefinition established =
        resource.waitUntilCondition(
            RealApiServer::established, READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    return established;
  }

  private static boolean established(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Override
  public void close() {
    stopProcesses();
    deleteQuietly(dir);
  }

  private void stopProcesses() {
    apiServer.stop(10);
    etcd.stop(10);
  }

  /** Whether a real server can start here without building anything: etcd and the binary exist. */
  public static boolean availableWithoutBuilding() {
    return etcdBinaryIfPresent().isPresent() && ApiServerBinary.find().isPresent();
  }

  private static Path etcdBinary() {
    return etcdBinaryIfPresent()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no etcd found: install Debian's etcd-server package (./scripts/test.sh does)"));
  }

  private static Optional<Path> etcdBinaryIfPresent() {
    for (String candidate : List.of("/usr/bin/etcd", "/usr/local/bin/etcd")) {
      if (Files.isExecutable(Path.of(candidate))) {
        return Optional.of(Path.of(candidate));
      }
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry : path.split(":")) {
      Path etcd = Path.of(entry, "etcd");
      if (!entry.isEmpty() && Files.isExecutable(etcd)) {
        return Optional.of(etcd);
      }
    }
    return Optional.empty();
  }

  private static Path writeUnreachableKubeconfig(Path file) {
    try {
      return Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          clusters: [{name: none, cluster: {server: "https://127.0.0.1:1"}}]
          users: [{name: none, user: {}}]
          contexts: [{name: none, context: {cluster: none, user: none}}]
          current-context: none
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is not worth failing a test for.
    }
  }
}
