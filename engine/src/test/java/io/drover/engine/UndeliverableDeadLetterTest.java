package io.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.config.DeadLetterConfig;
import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.EventName;
import io.drover.engine.messages.Messages;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A dead letter the topic refuses for good (here: over {@code max.request.size}) is reported as
 * undeliverable, not as an ordinary failed write; its partition stays paused on it, the write is
 * what is retried, and the consumer never sees the message again.
 */
class UndeliverableDeadLetterTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

  private final MockProducer<byte[], byte[]> deadLetters =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final RecordingConsumer kafka = new RecordingConsumer();
  private final ConcurrentLinkedQueue<Event.ErrorOccurred> errors = new ConcurrentLinkedQueue<>();
  private final AtomicInteger consumed = new AtomicInteger();
  private Engine engine;

  @AfterEach
  void stop() {
    engine.stop();
  }

  @Test
  void aDeadLetterTheTopicRefusesForGoodIsReportedAndNeverSkipped() {
    deadLetters.sendException = new RecordTooLargeException("the record is over max.request.size");
    engine =
        Engine.builder(
                TestConfigs.orders()
                    .pauseTimeout(Duration.ofMillis(10))
                    .pauseMaxTimeout(Duration.ofMillis(50))
                    .deadLetter(new DeadLetterConfig("orders-dlq", 0, false))
                    .build(),
                partition ->
                    new BaseConsumer() {
                      @Override
                      public void consume(Messages messages) {
                        consumed.incrementAndGet();
                        throw new IllegalStateException("poison");
                      }
                    })
            .kafkaConsumer(properties -> kafka)
            .deadLetterProducer(properties -> deadLetters)
            .logging(false)
            .build();
    engine
        .monitor()
        .subscribe(EventName.ERROR_OCCURRED, event -> errors.add((Event.ErrorOccurred) event));
    kafka.assignWithOneRecord(ORDERS_0, "poison");
    engine.start();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                errors.stream().filter(e -> e.type() == ErrorType.DEAD_LETTER_UNDELIVERABLE).count()
                    >= 3);

    assertThat(consumed).hasValue(1);
    assertThat(errors).noneMatch(e -> e.type() == ErrorType.DEAD_LETTER_DISPATCH);
    assertThat(deadLetters.history()).isEmpty();
    assertThat(kafka.commits().get(ORDERS_0).offset()).isZero();
  }
}
