package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.records;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.Engine;
import io.drover.engine.ShutdownOutcome;
import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.testing.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Errors in tick(), revoked() and shutdown() are published with their own types and never retried:
 * each callback runs once per occasion, and consumption goes on.
 */
class CallbackErrorsIT {

  @Test
  void callbackErrorsArePublishedOnceAndProcessingGoesOn() {
    String topic = unique("callbacks");
    String group = unique("callbacks-group");
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    AtomicInteger ticks = new AtomicInteger();
    AtomicInteger revokes = new AtomicInteger();
    AtomicInteger shutdowns = new AtomicInteger();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 2);
      Engine first =
          Engine.builder(
                  config(group, topic).tickInterval(Duration.ofMillis(200)).build(),
                  tp ->
                      new ScriptedConsumer(deliveries, (c, m) -> {}) {
                        @Override
                        public void tick() {
                          ticks.incrementAndGet();
                          throw new IllegalStateException("tick fails");
                        }

                        @Override
                        public void revoked() {
                          revokes.incrementAndGet();
                          throw new IllegalStateException("revoked fails");
                        }

                        @Override
                        public void shutdown() {
                          shutdowns.incrementAndGet();
                          throw new IllegalStateException("shutdown fails");
                        }
                      })
              .build();
      EventLog events = new EventLog(first.monitor());
      first.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> errors(events, ErrorType.CONSUMER_TICK) >= 4);

      kafka.produce(topic, records(0, "m", 20));
      await().atMost(Duration.ofSeconds(30)).until(() -> deliveries.size() == 20);

      // A second member takes one partition away: revoked() runs once for it.
      try (Engine second =
          Engine.builder(
                  config(group, topic).build(),
                  tp -> new ScriptedConsumer(deliveries, (c, m) -> {}))
              .build()) {
        second.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> errors(events, ErrorType.CONSUMER_REVOKED) == 1);
        assertThat(revokes).hasValue(1);
      }

      assertThat(first.stop()).isEqualTo(ShutdownOutcome.CLEAN);
      assertThat(revokes).as("a stop calls shutdown(), not revoked()").hasValue(1);
      assertThat(errors(events, ErrorType.CONSUMER_SHUTDOWN)).isEqualTo(shutdowns.get());
      assertThat(shutdowns.get()).isBetween(1, 2);
      assertThat(errors(events, ErrorType.CONSUMER_TICK)).isEqualTo(ticks.get());
      assertThat(errors(events, ErrorType.CONSUMER_CONSUME)).isZero();
      assertThat(events.all(Event.PartitionPaused.class)).isEmpty();
    }
  }

  private static long errors(EventLog events, ErrorType type) {
    return events.all(Event.ErrorOccurred.class).stream().filter(e -> e.type() == type).count();
  }
}
