package io.drover.operator;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.testing.kubernetes.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
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
    server = MockApiServer.start();
    client = server.createClient();
    MockApiServer.registerCrd(
        client, ConsumerGroup.class.getResourceAsStream(ConsumerGroup.CRD_RESOURCE));
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
