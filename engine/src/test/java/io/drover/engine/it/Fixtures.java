package io.drover.engine.it;

import io.drover.engine.config.EngineConfig;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import io.drover.testing.kafka.TestRecord;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Names, broker access and a fast engine configuration for the integration tests. */
final class Fixtures {

  private Fixtures() {}

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static KafkaTestClient kafka() {
    return new KafkaTestClient(SharedKafkaBroker.get());
  }

  /** Timings in tens of milliseconds, so that back-off tests stay fast. */
  static EngineConfig.Builder config(String group, String... topics) {
    return EngineConfig.builder()
        .bootstrapServers(SharedKafkaBroker.get().bootstrapServers())
        .groupId(group)
        .topics(topics)
        .concurrency(4)
        .pauseTimeout(Duration.ofMillis(50))
        .pauseMaxTimeout(Duration.ofMillis(400))
        .commitInterval(Duration.ofMillis(200))
        .pollTimeout(Duration.ofMillis(100))
        .tickInterval(Duration.ofHours(1))
        .shutdownTimeout(Duration.ofSeconds(15));
  }

  /** Records {@code value-0..value-(count-1)} with keys {@code key-i}, all to one partition. */
  static List<TestRecord> records(int partition, String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> TestRecord.of("key-" + i, prefix + i).toPartition(partition))
        .toList();
  }

  static long committed(KafkaTestClient kafka, String group, String topic, int partition) {
    OffsetAndMetadata offset =
        kafka.committedOffsets(group).get(new TopicPartition(topic, partition));
    return offset == null ? -1 : offset.offset();
  }
}
