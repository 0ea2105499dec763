package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.records;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.Engine;
import io.drover.engine.ShutdownOutcome;
import io.drover.testing.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * After a failure the batch is delivered again from the failing message (the seek offset): the
 * messages marked before it are not redelivered, and nothing after it is skipped.
 */
class RetryFromSeekOffsetIT {

  @Test
  void redeliversFromTheFirstUnmarkedMessage() {
    String topic = unique("retry");
    String group = unique("retry-group");
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    AtomicBoolean failedOnce = new AtomicBoolean();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 1);
      kafka.produce(topic, records(0, "m", 10));

      try (Engine engine =
          Engine.builder(
                  config(group, topic).build(),
                  tp ->
                      new ScriptedConsumer(
                          deliveries,
                          (consumer, message) -> {
                            if (message.offset() == 5 && failedOnce.compareAndSet(false, true)) {
                              throw new IllegalStateException("first try of offset 5 fails");
                            }
                          }))
              .build()) {
        engine.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.size() >= 11);

        Map<Long, Long> timesDelivered =
            deliveries.stream()
                .collect(Collectors.groupingBy(Delivery::offset, Collectors.counting()));
        assertThat(timesDelivered)
            .containsEntry(5L, 2L)
            .allSatisfy(
                (offset, times) -> {
                  if (offset != 5L) {
                    assertThat(times).as("deliveries of offset %d", offset).isEqualTo(1L);
                  }
                });
        assertThat(timesDelivered).hasSize(10);
        assertThat(
                deliveries.stream()
                    .filter(d -> d.offset() == 5)
                    .map(Delivery::attempt)
                    .collect(Collectors.toList()))
            .containsExactly(1, 2);
        assertThat(engine.stop()).isEqualTo(ShutdownOutcome.CLEAN);
      }
      assertThat(Fixtures.committed(kafka, group, topic, 0)).isEqualTo(10);
    }
  }
}
