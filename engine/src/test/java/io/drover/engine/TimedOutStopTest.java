package io.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.messages.Messages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stop that runs out of time because one partition's handler is stuck still keeps what the other
 * partitions finished: their offsets are committed, and the consumer leaves the group with a
 * bounded close rather than none. Runs the engine on MockConsumer.
 */
class TimedOutStopTest {

  private static final TopicPartition FINISHED = new TopicPartition("orders", 0);
  private static final TopicPartition STUCK = new TopicPartition("orders", 1);

  private final RecordingConsumer kafka = new RecordingConsumer();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger consumedOnFinished = new AtomicInteger();
  private final AtomicInteger stuckCalls = new AtomicInteger();

  @AfterEach
  void releaseTheStuckHandler() {
    release.countDown();
  }

  @Test
  void finishedPartitionsAreCommittedAndTheConsumerClosedWhenTheStopTimesOut() {
    Engine engine =
        Engine.builder(
                TestConfigs.orders()
                    .commitInterval(Duration.ofHours(1))
                    .shutdownTimeout(Duration.ofMillis(300))
                    .build(),
                partition ->
                    new BaseConsumer() {
                      @Override
                      public void consume(Messages messages) throws InterruptedException {
                        if (partition.equals(STUCK)) {
                          stuckCalls.incrementAndGet();
                          release.await(1, TimeUnit.MINUTES);
                        } else {
                          consumedOnFinished.addAndGet(messages.size());
                        }
                      }
                    })
            .kafkaConsumer(properties -> kafka)
            .logging(false)
            .build();
    kafka.schedulePollTask(
        () -> {
          kafka.rebalance(List.of(FINISHED, STUCK));
          kafka.updateBeginningOffsets(Map.of(FINISHED, 0L, STUCK, 0L));
          for (TopicPartition partition : List.of(FINISHED, STUCK)) {
            for (long offset = 0; offset < 3; offset++) {
              kafka.addRecord(
                  new ConsumerRecord<>(
                      partition.topic(), partition.partition(), offset, null, new byte[0]));
            }
          }
        });
    engine.start();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> consumedOnFinished.get() == 3 && stuckCalls.get() == 1);

    ShutdownOutcome outcome = engine.stop();

    assertThat(outcome).isEqualTo(ShutdownOutcome.TIMED_OUT);
    assertThat(kafka.commits().get(FINISHED)).isNotNull();
    assertThat(kafka.commits().get(FINISHED).offset()).isEqualTo(3);
    assertThat(kafka.commits()).doesNotContainKey(STUCK);
    // Leaving the group takes a moment; a zero close makes the group wait out the session.
    assertThat(kafka.closed()).isTrue();
    assertThat(kafka.closeTimeout()).isPositive();
  }
}
