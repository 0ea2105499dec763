package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.v1alpha1.ConsumerGroupStatus;
import io.drover.testing.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Applying a ConsumerGroup is enough: the operator makes a Deployment, the pod runner runs its two
 * replicas as real runtime processes, every produced message reaches the sink exactly once, and the
 * status says Ready with 2 of 2 replicas.
 */
class ApplyConsumerGroupIT {

  @Test
  void everyProducedMessageIsConsumedAndTheGroupIsReady() throws Exception {
    Scenario scenario = new Scenario(4);
    try (SinkEndpoint sink = SinkEndpoint.start();
        KafkaTestClient kafka = scenario.kafka()) {
      scenario.apply(sink, 2, "");
      scenario.awaitReady(2);

      kafka.produce(scenario.topic, 200);

      await().atMost(Duration.ofSeconds(60)).until(() -> sink.accepted().size() >= 200);
      assertThat(sink.accepted())
          .extracting(SinkEndpoint.Delivery::body)
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, 200).mapToObj(i -> "value-" + i).toList());
      assertThat(sink.accepted()).extracting(SinkEndpoint.Delivery::partition).contains(0, 1, 2, 3);
      ConsumerGroupStatus status = scenario.group().get().getStatus();
      assertThat(status.replicas).isEqualTo(2);
      assertThat(status.readyReplicas).isEqualTo(2);
      assertThat(scenario.stack.pods().pods(scenario.namespace, "orders")).hasSize(2);
    }
  }
}
