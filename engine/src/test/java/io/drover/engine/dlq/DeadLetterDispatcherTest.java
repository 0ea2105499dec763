package io.drover.engine.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.engine.DeadLetterDetails;
import io.drover.engine.messages.Message;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A dead letter is written once, even when its acknowledgement comes after the dispatch gave up,
 * and a dispatch cannot block longer than its timeout on a missing topic.
 */
class DeadLetterDispatcherTest {

  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final DeadLetterDispatcher dispatcher =
      new DeadLetterDispatcher("orders-dlq", "orders", Duration.ofMillis(100), () -> producer);
  private final Message poison =
      new Message(new ConsumerRecord<>("orders", 2, 41L, null, "poison".getBytes()));

  @Test
  void aWriteAcknowledgedAfterItsTimeoutIsNotWrittenAgain() throws Exception {
    assertThatThrownBy(() -> dispatcher.dispatch(poison, new IllegalStateException("bad"), 4))
        .isInstanceOf(TimeoutException.class);
    producer.completeNext(); // the late acknowledgement lands

    dispatcher.dispatch(poison, new IllegalStateException("bad"), 5);

    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void aWriteThatFailedIsWrittenAgain() throws Exception {
    assertThatThrownBy(() -> dispatcher.dispatch(poison, new IllegalStateException("bad"), 4))
        .isInstanceOf(TimeoutException.class);
    producer.errorNext(new org.apache.kafka.common.errors.TimeoutException("expired"));

    assertThatThrownBy(() -> dispatcher.dispatch(poison, new IllegalStateException("bad"), 5))
        .isInstanceOf(TimeoutException.class);

    assertThat(producer.history()).hasSize(2);
  }

  @Test
  void detailsTheErrorCarriesBecomeHeadersOfTheDeadLetter() throws Exception {
    MockProducer<byte[], byte[]> acknowledging =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    DeadLetterDispatcher writer =
        new DeadLetterDispatcher(
            "orders-dlq", "orders", Duration.ofSeconds(1), () -> acknowledging);

    writer.dispatch(poison, new RuntimeException("wrapped", new Refused()), 1);

    Header status = acknowledging.history().get(0).headers().lastHeader("sink-status");
    assertThat(new String(status.value(), StandardCharsets.UTF_8)).isEqualTo("422");
  }

  /** An error that knows what helps whoever replays its dead letter. */
  private static final class Refused extends Exception implements DeadLetterDetails {
    @Override
    public Map<String, String> deadLetterHeaders() {
      return Map.of("sink-status", "422");
    }
  }
}
