package io.drover.e2e;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.DroverOperator;
import io.drover.operator.OperatorSettings;
import io.drover.testing.kafka.KafkaBroker;
import io.drover.testing.kubernetes.LocalKubernetes;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drover's whole chain on one machine: a real Kafka broker, a local Kubernetes API (ConsumerGroups
 * on a real API server, core objects on the fabric8 CRUD mock, one front for both), the real
 * operator in this JVM, and the {@link PodRunner} that runs the operator's Deployments as real
 * runtime processes.
 */
public final class LocalStack implements AutoCloseable {

  /** The runtime image the operator puts in pod templates; the pod runner runs the local build. */
  public static final String RUNTIME_IMAGE = "ghcr.io/drover-io/drover-runtime:local";

  private final List<AutoCloseable> parts = new ArrayList<>();
  private KafkaBroker broker;
  private LocalKubernetes api;
  private KubernetesClient client;
  private DroverOperator operator;
  private PodRunner runner;

  private LocalStack() {}

  /**
   * Starts every part.
   *
   * @param workDirectory where the broker and the pods keep their files
   * @param runtimeHome the runtime's image layout ({@code runtime-image/target/app})
   */
  public static LocalStack start(Path workDirectory, Path runtimeHome) throws IOException {
    return start(workDirectory, runtimeHome, true);
  }

  /**
   * Starts every part.
   *
   * @param workDirectory where the broker and the pods keep their files
   * @param runtimeHome the runtime's image layout ({@code runtime-image/target/app})
   * @param requireRealApiServer build the real API server if this machine has none; otherwise fall
   *     back to the mock alone, as the sandbox does
   */
  public static LocalStack start(Path workDirectory, Path runtimeHome, boolean requireRealApiServer)
      throws IOException {
    LocalStack stack = new LocalStack();
    try {
      stack.broker = KafkaBroker.start(Files.createDirectories(workDirectory.resolve("kafka")));
      stack.parts.add(stack.broker);
      InputStream crd = ConsumerGroup.class.getResourceAsStream(ConsumerGroup.CRD_RESOURCE);
      stack.api =
          requireRealApiServer
              ? LocalKubernetes.start(crd)
              : LocalKubernetes.startBestAvailable(crd);
      stack.parts.add(stack.api);
      stack.client = stack.api.client();
      stack.operator =
          DroverOperator.start(
              stack.client, new OperatorSettings(Set.of(), RUNTIME_IMAGE, false, null, 0));
      stack.parts.add(stack.operator);
      stack.runner =
          PodRunner.start(
              stack.client,
              Files.createDirectories(workDirectory.resolve("pods")),
              runtimeHome,
              stack.api.url());
      stack.parts.add(stack.runner);
      return stack;
    } catch (IOException | RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public KubernetesClient client() {
    return client;
  }

  /** The local Kubernetes API: its URL, kubeconfig and real server. */
  public LocalKubernetes api() {
    return api;
  }

  public PodRunner pods() {
    return runner;
  }

  /** The operator's /metrics port. */
  public int operatorPort() {
    return operator.httpPort();
  }

  /** Creates a namespace in the API. */
  public void createNamespace(String name) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  /** Stops the pods first (gracefully), then the operator, the API server and the broker. */
  @Override
  public void close() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        // Keep closing the rest.
      }
    }
  }
}
