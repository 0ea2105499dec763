package io.drover.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.engine.BaseConsumer;
import io.drover.engine.messages.Messages;
import io.drover.engine.timetrackers.ManualClock;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Failure counts survive a round trip through commit metadata; foreign metadata reads as none. */
class AttemptsMetadataTest {

  @Test
  void roundTrips() {
    assertThat(AttemptsMetadata.decode(AttemptsMetadata.encode(7))).isEqualTo(7);
  }

  @Test
  void aCorruptHugeCountCannotOverflowTheAttemptNumber() {
    int failures = AttemptsMetadata.decode("drover/v1 failures=2147483647");
    Coordinator coordinator =
        new Coordinator(
            new TopicPartition("orders", 0),
            new BaseConsumer() {
              @Override
              public void consume(Messages messages) {}
            },
            new ManualClock());
    coordinator.restore(5, failures);

    int afterAnotherFailure = coordinator.recordFailure(5, false);

    assertThat(failures).isEqualTo(AttemptsMetadata.MAX_FAILURES);
    assertThat(afterAnotherFailure).isEqualTo(AttemptsMetadata.MAX_FAILURES);
    assertThat(coordinator.attempt()).isPositive();
  }

  @Test
  void ignoresMetadataThatIsNotOurs() {
    assertThat(AttemptsMetadata.decode(null)).isZero();
    assertThat(AttemptsMetadata.decode("")).isZero();
    assertThat(AttemptsMetadata.decode("someone else's")).isZero();
    assertThat(AttemptsMetadata.decode("drover/v1 failures=x")).isZero();
  }
}
