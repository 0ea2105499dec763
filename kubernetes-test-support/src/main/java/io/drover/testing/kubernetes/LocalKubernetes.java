package io.drover.testing.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * A local Kubernetes API for tests and the sandbox: the {@link RealApiServer} for custom resources,
 * the mock server for core objects, and the {@link ApiFront} that serves both as one cluster. What
 * is real and what is stood in, object by object, is in docs/e2e.md.
 */
public final class LocalKubernetes implements AutoCloseable {

  private final RealApiServer real;
  private final KubernetesMockServer mock;
  private final ApiFront front;
  private final KubernetesClient client;

  private LocalKubernetes(RealApiServer real, KubernetesMockServer mock, ApiFront front) {
    this.real = real;
    this.mock = mock;
    this.front = front;
    this.client = front.client();
  }

  /** Starts a real server of its own, a mock and the front, and installs {@code crd} for real. */
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

  /** A client of the front, shared; do not close it. */
  public KubernetesClient client() {
    return client;
  }

  /** The front's URL, which pods and kubectl use. */
  public String url() {
    return front.url();
  }

  /** The front, to inject faults into what it forwards. */
  public ApiFront front() {
    return front;
  }

  /** The real server behind the front, for its start time and version. */
  public RealApiServer real() {
    return real;
  }

  /** Writes a kubeconfig for kubectl. */
  public Path writeKubeconfig(Path file) {
    return front.writeKubeconfig(file);
  }

  @Override
  public void close() {
    client.close();
    front.close();
    mock.destroy();
    real.close();
  }
}
