package io.drover.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import io.drover.testing.kubernetes.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The recorder against the fabric8 mock API server in CRUD mode, in-process. */
class KubernetesEventRecorderTest {

  private static final PodIdentity POD =
      new PodIdentity(
          "drover.io/v1alpha1", "ConsumerGroup", "orders", "uid-1234", "shop", "orders-7d9c-x2");
  private static final TopicPartition PARTITION = new TopicPartition("orders", 3);

  private final AtomicLong nanos = new AtomicLong();
  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void startApi() {
    server = MockApiServer.start();
    client = server.createClient();
  }

  @AfterEach
  void stopApi() {
    client.close();
    server.destroy();
  }

  @Test
  void identicalErrorsBecomeOneEventWithTheirCount() {
    Monitor monitor = new Monitor();
    try (KubernetesEventRecorder recorder = recorder(25)) {
      recorder.attachTo(monitor);
      publishPauses(monitor, 1, 3);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> events().size() == 1 && events().get(0).getCount() == 3);

      // The repeats after the first write patch the same Event.
      publishPauses(monitor, 4, 7);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> events().size() == 1 && events().get(0).getCount() == 7);
    }

    io.fabric8.kubernetes.api.model.Event event = events().get(0);
    assertThat(event.getReason()).isEqualTo("PartitionPaused");
    assertThat(event.getType()).isEqualTo("Warning");
    assertThat(event.getMessage())
        .isEqualTo(
            "Partition orders-3 paused at offset 42 after attempt 7 failed with"
                + " java.lang.IllegalStateException (database said no); next retry in 1m4s");
    assertThat(event.getInvolvedObject().getUid()).isEqualTo("uid-1234");
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("ConsumerGroup");
    assertThat(event.getInvolvedObject().getName()).isEqualTo("orders");
    assertThat(event.getReportingInstance()).isEqualTo("orders-7d9c-x2");
    assertThat(event.getFirstTimestamp()).isNotNull();
    assertThat(event.getLastTimestamp()).isNotNull();
  }

  @Test
  void differentPartitionsAndErrorsGetTheirOwnEvents() {
    Monitor monitor = new Monitor();
    try (KubernetesEventRecorder recorder = recorder(25)) {
      recorder.attachTo(monitor);
      monitor.publish(
          new Event.DeadLetterDispatched(PARTITION, 1, "orders.dlq", 3, "java.io.IOException"));
      monitor.publish(
          new Event.DeadLetterDispatched(
              new TopicPartition("orders", 4), 9, "orders.dlq", 3, "java.io.IOException"));
      monitor.publish(
          new Event.ErrorOccurred(
              ErrorType.CONSUMER_REVOKED, new RuntimeException("x"), this, PARTITION, -1, 0));
      monitor.publish(new Event.PartitionRecovered(PARTITION, 5, 2));

      await().atMost(Duration.ofSeconds(10)).until(() -> events().size() == 4);
    }

    assertThat(events())
        .extracting(e -> e.getReason() + "/" + e.getType())
        .containsExactlyInAnyOrder(
            "MessageDeadLettered/Warning",
            "MessageDeadLettered/Warning",
            "ConsumerCallbackFailed/Warning",
            "PartitionResumed/Normal");
  }

  @Test
  void aSpentBudgetHoldsWritesUntilItRefillsAndCloseFlushesTheRest() {
    Monitor monitor = new Monitor();
    KubernetesEventRecorder recorder = recorder(1);
    recorder.attachTo(monitor);
    for (int partition = 0; partition < 3; partition++) {
      monitor.publish(
          new Event.DeadLetterDispatched(
              new TopicPartition("orders", partition), 1, "orders.dlq", 3, "E"));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> events().size() == 1);

    nanos.addAndGet(KubernetesEventRecorder.REFILL_INTERVAL.toNanos());
    await().atMost(Duration.ofSeconds(10)).until(() -> events().size() == 2);

    recorder.close();
    assertThat(events()).hasSize(3);
  }

  @Test
  void consumptionNoiseMakesNoEvents() {
    Monitor monitor = new Monitor();
    try (KubernetesEventRecorder recorder = recorder(25)) {
      recorder.attachTo(monitor);
      monitor.publish(new Event.BatchConsumed(PARTITION, 10, 0, 9, Duration.ofMillis(3), 1));
      monitor.publish(new Event.PartitionPaused(PARTITION, 10, 0, Duration.ofSeconds(1), null));
      monitor.publish(new Event.PartitionResumed(PARTITION, 10, 1));
    }
    assertThat(events()).isEmpty();
  }

  private static void publishPauses(Monitor monitor, int fromAttempt, int toAttempt) {
    for (int attempt = fromAttempt; attempt <= toAttempt; attempt++) {
      monitor.publish(
          new Event.PartitionPaused(
              PARTITION,
              42,
              attempt,
              Duration.ofMillis(500L << attempt),
              new IllegalStateException("database said no")));
    }
  }

  private KubernetesEventRecorder recorder(int burst) {
    return new KubernetesEventRecorder(
        new ApiEventWriter(client, POD),
        Clock.systemUTC(),
        new WriteBudget(nanos::get, burst, KubernetesEventRecorder.REFILL_INTERVAL));
  }

  private List<io.fabric8.kubernetes.api.model.Event> events() {
    return client.v1().events().inNamespace("shop").list().getItems();
  }
}
