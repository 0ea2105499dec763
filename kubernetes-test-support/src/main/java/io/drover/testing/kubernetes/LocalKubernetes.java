package io.drover.testing.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A local Kubernetes API for tests and the sandbox: the {@link RealApiServer} for custom resources,
 * the mock server for core objects, and the {@link ApiFront} that serves both as one cluster. What
 * is real and what is stood in, object by object, is in docs/e2e.md.
 *
 * <p>Where no real server can start without a build ({@link #startBestAvailable}), it falls back to
 * the mock alone, which accepts any custom resource: no admission, defaults or CEL rules.
 */
public final class LocalKubernetes implements AutoCloseable {

  private final Optional<RealApiServer> real;
  private final KubernetesMockServer mock;
  private final Optional<ApiFront> front;
  private final KubernetesClient client;
  private final String url;

  private LocalKubernetes(RealApiServer real, KubernetesMockServer mock, ApiFront front) {
    this.real = Optional.ofNullable(real);
    this.mock = mock;
    this.front = Optional.ofNullable(front);
    this.client = front != null ? front.client() : mock.createClient();
    this.url = front != null ? front.url() : mock.url("/");
  }

  /**
   * Starts a real server of its own (building the binary first if this machine has none), a mock
   * and the front, and installs {@code crd} on the real server.
   */
  public static LocalKubernetes start(InputStream crd) {
    RealApiServer real = RealApiServer.start();
    KubernetesMockServer mock = null;
    try {
      mock = MockApiServer.start();
      ApiFront front = ApiFront.start(real, mock);
      try (KubernetesClient admin = real.client()) {
        RealApiServer.installCrd(admin, crd);
      }
      return new LocalKubernetes(real, mock, front);
    } catch (RuntimeException e) {
      if (mock != null) {
        mock.destroy();
      }
      real.close();
      throw e;
    }
  }

  /**
   * Starts with a real server when one can start without building anything, otherwise with the mock
   * alone; {@link #describe()} says which.
   */
  public static LocalKubernetes startBestAvailable(InputStream crd) {
    if (RealApiServer.availableWithoutBuilding()) {
      return start(crd);
    }
    KubernetesMockServer mock = MockApiServer.start();
    LocalKubernetes cluster = new LocalKubernetes(null, mock, null);
    try (crd) {
      cluster
          .client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(
              cluster
                  .client
                  .getKubernetesSerialization()
                  .unmarshal(crd, CustomResourceDefinition.class))
          .create();
    } catch (IOException e) {
      cluster.close();
      throw new UncheckedIOException(e);
    }
    return cluster;
  }

  /** One line on what serves the API: the real server and its version, or the mock alone. */
  public String describe() {
    return real.map(
            server ->
                "a real API server (apiextensions-apiserver "
                    + server.version()
                    + ") for ConsumerGroups, the fabric8 mock server for core objects")
        .orElse(
            "the fabric8 mock server only: no admission, defaults or CEL rules, and no kubectl."
                + " For the real server, install etcd (Debian's etcd-server) and run"
                + " scripts/build-apiserver.sh "
                + ApiServerBinary.cacheDirectory(System.getenv())
                    .resolve(ApiServerBinary.FILE_NAME));
  }

  /** A client of the API, shared; do not close it. */
  public KubernetesClient client() {
    return client;
  }

  /** The API's URL, which pods and kubectl use. */
  public String url() {
    return url;
  }

  /** The real server behind the front; only when there is one. */
  public RealApiServer real() {
    return real.orElseThrow(() -> new IllegalStateException("running on the mock alone"));
  }

  /** The front, to inject faults into what it forwards; only with a real server. */
  public ApiFront front() {
    return front.orElseThrow(() -> new IllegalStateException("running on the mock alone"));
  }

  /** Writes a kubeconfig for kubectl, if the API can serve kubectl (only with a real server). */
  public Optional<Path> writeKubeconfig(Path file) {
    return front.map(f -> f.writeKubeconfig(file));
  }

  @Override
  public void close() {
    client.close();
    front.ifPresent(ApiFront::close);
    mock.destroy();
    real.ifPresent(RealApiServer::close);
  }
}
