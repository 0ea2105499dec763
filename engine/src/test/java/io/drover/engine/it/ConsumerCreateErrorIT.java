package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.records;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.Engine;
import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.testing.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * A consumer that cannot be created for a partition is reported, and that partition is held at its
 * committed offset, with nothing skipped, while the other partitions are consumed.
 */
class ConsumerCreateErrorIT {

  @Test
  void aPartitionWhoseConsumerCannotBeCreatedIsHeldNotSkipped() {
    String topic = unique("create-error");
    String group = unique("create-error-group");
    Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 2);
      kafka.produce(topic, records(0, "a", 5));
      kafka.produce(topic, records(1, "b", 5));

      try (Engine engine =
          Engine.builder(
                  config(group, topic).build(),
                  tp -> {
                    if (tp.partition() == 0) {
                      throw new IllegalStateException("no database for partition 0");
                    }
                    return new ScriptedConsumer(deliveries, (c, m) -> {});
                  })
              .build()) {
        EventLog events = new EventLog(engine.monitor());
        engine.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> Fixtures.committed(kafka, group, topic, 1) == 5);

        assertThat(events.all(Event.ErrorOccurred.class))
            .singleElement()
            .satisfies(e -> assertThat(e.type()).isEqualTo(ErrorType.CONSUMER_CREATE));
        assertThat(deliveries).allMatch(d -> d.partition() == 1).hasSize(5);
      }
      assertThat(Fixtures.committed(kafka, group, topic, 0)).isEqualTo(-1);
    }
  }
}
