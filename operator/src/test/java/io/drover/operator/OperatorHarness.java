package io.drover.operator;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Set;

/**
 * The fabric8 mock API server in CRUD mode with the generated CRD registered, and the real operator
 * against it. The mock runs no controllers: tests play the kubelet by writing Deployment status
 * themselves, and it has no garbage collector, so tests assert owner references.
 */
final class OperatorHarness implements AutoCloseable {

  static final String RUNTIME_IMAGE = "example.com/drover-runtime:test";

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private DroverOperator operator;

  private OperatorHarness() throws IOException {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    try (InputStream crd =
        ConsumerGroup.class.getResourceAsStream(
            "/META-INF/fabric8/" + ConsumerGroup.CRD_NAME + "-v1.yml")) {
      client
          .apiextensions()
          .v1()
          .customResourceDefinitions()
          .resource(
              client.getKubernetesSerialization().unmarshal(crd, CustomResourceDefinition.class))
          .create();
    }
  }

  static OperatorHarness start() throws IOException {
    OperatorHarness harness = new OperatorHarness();
    harness.startOperator();
    return harness;
  }

  KubernetesClient client() {
    return client;
  }

  void startOperator() throws IOException {
    operator =
        DroverOperator.start(client, new OperatorSettings(Set.of(), RUNTIME_IMAGE, false, null, 0));
  }

  int httpPort() {
    return operator.httpPort();
  }

  void stopOperator() {
    operator.close();
    operator = null;
  }

  @Override
  public void close() {
    if (operator != null) {
      operator.close();
    }
    client.close();
    server.destroy();
  }
}
