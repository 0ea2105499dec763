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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * A failing partition is paused on its own: while it waits out its back-off, the healthy partitions
 * keep consuming, and messages produced to them during the pause are consumed before the pause
 * ends.
 */
class PartitionIsolationIT {

  private static final Duration PAUSE = Duration.ofSeconds(6);

  @Test
  void healthyPartitionsKeepFlowingWhileTheFailingOneIsPaused() {
    String topic = unique("isolation");
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 4);
      kafka.produce(topic, records(0, "poison", 1));

      try (Engine engine =
          Engine.builder(
                  config(unique("isolation-group"), topic)
                      .pauseTimeout(PAUSE)
                      .pauseMaxTimeout(PAUSE)
                      .build(),
                  tp ->
                      new ScriptedConsumer(
                          deliveries,
                          (consumer, message) -> {
                            if (message.partition() == 0) {
                              throw new IllegalStateException("partition 0 always fails");
                            }
                          }))
              .build()) {
        EventLog events = new EventLog(engine.monitor());
        engine.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> !events.all(Event.PartitionPaused.class).isEmpty());
        long pausedAt = events.seen(Event.PartitionPaused.class).get(0).nanos();

        for (int partition = 1; partition < 4; partition++) {
          kafka.produce(topic, records(partition, "p" + partition + "-", 100));
        }
        await()
            .atMost(PAUSE)
            .until(() -> deliveries.stream().filter(d -> d.partition() != 0).count() == 300);
        long healthyDoneAt = deliveries.stream().mapToLong(Delivery::nanos).max().orElseThrow();

        assertThat(Duration.ofNanos(healthyDoneAt - pausedAt)).isLessThan(PAUSE);
        assertThat(events.all(Event.PartitionResumed.class))
            .as("partition 0 is still paused when the healthy partitions are done")
            .isEmpty();
        assertThat(events.all(Event.PartitionPaused.class))
            .extracting(e -> e.partition().partition())
            .containsOnly(0);
        assertThat(deliveries.stream().filter(d -> d.partition() == 0)).hasSize(1);
      }
    }
  }
}
