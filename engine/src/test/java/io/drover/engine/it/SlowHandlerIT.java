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
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * A handler that takes longer than max.poll.interval.ms does not get the member evicted and does
 * not cause a rebalance, because the poll loop keeps polling while the partition is paused.
 */
class SlowHandlerIT {

  /**
   * Short, to keep the test quick, but longer than a rebalance may hold the poll thread (the
   * revocation wait below plus its commit's 5 s), as the contract requires.
   */
  private static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(6);

  @Test
  void aHandlerSlowerThanMaxPollIntervalCausesNoRebalance() {
    String topic = unique("slow");
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 1);
      kafka.produce(topic, records(0, "m", 3));

      try (Engine engine =
          Engine.builder(
                  config(unique("slow-group"), topic)
                      .revokeTimeout(Duration.ofMillis(500))
                      .kafka(
                          Map.of(
                              "max.poll.interval.ms",
                              String.valueOf(MAX_POLL_INTERVAL.toMillis()),
                              "max.poll.records",
                              "1"))
                      .build(),
                  tp ->
                      new ScriptedConsumer(
                          deliveries,
                          (consumer, message) -> {
                            if (message.offset() == 0) {
                              // The work itself is slow: twice the poll interval.
                              Thread.sleep(MAX_POLL_INTERVAL.multipliedBy(2).toMillis());
                            }
                          }))
              .build()) {
        EventLog events = new EventLog(engine.monitor());
        engine.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.size() == 3);

        assertThat(events.all(Event.PartitionsRevoked.class)).isEmpty();
        assertThat(events.all(Event.PartitionsAssigned.class)).hasSize(1);
        assertThat(deliveries).extracting(Delivery::offset).containsExactly(0L, 1L, 2L);
      }
    }
  }
}
