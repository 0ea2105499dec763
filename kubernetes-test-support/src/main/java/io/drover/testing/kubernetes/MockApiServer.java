package io.drover.testing.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.HashMap;

/**
 * The fabric8 mock API server in CRUD mode, the one stand-in for a Kubernetes API server that the
 * build accepts: it stores and serves objects and watches, but runs no admission, defaulting, CEL
 * rules, garbage collection or controllers.
 */
public final class MockApiServer {

  private MockApiServer() {}

  /** Starts one on a free loopback port; the caller destroys it. */
  public static KubernetesMockServer start() {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    return server;
  }

  /** Registers a CustomResourceDefinition read from YAML, such as a generated CRD file. */
  public static void registerCrd(KubernetesClient client, InputStream yaml) {
    try (yaml) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(
              client.getKubernetesSerialization().unmarshal(yaml, CustomResourceDefinition.class))
          .create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
