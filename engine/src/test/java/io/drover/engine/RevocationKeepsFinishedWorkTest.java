package io.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.config.DeadLetterConfig;
import io.drover.engine.instrumentation.EventName;
import io.drover.engine.messages.Messages;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dead letter acknowledged just as its partition is revoked is part of the revocation's commit,
 * so the partition's next owner does not write the same dead letter again. Runs the engine on
 * MockConsumer and MockProducer; the acknowledgement lands inside the revocation callback, before
 * the loop has applied it.
 */
class RevocationKeepsFinishedWorkTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

  private final MockProducer<byte[], byte[]> deadLetters =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final RecordingConsumer kafka =
      new RecordingConsumer() {
        @Override
        public synchronized void subscribe(
            Collection<String> topics, ConsumerRebalanceListener listener) {
          super.subscribe(topics, acknowledgingOnRevocation(listener));
        }

        @Override
        public synchronized void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
          super.subscribe(pattern, acknowledgingOnRevocation(listener));
        }

        @Override
        public void wakeup() {
          // MockConsumer's wakeup() takes the lock poll() holds during a rebalance callback, so a
          // worker finishing its job would block until the callback gives up; a real consumer's
          // wakeup() never blocks. The short poll timeout stands in for it.
        }
      };
  private final AtomicBoolean revoked = new AtomicBoolean();
  private Engine engine;

  @AfterEach
  void stop() {
    engine.stop();
  }

  @Test
  void aDeadLetterAcknowledgedAtRevocationIsCommitted() {
    engine =
        Engine.builder(
                TestConfigs.orders()
                    .commitInterval(Duration.ofHours(1))
                    .deadLetter(new DeadLetterConfig("orders-dlq", 0, false))
                    .build(),
                partition ->
                    new BaseConsumer() {
                      @Override
                      public void consume(Messages messages) {
                        throw new IllegalStateException("poison");
                      }
                    })
            .kafkaConsumer(properties -> kafka)
            .deadLetterProducer(properties -> deadLetters)
            .logging(false)
            .build();
    kafka.assignWithOneRecord(ORDERS_0, "poison");
    engine.monitor().subscribe(EventName.PARTITIONS_REVOKED, event -> revoked.set(true));
    engine.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.history().size() == 1);

    kafka.schedulePollTask(() -> kafka.rebalance(List.of()));

    await().atMost(Duration.ofSeconds(10)).until(revoked::get);
    assertThat(kafka.commits().get(ORDERS_0)).isNotNull();
    assertThat(kafka.commits().get(ORDERS_0).offset()).isEqualTo(1);
    assertThat(deadLetters.history()).hasSize(1);
  }

  /** The dead-letter write is acknowledged when the revocation begins, before the loop sees it. */
  private ConsumerRebalanceListener acknowledgingOnRevocation(ConsumerRebalanceListener engine) {
    return new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
          deadLetters.completeNext();
        }
        engine.onPartitionsRevoked(partitions);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        engine.onPartitionsAssigned(partitions);
      }

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        engine.onPartitionsLost(partitions);
      }
    };
  }
}
