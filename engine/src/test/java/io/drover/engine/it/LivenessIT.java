package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.records;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.Engine;
import io.drover.engine.ShutdownOutcome;
import io.drover.engine.lifecycle.Lifecycle;
import io.drover.engine.lifecycle.Stage;
import io.drover.testing.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Liveness follows the poll loop: a loop that stops turning is reported unhealthy after the
 * liveness timeout and healthy again once it turns; a slow handler does not make it unhealthy, and
 * neither does a graceful drain that waits on one.
 */
class LivenessIT {

  private static final Duration LIVENESS = Duration.ofMillis(800);

  @Test
  void aStuckLoopIsUnhealthyAndRecovers() {
    String topic = unique("liveness");
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean block = new AtomicBoolean();
    Lifecycle lifecycle =
        new Lifecycle()
            .before(
                Stage.LOOP,
                context -> {
                  if (block.get()) {
                    // Stands for a poll loop wedged inside the Kafka client.
                    release.await();
                  }
                });
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 1);
      try (Engine engine =
          Engine.builder(
                  config(unique("liveness-group"), topic).livenessTimeout(LIVENESS).build(),
                  tp -> new ScriptedConsumer(new ConcurrentLinkedQueue<>(), (c, m) -> {}))
              .lifecycle(lifecycle)
              .build()) {
        engine.start();
        await()
            .during(LIVENESS.multipliedBy(2))
            .atMost(Duration.ofSeconds(10))
            .until(engine::healthy);

        block.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> !engine.healthy());

        block.set(false);
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(engine::healthy);
      }
    }
  }

  @Test
  void aSlowHandlerAndTheDrainThatWaitsForItStayHealthy() throws Exception {
    String topic = unique("liveness-drain");
    CountDownLatch started = new CountDownLatch(1);
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 1);
      kafka.produce(topic, records(0, "m", 1));
      Engine engine =
          Engine.builder(
                  config(unique("liveness-drain-group"), topic).livenessTimeout(LIVENESS).build(),
                  tp ->
                      new ScriptedConsumer(
                          deliveries,
                          (c, m) -> {
                            started.countDown();
                            // Slow work: three liveness timeouts.
                            Thread.sleep(LIVENESS.multipliedBy(3).toMillis());
                          }))
              .build();
      engine.start();
      started.await();
      await()
          .during(LIVENESS.multipliedBy(2))
          .atMost(Duration.ofSeconds(10))
          .until(engine::healthy);

      CompletableFuture<ShutdownOutcome> stop = CompletableFuture.supplyAsync(engine::stop);
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(10)).until(engine::healthy);
      assertThat(stop.get()).isEqualTo(ShutdownOutcome.CLEAN);
      assertThat(deliveries).hasSize(1);
    }
  }
}
