package io.drover.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.BaseConsumer;
import io.drover.engine.ClusterState;
import io.drover.engine.Engine;
import io.drover.engine.config.EngineConfig;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.EventName;
import io.drover.engine.messages.Messages;
import io.drover.testing.kafka.FreePort;
import io.drover.testing.kafka.KafkaBroker;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine says, once per change and within its bound, when it cannot consume: no broker
 * reachable, credentials refused, access refused; and that it is connected when it is. Real broker,
 * real client: the client itself retries all of these quietly for ever.
 */
class ClusterStateIT {

  private final List<Event.ClusterStateChanged> changes = new CopyOnWriteArrayList<>();
  private Engine engine;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.stop();
    }
  }

  private Engine start(String bootstrap, Map<String, String> kafka) {
    String topic = "state-" + UUID.randomUUID();
    try (KafkaTestClient client = new KafkaTestClient(SharedKafkaBroker.get())) {
      client.createTopic(topic, 1);
    }
    engine =
        Engine.builder(
                EngineConfig.builder()
                    .bootstrapServers(bootstrap)
                    .groupId(topic)
                    .topics(topic)
                    .pollTimeout(Duration.ofMillis(200))
                    .kafka(kafka)
                    .build(),
                partition ->
                    new BaseConsumer() {
                      @Override
                      public void consume(Messages messages) {}
                    })
            .build();
    engine
        .monitor()
        .subscribe(
            EventName.CLUSTER_STATE_CHANGED,
            event -> changes.add((Event.ClusterStateChanged) event));
    engine.start();
    return engine;
  }

  @Test
  void aReachableClusterIsConnected() {
    start(SharedKafkaBroker.get().bootstrapServers(), Map.of());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> engine.clusterState() == ClusterState.CONNECTED);
    assertThat(changes)
        .extracting(Event.ClusterStateChanged::state)
        .containsExactly(ClusterState.CONNECTED);
  }

  @Test
  void noBrokerIsUnreachableWithinTheBoundAndSaidOnce() {
    String nowhere = "127.0.0.1:" + FreePort.onLoopback();
    start(nowhere, Map.of());

    await()
        .atMost(ClusterState.UNREACHABLE_AFTER.plusSeconds(10))
        .until(() -> engine.clusterState() == ClusterState.UNREACHABLE);
    // Said once: no second change while the client keeps retrying.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> changes.size() == 1);
    assertThat(changes)
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.state()).isEqualTo(ClusterState.UNREACHABLE);
              assertThat(change.bootstrapServers()).isEqualTo(nowhere);
            });
  }

  @Test
  void refusedCredentialsAreAuthenticationFailedAndSaidOnce() {
    KafkaBroker broker = SharedKafkaBroker.get();
    start(broker.saslBootstrapServers(), sasl(broker.saslUser(), "wrong-password"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> engine.clusterState() == ClusterState.AUTHENTICATION_FAILED);
    // Said once: no second change while the client keeps retrying.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> changes.size() == 1);
    assertThat(changes)
        .extracting(Event.ClusterStateChanged::state)
        .containsExactly(ClusterState.AUTHENTICATION_FAILED);
    assertThat(changes.get(0).errorClass()).contains("SaslAuthenticationException");
  }

  @Test
  void refusedAccessIsAuthorizationFailed() {
    KafkaBroker broker = SharedKafkaBroker.get();
    start(broker.saslBootstrapServers(), sasl(broker.saslUser(), broker.saslPassword()));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> engine.clusterState() == ClusterState.AUTHORIZATION_FAILED);
    assertThat(changes)
        .extracting(Event.ClusterStateChanged::state)
        .contains(ClusterState.AUTHORIZATION_FAILED);
  }

  private static Map<String, String> sasl(String user, String password) {
    return Map.of(
        "security.protocol",
        "SASL_PLAINTEXT",
        "sasl.mechanism",
        "PLAIN",
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + user
            + "\" password=\""
            + password
            + "\";");
  }
}
