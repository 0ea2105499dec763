package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Drover on a real kind cluster, after e2e-tests/kind/run.sh has installed it and produced good and
 * poison messages: the ConsumerGroup is Ready with restricted pods, poison comes back as Warning
 * Events and dead-letter records, the pods' /metrics show it, and a pod deleted mid-stream stops
 * gracefully with no message lost. Not part of the normal build (it needs the cluster).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KindClusterE2E {

  private static final String NAMESPACE = "drover-e2e";
  private static final int GOOD = Integer.getInteger("kind.good", 500);
  private static final int POISON = Integer.getInteger("kind.poison", 5);
  private static KubernetesClient client;

  @BeforeAll
  static void connect() {
    client = new KubernetesClientBuilder().build();
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Test
  @Order(1)
  void theGroupIsReadyWithRestrictedPods() {
    ConsumerGroupStatus status = group().getStatus();
    assertThat(status.readyReplicas).isEqualTo(2);
    assertThat(status.conditions)
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    assertThat(pods())
        .hasSize(2)
        .allSatisfy(
            pod -> {
              assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
              assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            });
  }

  @Test
  @Order(2)
  void everyGoodMessageReachesTheSinkAndPoisonTheDeadLetterTopic() throws Exception {
    await().atMost(Duration.ofMinutes(3)).until(() -> sinkCount() >= GOOD);
    assertThat(sinkCount()).isEqualTo(GOOD);
    await()
        .atMost(Duration.ofMinutes(2))
        .until(
            () ->
                kafka(
                        "/opt/kafka/bin/kafka-get-offsets.sh",
                        "--bootstrap-server",
                        "localhost:9092",
                        "--topic",
                        "orders-dlq")
                    .strip()
                    .endsWith(":" + POISON));
  }

  @Test
  @Order(3)
  void poisonComesBackAsWarningEventsAndMetrics() throws Exception {
    await()
        .atMost(Duration.ofMinutes(2))
        .untilAsserted(
            () ->
                assertThat(client.v1().events().inNamespace(NAMESPACE).list().getItems())
                    .filteredOn(e -> "Warning".equals(e.getType()))
                    .extracting(Event::getReason)
                    .contains("PartitionPaused", "MessageDeadLettered"));
    double deadLettered = 0;
    for (Pod pod : pods()) {
      try (LocalPortForward forward =
          client
              .pods()
              .inNamespace(NAMESPACE)
              .withName(pod.getMetadata().getName())
              .portForward(8080)) {
        String metrics = get("http://127.0.0.1:" + forward.getLocalPort() + "/metrics");
        deadLettered +=
            metrics
                .lines()
                .filter(l -> l.startsWith("drover_dead_letters_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
      }
    }
    assertThat(deadLettered).isEqualTo(POISON);
  }

  @Test
  @Order(4)
  void aPodDeletedMidStreamStopsGracefullyAndNothingIsLost() throws Exception {
    StringBuilder more = new StringBuilder();
    for (int i = 1; i <= 2000; i++) {
      more.append("late-").append(i).append('\n');
    }
    Thread producer =
        new Thread(
            () ->
                kafkaWithInput(
                    more.toString(),
                    "/opt/kafka/bin/kafka-console-producer.sh",
                    "--bootstrap-server",
                    "localhost:9092",
                    "--topic",
                    "orders"));
    producer.start();
    Pod victim = pods().get(0);
    client.resource(victim).delete();
    await().atMost(Duration.ofMinutes(3)).until(() -> sinkCount() >= GOOD + 2000);
    assertThat(sinkCount()).isEqualTo(GOOD + 2000);
    await().atMost(Duration.ofMinutes(2)).until(() -> group().getStatus().readyReplicas == 2);
  }

  private static ConsumerGroup group() {
    return client.resources(ConsumerGroup.class).inNamespace(NAMESPACE).withName("orders").get();
  }

  private static List<Pod> pods() {
    return client
        .pods()
        .inNamespace(NAMESPACE)
        .withLabel("app.kubernetes.io/instance", "orders")
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static int sinkCount() throws Exception {
    Pod sink = client.pods().inNamespace("kafka").withLabel("app", "sink").list().getItems().get(0);
    try (LocalPortForward forward =
        client
            .pods()
            .inNamespace("kafka")
            .withName(sink.getMetadata().getName())
            .portForward(8080)) {
      return Integer.parseInt(get("http://127.0.0.1:" + forward.getLocalPort() + "/count").strip());
    }
  }

  private static String kafka(String... command) {
    return kafkaWithInput(null, command);
  }

  private static String kafkaWithInput(String input, String... command) {
    Pod kafka =
        client.pods().inNamespace("kafka").withLabel("app", "kafka").list().getItems().get(0);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    var pod = client.pods().inNamespace("kafka").withName(kafka.getMetadata().getName());
    try (ExecWatch watch =
        input == null
            ? pod.writingOutput(out).exec(command)
            : pod.redirectingInput().writingOutput(out).exec(command)) {
      if (input != null) {
        watch.getInput().write(input.getBytes(StandardCharsets.UTF_8));
        watch.getInput().close();
      }
      watch.exitCode().get();
      return out.toString(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }
}
