package io.drover.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker side of a simulated run, which outlives every member: each partition's log, which of
 * its records are poison or fail once, and the committed offsets.
 */
final class SimulatedCluster {

  static final String TOPIC = "orders";

  /** How a poison record fails, on every attempt. */
  enum Poison {
    EXCEPTION,
    ERROR,
    NON_RETRYABLE
  }

  private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> logs = new HashMap<>();
  private final Map<TopicPartition, Map<Long, Poison>> poison = new HashMap<>();
  private final Set<String> failsOnce = new HashSet<>();
  private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
  private final List<TopicPartition> partitions = new ArrayList<>();

  SimulatedCluster(SimulatedWorld world) {
    Schedule schedule = world.schedule();
    for (int p = 0; p < schedule.partitions(); p++) {
      TopicPartition partition = new TopicPartition(TOPIC, p);
      partitions.add(partition);
      List<ConsumerRecord<byte[], byte[]>> log = new ArrayList<>();
      for (long offset = 0; offset < schedule.recordsPerPartition(); offset++) {
        byte[] key = ("key-" + world.random().nextInt(5)).getBytes(StandardCharsets.UTF_8);
        byte[] value = ("value-" + offset).getBytes(StandardCharsets.UTF_8);
        log.add(new ConsumerRecord<>(TOPIC, p, offset, key, value));
        if (world.random().nextDouble() < schedule.poisonRate()) {
          Poison kind = Poison.values()[world.random().nextInt(Poison.values().length)];
          poison.computeIfAbsent(partition, k -> new HashMap<>()).put(offset, kind);
        } else if (world.random().nextDouble() < schedule.failureRate()) {
          failsOnce.add(partition + "@" + offset);
        }
      }
      logs.put(partition, log);
    }
  }

  List<TopicPartition> partitions() {
    return partitions;
  }

  List<ConsumerRecord<byte[], byte[]>> log(TopicPartition partition) {
    return logs.get(partition);
  }

  /** How the record fails on every attempt, or null if it is not poison. */
  Poison poison(TopicPartition partition, long offset) {
    return poison.getOrDefault(partition, Map.of()).get(offset);
  }

  /** The first poison record of {@code partition}, or the log's end. */
  long firstPoison(TopicPartition partition) {
    return poison.getOrDefault(partition, Map.of()).keySet().stream()
        .mapToLong(Long::longValue)
        .min()
        .orElse(logs.get(partition).size());
  }

  /** Whether the record fails on this delivery only: true once, the first time it is asked. */
  boolean failsThisOnce(TopicPartition partition, long offset) {
    return failsOnce.remove(partition + "@" + offset);
  }

  Map<TopicPartition, OffsetAndMetadata> committed() {
    return committed;
  }
}
