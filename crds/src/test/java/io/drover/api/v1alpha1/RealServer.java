package io.drover.api.v1alpha1;

import io.drover.testing.kubernetes.RealApiServer;
import io.drover.testing.kubernetes.SharedRealApiServer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared real API server with the ConsumerGroup CRD installed from the file users apply: the
 * chart's copy, which CrdIsCheckedInTest keeps equal to the generated one.
 */
final class RealServer {

  private static KubernetesClient client;
  private static CustomResourceDefinition installed;

  private RealServer() {}

  /** A client of the shared server, with the CRD Established. */
  static synchronized KubernetesClient client() {
    if (client == null) {
      RealApiServer server = SharedRealApiServer.get();
      KubernetesClient started = server.client();
      try {
        installed = RealApiServer.installCrd(started, Files.newInputStream(chartCrd()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      client = started;
    }
    return client;
  }

  /** The CRD as the server stored it. */
  static synchronized CustomResourceDefinition installedCrd() {
    client();
    return installed;
  }

  static Path chartCrd() {
    return Path.of(System.getProperty("helm.crd"));
  }
}
