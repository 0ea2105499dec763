package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.v1alpha1.ConsumerGroupStatus;
import io.drover.testing.kafka.KafkaTestClient;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An invalid change to a running ConsumerGroup is refused where the user sees it (Ready=False with
 * the reason, one InvalidSpec Warning Event) and the running pods are left alone: same processes,
 * still consuming.
 */
class InvalidConsumerGroupIT {

  @Test
  void theConditionAndEventTellAndTheRunningPodsAreUntouched() throws Exception {
    Scenario scenario = new Scenario(2);
    try (SinkEndpoint sink = SinkEndpoint.start();
        KafkaTestClient kafka = scenario.kafka()) {
      scenario.apply(sink, 1, "");
      scenario.awaitReady(1);
      List<Long> pidsBefore =
          scenario.stack.pods().pods(scenario.namespace, scenario.name).stream()
              .map(LocalPod::pid)
              .toList();

      scenario
          .group()
          .edit(
              g -> {
                g.getSpec().config = Map.of("sasl.jaas.config", "inline credentials are refused");
                return g;
              });

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                Condition ready =
                    scenario.group().get().getStatus().conditions.stream()
                        .filter(c -> c.getType().equals(ConsumerGroupStatus.READY))
                        .findFirst()
                        .orElseThrow();
                assertThat(ready.getStatus()).isEqualTo("False");
                assertThat(ready.getMessage()).contains("sasl.jaas.config");
              });
      assertThat(scenario.events())
          .filteredOn(e -> "InvalidSpec".equals(e.getReason()))
          .singleElement()
          .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));

      kafka.produce(scenario.topic, 20);
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.accepted().size() >= 20);
      assertThat(
              scenario.stack.pods().pods(scenario.namespace, scenario.name).stream()
                  .map(LocalPod::pid)
                  .toList())
          .isEqualTo(pidsBefore);
      List<String> names =
          scenario.stack.pods().pods(scenario.namespace, scenario.name).stream()
              .map(LocalPod::name)
              .toList();
      assertThat(scenario.stack.pods().stopped()).noneMatch(s -> names.contains(s.pod()));
    }
  }
}
