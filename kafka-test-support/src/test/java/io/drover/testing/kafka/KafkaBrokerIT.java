package io.drover.testing.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test broker is a real Kafka: records go through it with their keys, headers and partitions,
 * and a group's committed offsets survive both a clean restart and a SIGKILL.
 */
class KafkaBrokerIT {

  @Test
  void producedRecordsComeBackWithKeysHeadersAndChosenPartitions() {
    try (KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get())) {
      kafka.createTopic("roundtrip", 3);
      List<TestRecord> sent =
          IntStream.range(0, 30)
              .mapToObj(
                  i ->
                      TestRecord.of("k" + i, "v" + i)
                          .toPartition(i % 3)
                          .withHeader("trace", "t" + i))
              .toList();

      kafka.produce("roundtrip", sent);
      List<ConsumerRecord<String, String>> read = kafka.readAll("roundtrip");

      assertThat(read).hasSize(30);
      assertThat(read)
          .allSatisfy(
              record -> {
                int i = Integer.parseInt(record.key().substring(1));
                assertThat(record.value()).isEqualTo("v" + i);
                assertThat(record.partition()).isEqualTo(i % 3);
                assertThat(KafkaTestClient.headers(record)).containsEntry("trace", "t" + i);
              });
    }
  }

  @Test
  void committedOffsetsSurviveACleanRestart(@TempDir Path directory) {
    try (KafkaBroker broker = KafkaBroker.start(directory);
        KafkaTestClient kafka = new KafkaTestClient(broker)) {
      kafka.createTopic("orders", 2);
      kafka.produce("orders", 10);
      consumeAndCommit(broker, "orders", "billing", 10);
      Map<TopicPartition, OffsetAndMetadata> committed = kafka.committedOffsets("billing");
      assertThat(sumOfOffsets(committed)).isEqualTo(10);

      broker.restart();

      assertThat(kafka.committedOffsets("billing")).isEqualTo(committed);
      kafka.produce("orders", List.of(TestRecord.of("late", "after-restart")));
      assertThat(consumeValues(broker, "orders", "billing", 1)).containsExactly("after-restart");
    }
  }

  @Test
  void committedOffsetsSurviveAKillNine(@TempDir Path directory) {
    try (KafkaBroker broker = KafkaBroker.start(directory);
        KafkaTestClient kafka = new KafkaTestClient(broker)) {
      kafka.createTopic("payments", 2);
      kafka.produce("payments", 6);
      consumeAndCommit(broker, "payments", "ledger", 6);
      Map<TopicPartition, OffsetAndMetadata> committed = kafka.committedOffsets("ledger");
      assertThat(sumOfOffsets(committed)).isEqualTo(6);
      long pid = broker.pid();

      broker.kill();

      assertThat(ProcessHandle.of(pid)).isEmpty();
      assertThatThrownBy(broker::pid).hasMessageContaining("not running");
      broker.restart();
      assertThat(kafka.committedOffsets("ledger")).isEqualTo(committed);
    }
  }

  private static void consumeAndCommit(
      KafkaBroker broker, String topic, String group, int expected) {
    try (KafkaConsumer<String, String> consumer = consumer(broker, group)) {
      consumer.subscribe(List.of(topic));
      assertThat(pollUntil(consumer, expected)).hasSize(expected);
      consumer.commitSync();
    }
  }

  private static long sumOfOffsets(Map<TopicPartition, OffsetAndMetadata> offsets) {
    return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
  }

  private static List<String> consumeValues(
      KafkaBroker broker, String topic, String group, int expected) {
    try (KafkaConsumer<String, String> consumer = consumer(broker, group)) {
      consumer.subscribe(List.of(topic));
      return pollUntil(consumer, expected).stream().map(ConsumerRecord::value).toList();
    }
  }

  private static List<ConsumerRecord<String, String>> pollUntil(
      KafkaConsumer<String, String> consumer, int expected) {
    List<ConsumerRecord<String, String>> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (seen.size() < expected && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return seen;
  }

  private static KafkaConsumer<String, String> consumer(KafkaBroker broker, String group) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            group,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new StringDeserializer(),
        new StringDeserializer());
  }
}
