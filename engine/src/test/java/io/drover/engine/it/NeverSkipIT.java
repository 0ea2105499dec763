package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.records;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.Engine;
import io.drover.engine.config.DeadLetterConfig;
import io.drover.testing.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Without a dead-letter topic a failing message is retried, well past any retry count, and nothing
 * after it is consumed or committed until it succeeds. With one, a non-retryable error goes
 * straight to it.
 */
class NeverSkipIT {

  @Test
  void withoutADeadLetterTopicTheFailingMessageBlocksItsPartitionUntilItSucceeds() {
    String topic = unique("never-skip");
    String group = unique("never-skip-group");
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 1);
      kafka.produce(topic, records(0, "m", 5));

      try (Engine engine =
          Engine.builder(
                  config(group, topic)
                      .pauseTimeout(Duration.ofMillis(10))
                      .pauseMaxTimeout(Duration.ofMillis(20))
                      .nonRetryableErrors(List.of(IllegalArgumentException.class.getName()))
                      .build(),
                  tp ->
                      new ScriptedConsumer(
                          deliveries,
                          (consumer, message) -> {
                            if (message.offset() == 2 && consumer.attempt() <= 10) {
                              throw new IllegalArgumentException("still failing");
                            }
                          }))
              .build()) {
        engine.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> deliveries.stream().anyMatch(d -> d.offset() == 2 && d.attempt() == 8));
        assertThat(deliveries).noneMatch(d -> d.offset() > 2);
        assertThat(Fixtures.committed(kafka, group, topic, 0)).isEqualTo(2);

        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> Fixtures.committed(kafka, group, topic, 0) == 5);
      }
      assertThat(deliveries.stream().filter(d -> d.offset() == 2)).hasSize(11);
      assertThat(deliveries.stream().filter(d -> d.offset() != 2))
          .extracting(Delivery::offset)
          .containsExactly(0L, 1L, 3L, 4L);
    }
  }

  @Test
  void aNonRetryableErrorGoesToTheDeadLetterTopicOnItsFirstFailure() {
    String topic = unique("non-retryable");
    String deadLetters = unique("non-retryable-dlq");
    String group = unique("non-retryable-group");
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 1);
      kafka.createTopic(deadLetters, 1);
      kafka.produce(topic, records(0, "m", 3));

      try (Engine engine =
          Engine.builder(
                  config(group, topic)
                      .deadLetter(new DeadLetterConfig(deadLetters, 5, false))
                      .nonRetryableErrors(List.of(IllegalArgumentException.class.getName()))
                      .build(),
                  tp ->
                      new ScriptedConsumer(
                          deliveries,
                          (consumer, message) -> {
                            if (message.offset() == 1) {
                              throw new NumberFormatException("not a number");
                            }
                          }))
              .build()) {
        engine.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> Fixtures.committed(kafka, group, topic, 0) == 3);
      }
      assertThat(deliveries).extracting(Delivery::offset).containsExactly(0L, 1L, 2L);
      assertThat(kafka.readAll(deadLetters)).extracting(r -> r.value()).containsExactly("m1");
    }
  }
}
