package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.records;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.Engine;
import io.drover.engine.instrumentation.Event;
import io.drover.testing.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Consecutive failures pause the partition for 40, 80, 160, 200, 200 ms (exponential, capped at
 * 200), and the gap between two attempts is never shorter than the pause scheduled between them.
 */
class BackoffScheduleIT {

  private static final List<Duration> SCHEDULE =
      List.of(
          Duration.ofMillis(40),
          Duration.ofMillis(80),
          Duration.ofMillis(160),
          Duration.ofMillis(200),
          Duration.ofMillis(200));

  @Test
  void pausesGrowExponentiallyUpToTheCapAndAreNeverCutShort() {
    String topic = unique("backoff");
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 1);
      kafka.produce(topic, records(0, "m", 1));

      try (Engine engine =
          Engine.builder(
                  config(unique("backoff-group"), topic)
                      .pauseTimeout(Duration.ofMillis(40))
                      .pauseMaxTimeout(Duration.ofMillis(200))
                      .build(),
                  tp ->
                      new ScriptedConsumer(
                          deliveries,
                          (consumer, message) -> {
                            if (consumer.attempt() <= SCHEDULE.size()) {
                              throw new IllegalStateException("attempt " + consumer.attempt());
                            }
                          }))
              .build()) {
        EventLog events = new EventLog(engine.monitor());
        engine.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.size() == 6);

        assertThat(events.all(Event.PartitionPaused.class))
            .extracting(Event.PartitionPaused::pause)
            .containsExactlyElementsOf(SCHEDULE);
        List<Delivery> attempts = List.copyOf(deliveries);
        assertThat(attempts).extracting(Delivery::attempt).containsExactly(1, 2, 3, 4, 5, 6);
        for (int i = 0; i < SCHEDULE.size(); i++) {
          Duration gap = Duration.ofNanos(attempts.get(i + 1).nanos() - attempts.get(i).nanos());
          assertThat(gap).as("gap after failure %d", i + 1).isGreaterThanOrEqualTo(SCHEDULE.get(i));
        }
        assertThat(events.all(Event.PartitionRecovered.class))
            .singleElement()
            .extracting(Event.PartitionRecovered::failedAttempts)
            .isEqualTo(5);
      }
    }
  }
}
