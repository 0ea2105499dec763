package io.drover.engine.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.engine.config.EngineConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

/** The client properties the engine sets itself. */
class KafkaPropertiesTest {

  @Test
  void sendBlocksForMetadataWellWithinTheDispatchTimeout() {
    Object maxBlock =
        KafkaProperties.deadLetterProducer(
                EngineConfig.builder()
                    .bootstrapServers("127.0.0.1:9092")
                    .groupId("orders")
                    .topics("orders")
                    .build())
            .get(ProducerConfig.MAX_BLOCK_MS_CONFIG);

    // Kafka's default is 60 s, which a missing dead-letter topic spent outside the 30 s timeout.
    assertThat(maxBlock).isEqualTo(10_000);
  }
}
