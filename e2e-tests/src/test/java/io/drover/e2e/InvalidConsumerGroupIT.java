package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.drover.api.v1alpha1.ConsumerGroupSpec;
import io.drover.api.v1alpha1.ConsumerGroupStatus;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kubernetes.Conflicts;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An invalid change to a running ConsumerGroup is refused where the user sees it: by admission when
 * the schema can say it (a 422 naming the field), otherwise by the operator (Ready=False with the
 * reason, one InvalidSpec Warning Event). The running pods are left alone: same processes, still
 * consuming.
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

      // What the schema can say, admission refuses: nothing reaches the operator.
      assertThatThrownBy(
              () ->
                  Conflicts.edit(
                      scenario.group(),
                      g -> {
                        g.getSpec().config = Map.of("sasl.jaas.config", "inline credentials");
                        return g;
                      }))
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
          .hasMessageContaining("spec.config must not set")
          .hasMessageNotContaining("inline credentials");

      // What only the operator can check (a Secret that does not exist) passes admission.
      Conflicts.edit(
          scenario.group(),
          g -> {
            ConsumerGroupSpec.SaslAuthentication sasl = new ConsumerGroupSpec.SaslAuthentication();
            sasl.mechanism = ConsumerGroupSpec.SaslAuthentication.Mechanism.PLAIN;
            sasl.username = "orders";
            sasl.passwordSecret = new ConsumerGroupSpec.SecretKeyRef();
            sasl.passwordSecret.name = "missing-kafka-user";
            sasl.passwordSecret.key = "password";
            g.getSpec().sasl = sasl;
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
                assertThat(ready.getReason()).isEqualTo("SecretNotFound");
                assertThat(ready.getMessage()).contains("missing-kafka-user");
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
