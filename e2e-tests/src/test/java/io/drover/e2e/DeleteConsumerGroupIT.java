package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.testing.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Deleting a ConsumerGroup stops its pods gracefully: each gets SIGTERM, exits 0 within its grace
 * period, and has committed the offset after the last message it processed.
 */
class DeleteConsumerGroupIT {

  @Test
  void podsStopGracefullyWithEveryOffsetCommitted() throws Exception {
    Scenario scenario = new Scenario(3);
    try (SinkEndpoint sink = SinkEndpoint.start();
        KafkaTestClient kafka = scenario.kafka()) {
      scenario.apply(sink, 2, "");
      scenario.awaitReady(2);
      kafka.produce(scenario.topic, 90);
      await().atMost(Duration.ofSeconds(60)).until(() -> sink.accepted().size() >= 90);
      List<String> pods =
          scenario.stack.pods().pods(scenario.namespace, scenario.name).stream()
              .map(LocalPod::name)
              .toList();
      assertThat(pods).hasSize(2);

      scenario.group().delete();

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  scenario.stack.pods().stopped().stream()
                      .map(PodRunner.Stopped::pod)
                      .collect(Collectors.toSet())
                      .containsAll(pods));
      assertThat(scenario.stack.pods().stopped())
          .filteredOn(s -> pods.contains(s.pod()))
          .allSatisfy(
              s -> {
                assertThat(s.ending()).isEqualTo(LocalPod.Ending.GRACEFUL);
                assertThat(s.exitCode()).isZero();
              });
      Map<TopicPartition, OffsetAndMetadata> committed = kafka.committedOffsets(scenario.namespace);
      Map<Integer, Long> ends =
          kafka.readAll(scenario.topic).stream()
              .collect(Collectors.toMap(r -> r.partition(), r -> r.offset() + 1, Math::max));
      assertThat(committed)
          .allSatisfy(
              (tp, offset) -> assertThat(offset.offset()).isEqualTo(ends.get(tp.partition())));
      assertThat(committed).hasSize(3);
      assertThat(sink.accepted()).hasSize(90);
    }
  }
}
