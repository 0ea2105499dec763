package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.records;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.Engine;
import io.drover.engine.config.GroupProtocol;
import io.drover.testing.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * The KIP-848 consumer protocol can be chosen instead of the classic one, and the error semantics
 * hold on it: a failed message is retried from its offset.
 */
class GroupProtocolIT {

  @Test
  void consumesAndRetriesWithTheConsumerProtocol() {
    String topic = unique("kip848");
    String group = unique("kip848-group");
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 2);
      kafka.produce(topic, records(0, "a", 5));
      kafka.produce(topic, records(1, "b", 5));

      try (Engine engine =
          Engine.builder(
                  config(group, topic).groupProtocol(GroupProtocol.CONSUMER).build(),
                  tp ->
                      new ScriptedConsumer(
                          deliveries,
                          (consumer, message) -> {
                            if (message.offset() == 2 && consumer.attempt() == 1) {
                              throw new IllegalStateException("first try fails");
                            }
                          }))
              .build()) {
        engine.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    Fixtures.committed(kafka, group, topic, 0) == 5
                        && Fixtures.committed(kafka, group, topic, 1) == 5);
      }
      assertThat(deliveries.stream().filter(d -> d.offset() == 2)).hasSize(4);
      assertThat(deliveries).hasSize(12);
    }
  }
}
