package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.TestRecord;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Scaling 1 → 3 → 1 through the scale subresource (as kubectl scale does), with traffic before,
 * between and after: every partition is consumed, nothing is lost, and, since every stop is clean,
 * nothing is delivered twice.
 */
class ScaleIT {

  @Test
  void scalingUpAndDownLosesAndRepeatsNothing() throws Exception {
    Scenario scenario = new Scenario(6);
    try (SinkEndpoint sink = SinkEndpoint.start();
        KafkaTestClient kafka = scenario.kafka()) {
      scenario.apply(sink, 1, "");
      scenario.awaitReady(1);
      kafka.produce(scenario.topic, 60);
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.accepted().size() >= 60);

      scenario.group().scale(3);
      scenario.awaitReady(3);
      produce(kafka, scenario, 60, 120);
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.accepted().size() >= 120);

      scenario.group().scale(1);
      scenario.awaitReady(1);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> scenario.stack.pods().pods(scenario.namespace, scenario.name).size() == 1);
      produce(kafka, scenario, 120, 180);
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.accepted().size() >= 180);

      assertThat(sink.accepted())
          .extracting(SinkEndpoint.Delivery::body)
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, 180).mapToObj(i -> "value-" + i).toList());
      assertThat(sink.accepted())
          .extracting(SinkEndpoint.Delivery::partition)
          .contains(0, 1, 2, 3, 4, 5);
    }
  }

  private static void produce(KafkaTestClient kafka, Scenario scenario, int from, int to) {
    kafka.produce(
        scenario.topic,
        IntStream.range(from, to).mapToObj(i -> TestRecord.of("key-" + i, "value-" + i)).toList());
  }
}
