package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.records;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.Engine;
import io.drover.engine.ShutdownOutcome;
import io.drover.engine.config.EngineConfig;
import io.drover.engine.instrumentation.Event;
import io.drover.testing.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop lets the in-flight batch finish, calls shutdown(), and commits, so a new engine
 * on the same group consumes nothing twice; a handler stuck past shutdownTimeout forces the stop
 * and returns TIMED_OUT within the bound.
 */
class GracefulStopIT {

  @Test
  void aCleanStopCommitsEverythingAndANewEngineReprocessesNothing() throws Exception {
    String topic = unique("stop");
    String group = unique("stop-group");
    Queue<Delivery> first = new ConcurrentLinkedQueue<>();
    AtomicInteger shutdownCalls = new AtomicInteger();
    CountDownLatch inFlight = new CountDownLatch(1);
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 2);
      kafka.produce(topic, records(0, "a", 50));
      kafka.produce(topic, records(1, "b", 50));
      EngineConfig config = config(group, topic).commitInterval(Duration.ofHours(1)).build();

      Engine engine =
          Engine.builder(
                  config,
                  tp ->
                      new ScriptedConsumer(
                          first,
                          (consumer, message) -> {
                            if (message.offset() == 49 && message.partition() == 1) {
                              // The last batch is still running when the stop begins.
                              inFlight.countDown();
                              Thread.sleep(500);
                            }
                          }) {
                        @Override
                        public void shutdown() {
                          shutdownCalls.incrementAndGet();
                        }
                      })
              .build();
      engine.start();
      inFlight.await();
      assertThat(engine.stop()).isEqualTo(ShutdownOutcome.CLEAN);

      assertThat(first).hasSize(100);
      assertThat(shutdownCalls).hasValue(2);
      assertThat(Fixtures.committed(kafka, group, topic, 0)).isEqualTo(50);
      assertThat(Fixtures.committed(kafka, group, topic, 1)).isEqualTo(50);

      Queue<Delivery> second = new ConcurrentLinkedQueue<>();
      try (Engine next =
          Engine.builder(config, tp -> new ScriptedConsumer(second, (c, m) -> {})).build()) {
        EventLog events = new EventLog(next.monitor());
        next.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> !events.all(Event.PartitionsAssigned.class).isEmpty());
        kafka.produce(topic, records(0, "after", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> second.size() == 1);
        assertThat(second).extracting(Delivery::value).containsExactly("after0");
      }
    }
  }

  @Test
  void aHandlerStuckPastTheShutdownTimeoutForcesTheStop() throws Exception {
    String topic = unique("stuck");
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 1);
      kafka.produce(topic, records(0, "m", 1));
      Engine engine =
          Engine.builder(
                  config(unique("stuck-group"), topic)
                      .shutdownTimeout(Duration.ofSeconds(1))
                      .build(),
                  tp ->
                      new ScriptedConsumer(
                          deliveries,
                          (consumer, message) -> {
                            stuck.countDown();
                            never.await();
                          }))
              .build();
      EventLog events = new EventLog(engine.monitor());
      engine.start();
      stuck.await();

      long began = System.nanoTime();
      assertThat(engine.stop()).isEqualTo(ShutdownOutcome.TIMED_OUT);

      assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
      assertThat(events.all(Event.AppStopped.class))
          .extracting(Event.AppStopped::outcome)
          .containsExactly(ShutdownOutcome.TIMED_OUT);
    }
  }
}
