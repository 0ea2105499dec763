package io.drover.operator;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.testing.kubernetes.ApiFront;
import io.drover.testing.kubernetes.LocalKubernetes;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.util.Set;

/**
 * The real operator against a local API: ConsumerGroups on a real API server with the generated CRD
 * installed (admission, defaults, status and scale are the real ones), core objects on the fabric8
 * mock server in CRUD mode. The mock runs no controllers: tests play the kubelet by writing
 * Deployment status themselves, and it has no garbage collector, so tests assert owner references.
 */
final class OperatorHarness implements AutoCloseable {

  static final String RUNTIME_IMAGE = "example.com/drover-runtime:test";

  private final LocalKubernetes api;
  private final KubernetesClient client;
  private DroverOperator operator;

  private OperatorHarness() throws IOException {
    api =
        LocalKubernetes.start(ConsumerGroup.class.getResourceAsStream(ConsumerGroup.CRD_RESOURCE));
    client = api.client();
  }

  static OperatorHarness start() throws IOException {
    OperatorHarness harness = new OperatorHarness();
    harness.startOperator();
    return harness;
  }

  ApiFront front() {
    return api.front();
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
    api.close();
  }
}
