package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.Engine;
import io.drover.engine.config.DeadLetterConfig;
import io.drover.engine.dlq.DeadLetterHeaders;
import io.drover.engine.lifecycle.Lifecycle;
import io.drover.engine.lifecycle.Stage;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.TestRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A poison message is consumed exactly maxRetries + 1 times, then written once to the dead-letter
 * topic with its key, value, headers and every dead-letter header; the offsets after it are
 * consumed in order, and the committed offset moves past it only after the broker acknowledged the
 * dead letter.
 */
class DeadLetterIT {

  private static final int MAX_RETRIES = 2;
  private static final long POISON_OFFSET = 3;

  @Test
  void poisonMessageGoesToTheDeadLetterTopicAfterMaxRetries() {
    String topic = unique("dlq-source");
    String deadLetters = unique("dlq");
    String group = unique("dlq-group");
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    List<Long> committedWhenDispatching = new ArrayList<>();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 1);
      kafka.createTopic(deadLetters, 1);
      kafka.produce(
          topic,
          IntStream.range(0, 8)
              .mapToObj(
                  i ->
                      TestRecord.of("key-" + i, i == POISON_OFFSET ? "poison" : "good-" + i)
                          .toPartition(0)
                          .withHeader("trace-id", "t-" + i))
              .toList());
      Lifecycle lifecycle =
          new Lifecycle()
              .around(
                  Stage.FAILURE,
                  (context, next) -> {
                    committedWhenDispatching.add(Fixtures.committed(kafka, group, topic, 0));
                    next.proceed();
                  });

      try (Engine engine =
          Engine.builder(
                  config(group, topic)
                      .deadLetter(new DeadLetterConfig(deadLetters, MAX_RETRIES, false))
                      .build(),
                  tp ->
                      new ScriptedConsumer(
                          deliveries,
                          (consumer, message) -> {
                            if ("poison".equals(message.valueAsString())) {
                              throw new IllegalArgumentException("cannot parse offset 3");
                            }
                          }))
              .lifecycle(lifecycle)
              .build()) {
        engine.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> Fixtures.committed(kafka, group, topic, 0) == 8);
      }

      assertThat(deliveries.stream().filter(d -> d.offset() == POISON_OFFSET))
          .extracting(Delivery::attempt)
          .containsExactly(1, 2, 3);
      assertThat(deliveries.stream().filter(d -> d.offset() != POISON_OFFSET))
          .extracting(Delivery::offset)
          .containsExactly(0L, 1L, 2L, 4L, 5L, 6L, 7L);
      assertThat(committedWhenDispatching).singleElement().isEqualTo(POISON_OFFSET);

      ConsumerRecord<String, String> dead = kafka.readAll(deadLetters).get(0);
      assertThat(kafka.readAll(deadLetters)).hasSize(1);
      assertThat(dead.key()).isEqualTo("key-3");
      assertThat(dead.value()).isEqualTo("poison");
      Map<String, String> headers = KafkaTestClient.headers(dead);
      assertThat(headers)
          .containsEntry("trace-id", "t-3")
          .containsEntry(DeadLetterHeaders.ORIGINAL_TOPIC, topic)
          .containsEntry(DeadLetterHeaders.ORIGINAL_PARTITION, "0")
          .containsEntry(DeadLetterHeaders.ORIGINAL_OFFSET, "3")
          .containsEntry(DeadLetterHeaders.CONSUMER_GROUP, group)
          .containsEntry(
              DeadLetterHeaders.EXCEPTION_CLASS, IllegalArgumentException.class.getName())
          .containsEntry(DeadLetterHeaders.EXCEPTION_MESSAGE, "cannot parse offset 3")
          .containsEntry(DeadLetterHeaders.ATTEMPTS, String.valueOf(MAX_RETRIES + 1));
      assertThat(Long.parseLong(headers.get(DeadLetterHeaders.ORIGINAL_TIMESTAMP))).isPositive();
    }
  }
}
