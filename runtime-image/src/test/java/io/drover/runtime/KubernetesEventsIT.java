package io.drover.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.runtime.events.PodIdentity;
import io.drover.testing.kafka.FreePort;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import io.drover.testing.kafka.TestRecord;
import io.drover.testing.kubernetes.MockApiServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes Events from a real runtime process, written to the fabric8 mock API server: repeats
 * aggregate into one Event with a count, no payload or key ever reaches an Event, and an API that
 * refuses Events does not slow consumption.
 */
class KubernetesEventsIT {

  private static final String NAMESPACE = "shop";
  private static final String SECRET = "SECRET-PAYLOAD";

  private SinkServer sink;

  @BeforeEach
  void startSink() throws Exception {
    // Poison is rejected for good (dead-lettered); "flaky" fails once, then succeeds.
    sink =
        SinkServer.start(
            (body, seenBefore) -> {
              if (body.startsWith("poison")) {
                return 400;
              }
              return body.startsWith("flaky") && seenBefore == 0 ? 503 : 200;
            });
  }

  @AfterEach
  void stopSink() {
    sink.close();
  }

  @Test
  void repeatedErrorsBecomeOneEventWithACountAndNoPayload(@TempDir Path dir) throws Exception {
    KubernetesMockServer api = MockApiServer.start();
    try (KubernetesClient client = api.createClient();
        KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get())) {
      Scenario scenario = Scenario.create(dir, kafka, sink);
      try (RuntimeProcess runtime =
          RuntimeProcess.start(scenario.config(), environment(api.url("/")))) {
        scenario.produceAndAwaitAllCommitted(kafka);

        await()
            .atMost(Duration.ofSeconds(15))
            .until(() -> count(events(client), "MessageDeadLettered") == 4);
        // In a pod, metrics name the ConsumerGroup (not the Kafka group id), as the operator's
        // do, and carry no namespace label: Prometheus adds the pod's own.
        String metrics = RuntimeProcess.get(scenario.port(), "/metrics").body();
        assertThat(metrics)
            .contains("drover_dead_letters_total{consumergroup=\"orders\",")
            .doesNotContain("namespace=");
        runtime.terminate();
        assertThat(runtime.awaitExit(Duration.ofSeconds(30))).isEqualTo(0);
      }

      List<Event> events = events(client);
      assertThat(events)
          .filteredOn(e -> e.getReason().equals("MessageDeadLettered"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.getType()).isEqualTo("Warning");
                assertThat(e.getCount()).isEqualTo(4);
                assertThat(e.getMessage())
                    .contains(scenario.topic() + "-0")
                    .contains(scenario.topic() + "-dlq")
                    .contains("io.drover.runtime.consumers.NonRetryableSinkException");
              });
      assertThat(events)
          .extracting(Event::getReason)
          .contains("PartitionPaused", "PartitionResumed");
      assertThat(events)
          .allSatisfy(
              e -> {
                assertThat(e.getInvolvedObject().getUid()).isEqualTo("uid-42");
                assertThat(e.getReportingInstance()).isEqualTo("orders-abc12");
                assertThat(e.getMessage()).doesNotContain(SECRET).doesNotContain("KEY-");
              });
    } finally {
      api.destroy();
    }
  }

  @Test
  void aForbiddenEventWriteDoesNotStopConsumption(@TempDir Path dir) throws Exception {
    KubernetesMockServer api = new KubernetesMockServer(false);
    api.init(InetAddress.getLoopbackAddress(), 0);
    api.expect()
        .post()
        .withPath("/api/v1/namespaces/" + NAMESPACE + "/events")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage("events is forbidden: cannot create resource \"events\"")
                .build())
        .always();
    try (KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get())) {
      Scenario scenario = Scenario.create(dir, kafka, sink);
      try (RuntimeProcess runtime =
          RuntimeProcess.start(scenario.config(), environment(api.url("/")))) {
        scenario.produceAndAwaitAllCommitted(kafka);
        runtime.terminate();
        assertThat(runtime.awaitExit(Duration.ofSeconds(30))).isEqualTo(0);

        assertThat(kafka.readAll(scenario.topic() + "-dlq")).hasSize(4);
        String log = runtime.output();
        assertThat(log.split("Kubernetes Event not written", -1)).hasSize(2);
        assertThat(log).contains("needs create and patch on events");
      }
    } finally {
      api.destroy();
    }
  }

  private static Map<String, String> environment(String apiUrl) {
    return Map.of(
        "KUBERNETES_MASTER",
        apiUrl,
        "KUBERNETES_AUTH_TRYKUBECONFIG",
        "false",
        "KUBERNETES_AUTH_TRYSERVICEACCOUNT",
        "false",
        PodIdentity.OWNER_API_VERSION,
        "drover.io/v1alpha1",
        PodIdentity.OWNER_KIND,
        "ConsumerGroup",
        PodIdentity.OWNER_NAME,
        "orders",
        PodIdentity.OWNER_UID,
        "uid-42",
        PodIdentity.POD_NAMESPACE,
        NAMESPACE,
        PodIdentity.POD_NAME,
        "orders-abc12");
  }

  private static List<Event> events(KubernetesClient client) {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems();
  }

  private static long count(List<Event> events, String reason) {
    return events.stream()
        .filter(e -> e.getReason().equals(reason))
        .mapToLong(e -> e.getCount() == null ? 0 : e.getCount())
        .sum();
  }

  /** One partition: good messages, one flaky one, and four poison ones with a DLQ. */
  private record Scenario(String topic, Path config, int port) {

    static Scenario create(Path dir, KafkaTestClient kafka, SinkServer sink) throws Exception {
      String topic = "events-" + UUID.randomUUID();
      Path config = dir.resolve("runtime.yaml");
      int port = FreePort.onLoopback();
      Files.writeString(
          config,
          """
          apiVersion: runtime.drover.io/v1alpha1
          kind: RuntimeConfig
          kafka: {bootstrapServers: "%s", groupId: %s}
          topics: [%s]
          consumer:
            type: http
            http: {url: "%s"}
          errorHandling:
            pauseTimeoutMs: 100
            deadLetter: {topic: %s, maxRetries: 2, independent: true}
          http: {port: %d}
          """
              .formatted(
                  SharedKafkaBroker.get().bootstrapServers(),
                  topic + "-group",
                  topic,
                  sink.url(),
                  topic + "-dlq",
                  port));
      kafka.createTopic(topic, 1);
      kafka.createTopic(topic + "-dlq", 1);
      return new Scenario(topic, config, port);
    }

    void produceAndAwaitAllCommitted(KafkaTestClient kafka) throws Exception {
      List<TestRecord> records = new ArrayList<>();
      records.add(TestRecord.of("KEY-good", "good " + SECRET));
      for (int i = 0; i < 4; i++) {
        records.add(TestRecord.of("KEY-poison-" + i, "poison " + SECRET + " " + i));
      }
      records.add(TestRecord.of("KEY-flaky", "flaky " + SECRET));
      records.add(TestRecord.of("KEY-last", "last " + SECRET));
      kafka.produce(topic, records);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  kafka.committedOffsets(topic + "-group").values().stream()
                      .anyMatch(o -> o.offset() == records.size()));
    }
  }
}
