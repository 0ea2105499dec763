package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.ConsumerFactory;
import io.drover.engine.Engine;
import io.drover.engine.config.EngineConfig;
import io.drover.engine.instrumentation.Event;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.TestRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * When a second member joins, a partition that stays with the first keeps its pause and back-off,
 * and a partition that moves starts on its new owner from the committed offset with the failure
 * count carried over; when the second member leaves again, nothing has been lost.
 */
class RebalanceIT {

  private static final Duration PAUSE = Duration.ofSeconds(5);
  private static final int PARTITIONS = 4;

  @Test
  void retainedPartitionsKeepTheirPauseAndMovedOnesCarryTheirFailures() {
    String topic = unique("rebalance");
    String group = unique("rebalance-group");
    Queue<Delivery> onFirst = new ConcurrentLinkedQueue<>();
    Queue<Delivery> onSecond = new ConcurrentLinkedQueue<>();
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, PARTITIONS);
      kafka.produce(topic, batch("poison", 1));
      kafka.produce(topic, batch("good-", 10));
      EngineConfig config = config(group, topic).pauseTimeout(PAUSE).pauseMaxTimeout(PAUSE).build();

      try (Engine first = Engine.builder(config, poisonFailsTwice(onFirst)).build()) {
        EventLog firstEvents = new EventLog(first.monitor());
        first.start();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> firstEvents.all(Event.PartitionPaused.class).size() == PARTITIONS);

        Set<Integer> moved;
        try (Engine second = Engine.builder(config, poisonFailsTwice(onSecond)).build()) {
          EventLog secondEvents = new EventLog(second.monitor());
          second.start();
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> !secondEvents.all(Event.PartitionsAssigned.class).isEmpty());
          moved = partitions(secondEvents.all(Event.PartitionsAssigned.class).get(0).partitions());
          assertThat(moved).hasSizeBetween(1, PARTITIONS - 1);
          assertThat(partitions(firstEvents.all(Event.PartitionsRevoked.class).get(0).partitions()))
              .isEqualTo(moved);
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> onFirst.size() + onSecond.size() >= PARTITIONS * 13);
        }

        for (int partition = 0; partition < PARTITIONS; partition++) {
          List<Delivery> poisonOnFirst = poisonDeliveries(onFirst, partition);
          if (moved.contains(partition)) {
            assertThat(poisonOnFirst).extracting(Delivery::attempt).containsExactly(1);
            assertThat(poisonDeliveries(onSecond, partition))
                .as(
                    "partition %d resumes on its new owner with its failure carried over",
                    partition)
                .extracting(Delivery::attempt)
                .containsExactly(2, 3);
          } else {
            assertThat(poisonOnFirst).extracting(Delivery::attempt).containsExactly(1, 2, 3);
            assertThat(
                    Duration.ofNanos(poisonOnFirst.get(1).nanos() - poisonOnFirst.get(0).nanos()))
                .as("partition %d kept its pause through the rebalance", partition)
                .isGreaterThanOrEqualTo(PAUSE);
          }
        }

        // The second member is gone: its partitions come back, and nothing is missing.
        kafka.produce(topic, batch("late-", 5));
        await().atMost(Duration.ofSeconds(30)).until(() -> allOffsetsSeen(onFirst, onSecond, 16));
      }
    }
  }

  private static ConsumerFactory poisonFailsTwice(Queue<Delivery> deliveries) {
    return tp ->
        new ScriptedConsumer(
            deliveries,
            (consumer, message) -> {
              if (message.valueAsString().startsWith("poison") && consumer.attempt() < 3) {
                throw new IllegalStateException("poison, attempt " + consumer.attempt());
              }
            });
  }

  private static List<TestRecord> batch(String prefix, int perPartition) {
    List<TestRecord> records = new ArrayList<>();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      records.addAll(Fixtures.records(partition, prefix, perPartition));
    }
    return records;
  }

  private static List<Delivery> poisonDeliveries(Queue<Delivery> deliveries, int partition) {
    return deliveries.stream()
        .filter(d -> d.partition() == partition && d.value().startsWith("poison"))
        .toList();
  }

  private static Set<Integer> partitions(Set<TopicPartition> partitions) {
    return partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
  }

  private static boolean allOffsetsSeen(Queue<Delivery> a, Queue<Delivery> b, int perPartition) {
    Set<String> seen = new HashSet<>();
    Stream.concat(a.stream(), b.stream()).forEach(d -> seen.add(d.partition() + "@" + d.offset()));
    return IntStream.range(0, PARTITIONS)
        .allMatch(p -> IntStream.range(0, perPartition).allMatch(o -> seen.contains(p + "@" + o)));
  }
}
