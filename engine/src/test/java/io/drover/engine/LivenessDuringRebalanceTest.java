package io.drover.engine;

import static org.awaitility.Awaitility.await;

import io.drover.engine.instrumentation.EventName;
import io.drover.engine.messages.Messages;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A revocation that waits for a slow batch (up to {@code revokeTimeout}, longer than the liveness
 * timeout) keeps the engine healthy: the loop is blocked in a bounded wait, not stuck, and a pod
 * restarted for it would be restarted on every rebalance.
 */
class LivenessDuringRebalanceTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

  private final RecordingConsumer kafka =
      new RecordingConsumer() {
        @Override
        public void wakeup() {
          // MockConsumer's wakeup() blocks while poll() runs a rebalance callback; a real one
          // never blocks, and the short poll timeout stands in for it.
        }
      };
  private final CountDownLatch batchStarted = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicBoolean revoking = new AtomicBoolean();
  private Engine engine;

  @AfterEach
  void stop() {
    release.countDown();
    engine.stop();
  }

  @Test
  void aRevocationWaitingForASlowBatchStaysHealthy() throws Exception {
    engine =
        Engine.builder(
                TestConfigs.orders()
                    .livenessTimeout(Duration.ofMillis(300))
                    .revokeTimeout(Duration.ofSeconds(20))
                    .build(),
                partition ->
                    new BaseConsumer() {
                      @Override
                      public void consume(Messages messages) throws InterruptedException {
                        batchStarted.countDown();
                        release.await(20, TimeUnit.SECONDS);
                      }
                    })
            .kafkaConsumer(properties -> kafka)
            .logging(false)
            .build();
    engine.monitor().subscribe(EventName.PARTITIONS_REVOKED, event -> revoking.set(false));
    kafka.assignWithOneRecord(ORDERS_0, "slow");
    engine.start();
    batchStarted.await(10, TimeUnit.SECONDS);

    revoking.set(true);
    kafka.schedulePollTask(() -> kafka.rebalance(List.of()));

    // Three liveness timeouts inside the revocation's wait: healthy all along.
    await()
        .during(Duration.ofMillis(900))
        .atMost(Duration.ofSeconds(5))
        .until(() -> revoking.get() && engine.healthy());
    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> !revoking.get());
  }
}
