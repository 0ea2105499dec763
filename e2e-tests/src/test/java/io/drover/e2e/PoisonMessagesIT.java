package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.TestRecord;
import io.fabric8.kubernetes.api.model.Event;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Poison messages go the whole way round: they come back as Warning Events on the ConsumerGroup in
 * the API, land in the dead-letter topic with their origin in headers, and show on the pods'
 * /metrics; every good message is processed, in order within its partition.
 */
class PoisonMessagesIT {

  private static final int PER_PARTITION = 30;

  @Test
  void poisonIsReportedAndDeadLetteredAndGoodMessagesFlowInOrder() throws Exception {
    Scenario scenario = new Scenario(2);
    try (SinkEndpoint sink = SinkEndpoint.start();
        KafkaTestClient kafka = scenario.kafka()) {
      scenario.apply(
          sink,
          1,
          """
          errorHandling:
            pauseTimeoutMs: 200
            pauseMaxTimeoutMs: 400
            deadLetter: {topic: %s, maxRetries: 2}
          """
              .formatted(scenario.deadLetters));
      scenario.awaitReady(1);

      List<TestRecord> records = new ArrayList<>();
      for (int partition = 0; partition < 2; partition++) {
        for (int i = 0; i < PER_PARTITION; i++) {
          records.add(TestRecord.of("k", "good-" + partition + "-" + i).toPartition(partition));
          if (i == 10) {
            records.add(
                TestRecord.of("k", SinkEndpoint.POISON + "-" + partition).toPartition(partition));
          }
        }
      }
      kafka.produce(scenario.topic, records);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  sink.accepted().size() >= 2 * PER_PARTITION
                      && kafka.readAll(scenario.deadLetters).size() >= 2);

      Map<Integer, List<String>> byPartition =
          sink.accepted().stream()
              .collect(
                  Collectors.groupingBy(
                      SinkEndpoint.Delivery::partition,
                      Collectors.mapping(SinkEndpoint.Delivery::body, Collectors.toList())));
      for (int partition = 0; partition < 2; partition++) {
        int p = partition;
        assertThat(byPartition.get(partition))
            .as("partition %d, in order, each once", partition)
            .containsExactlyElementsOf(
                IntStream.range(0, PER_PARTITION).mapToObj(i -> "good-" + p + "-" + i).toList());
      }

      List<ConsumerRecord<String, String>> dead = kafka.readAll(scenario.deadLetters);
      assertThat(dead)
          .extracting(ConsumerRecord::value)
          .containsExactlyInAnyOrder(SinkEndpoint.POISON + "-0", SinkEndpoint.POISON + "-1");
      assertThat(dead)
          .allSatisfy(
              r ->
                  assertThat(KafkaTestClient.headers(r))
                      .containsEntry("drover-original-topic", scenario.topic)
                      .containsEntry("drover-original-offset", "11")
                      .containsEntry("drover-consumer-group", scenario.namespace)
                      .containsKey("drover-exception-class"));

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(warnings(scenario))
                      .extracting(Event::getReason)
                      .contains("PartitionPaused", "MessageDeadLettered"));
      assertThat(warnings(scenario))
          .allSatisfy(e -> assertThat(e.getMessage()).doesNotContain(SinkEndpoint.POISON));

      LocalPod pod = scenario.stack.pods().pods(scenario.namespace, scenario.name).get(0);
      String metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pod.port() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics).contains("drover_dead_letters_total{").contains("drover_errors_total{");
      assertThat(counter(metrics, "drover_dead_letters_total")).isEqualTo(2.0);
    }
  }

  private static List<Event> warnings(Scenario scenario) {
    return scenario.events().stream().filter(e -> "Warning".equals(e.getType())).toList();
  }

  private static double counter(String metrics, String name) {
    return metrics
        .lines()
        .filter(line -> line.startsWith(name + "{"))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
