package io.drover.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.engine.BaseConsumer;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.messages.Messages;
import io.drover.engine.timetrackers.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.junit.jupiter.api.Test;

/**
 * A failed interval commit is tried again within a fraction of a second, not a whole interval
 * later: until it lands, a crash delivers everything since the last commit again.
 */
class OffsetCommitterTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

  private final ManualClock clock = new ManualClock();
  private final List<Map<TopicPartition, OffsetAndMetadata>> attempts = new ArrayList<>();
  private boolean failing = true;
  private final PartitionPositions client =
      new PartitionPositions() {
        @Override
        public void seek(TopicPartition partition, long offset) {}

        @Override
        public void commitAsync(
            Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
          attempts.add(offsets);
          callback.onComplete(
              offsets, failing ? new RebalanceInProgressException("rebalancing") : null);
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {}
      };

  @Test
  void aFailedIntervalCommitIsRetriedPromptly() {
    OffsetCommitter committer =
        new OffsetCommitter(client, new Monitor(), clock, Duration.ofSeconds(5));
    Coordinator coordinator =
        new Coordinator(
            ORDERS_0,
            new BaseConsumer() {
              @Override
              public void consume(Messages messages) {}
            },
            clock);
    coordinator.restore(0, 0);
    coordinator.mark(10);

    clock.advance(Duration.ofSeconds(5));
    committer.commitIfDue(List.of(coordinator));
    failing = false;
    clock.advance(Duration.ofMillis(300));
    committer.commitIfDue(List.of(coordinator));

    assertThat(attempts).hasSize(2);
    assertThat(committer.untilDue()).isEqualTo(Duration.ofSeconds(5));
  }
}
