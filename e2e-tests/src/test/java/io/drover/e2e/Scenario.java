package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupStatus;
import io.drover.testing.kafka.KafkaTestClient;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/** One test's namespace, topic and ConsumerGroup on the shared stack. */
final class Scenario {

  final LocalStack stack = SharedStack.get();
  final String namespace = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
  final String topic = namespace + "-orders";
  final String deadLetters = topic + "-dlq";
  final String name = "orders";

  Scenario(int partitions) {
    stack.createNamespace(namespace);
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, partitions);
      kafka.createTopic(deadLetters, 1);
    }
  }

  KafkaTestClient kafka() {
    return new KafkaTestClient(stack.bootstrapServers());
  }

  /** Applies a ConsumerGroup that sends to {@code sink}, with the given extra spec lines. */
  void apply(SinkEndpoint sink, int replicas, String extraSpec) {
    String yaml =
        """
        apiVersion: drover.io/v1alpha1
        kind: ConsumerGroup
        metadata: {name: %s, namespace: %s}
        spec:
          bootstrapServers: "%s"
          groupId: %s
          topics: [%s]
          replicas: %d
          consumer:
            http: {url: "%s", timeoutMs: 2000}
          shutdownTimeoutMs: 10000
        %s
        """
            .formatted(
                name,
                namespace,
                stack.bootstrapServers(),
                namespace,
                topic,
                replicas,
                sink.url(),
                extraSpec.indent(2));
    stack
        .client()
        .resource(stack.client().getKubernetesSerialization().unmarshal(yaml, ConsumerGroup.class))
        .create();
  }

  Resource<ConsumerGroup> group() {
    return stack.client().resources(ConsumerGroup.class).inNamespace(namespace).withName(name);
  }

  /** Waits until Ready is True with {@code replicas} ready replicas. */
  void awaitReady(int replicas) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              ConsumerGroup group = group().get();
              ConsumerGroupStatus status = group.getStatus();
              Deployment deployment =
                  stack.client().apps().deployments().inNamespace(namespace).withName(name).get();
              String seen =
                  "group status "
                      + stack.client().getKubernetesSerialization().asJson(status)
                      + ", deployment replicas "
                      + (deployment == null ? null : deployment.getSpec().getReplicas())
                      + ", deployment status "
                      + (deployment == null ? null : deployment.getStatus())
                      + ", running pods "
                      + stack.pods().pods(namespace, name).size();
              assertThat(status).as(seen).isNotNull();
              assertThat(status.readyReplicas).as(seen).isEqualTo(replicas);
              assertThat(status.conditions)
                  .as(seen)
                  .anyMatch(
                      c ->
                          c.getType().equals(ConsumerGroupStatus.READY)
                              && c.getStatus().equals("True"));
            });
  }

  /** The Events on this scenario's ConsumerGroup, oldest first. */
  List<Event> events() {
    return stack.client().v1().events().inNamespace(namespace).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .sorted(Comparator.comparing(Event::getLastTimestamp))
        .toList();
  }
}
