package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.v1alpha1.ConsumerGroupSpec;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.TestRecord;
import io.drover.testing.kubernetes.Conflicts;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A spec change (the back-off) while messages keep flowing rolls the pods one by one: the old pods
 * stop gracefully, the new pods carry the new template, no message is lost, and any duplicate is
 * within the at-least-once bound of one uncommitted batch per stopped pod.
 */
class SpecChangeIT {

  @Test
  void aRollingRestartLosesNothing() throws Exception {
    Scenario scenario = new Scenario(4);
    try (SinkEndpoint sink = SinkEndpoint.start();
        KafkaTestClient kafka = scenario.kafka()) {
      scenario.apply(sink, 2, "");
      scenario.awaitReady(2);
      Set<String> oldPods = names(scenario);

      AtomicBoolean producing = new AtomicBoolean(true);
      AtomicInteger produced = new AtomicInteger();
      Thread producer =
          new Thread(
              () -> {
                // Bounded, so that a stuck rollout cannot flood the broker.
                while (producing.get() && produced.get() < 5_000) {
                  int from = produced.get();
                  kafka.produce(
                      scenario.topic,
                      IntStream.range(from, from + 10)
                          .mapToObj(i -> TestRecord.of("key-" + i, "value-" + i))
                          .toList());
                  produced.set(from + 10);
                }
              });
      producer.start();
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.accepted().size() >= 50);

      Conflicts.edit(
          scenario.group(),
          g -> {
            g.getSpec().errorHandling = new ConsumerGroupSpec.ErrorHandling();
            g.getSpec().errorHandling.pauseTimeoutMs = 500L;
            return g;
          });

      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                Set<String> now = names(scenario);
                return now.size() == 2 && now.stream().noneMatch(oldPods::contains);
              });
      scenario.awaitReady(2);
      producing.set(false);
      producer.join();
      int total = produced.get();
      await().atMost(Duration.ofSeconds(30)).until(() -> distinct(sink).size() >= total);

      assertThat(distinct(sink))
          .containsExactlyInAnyOrderElementsOf(
              IntStream.range(0, total).mapToObj(i -> "value-" + i).toList());
      // The last old pod leaves the pod list when it gets SIGTERM; its ending is known at exit.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(scenario.stack.pods().stopped())
                      .filteredOn(s -> oldPods.contains(s.pod()))
                      .hasSize(2)
                      .allSatisfy(s -> assertThat(s.ending()).isEqualTo(LocalPod.Ending.GRACEFUL)));
      int duplicates = sink.accepted().size() - total;
      // At least once: a stopped pod may redeliver what it processed after its last commit.
      assertThat(duplicates).isBetween(0, 2 * 500);
    }
  }

  private static Set<String> names(Scenario scenario) {
    return scenario.stack.pods().pods(scenario.namespace, scenario.name).stream()
        .map(LocalPod::name)
        .collect(Collectors.toSet());
  }

  private static List<String> distinct(SinkEndpoint sink) {
    return sink.accepted().stream().map(SinkEndpoint.Delivery::body).distinct().toList();
  }
}
