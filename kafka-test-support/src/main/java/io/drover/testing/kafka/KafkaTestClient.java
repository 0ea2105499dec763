package io.drover.testing.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What tests do to a broker besides consuming through the engine: create topics, produce records,
 * read a whole topic and read a group's committed offsets. Every call waits for the broker's answer
 * within a bound and throws if it does not come.
 */
public final class KafkaTestClient implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final String bootstrapServers;
  private final Admin admin;
  private KafkaProducer<String, String> producer;

  /** Creates a client of the broker at {@code bootstrapServers}. */
  public KafkaTestClient(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
  }

  /** Creates a client of the given broker. */
  public KafkaTestClient(KafkaBroker broker) {
    this(broker.bootstrapServers());
  }

  /** Creates a topic with {@code partitions} partitions and one replica, and waits for it. */
  public void createTopic(String topic, int partitions) {
    await(admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all());
    awaitPartitionsHosted(topic, partitions);
  }

  /**
   * Creation is acknowledged by the controller before the broker hosts the partitions, and a
   * produce in between fails with "This server does not host this topic-partition". ListOffsets is
   * answered by the partition's leader itself, so once it answers for every partition, the topic is
   * ready.
   */
  private void awaitPartitionsHosted(String topic, int partitions) {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int partition = 0; partition < partitions; partition++) {
      latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
    }
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        admin.listOffsets(latest).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException notYet) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic + " not ready within " + TIMEOUT, notYet);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + topic, e);
      } catch (TimeoutException e) {
        throw new IllegalStateException(topic + " not ready within " + TIMEOUT, e);
      }
    }
  }

  /** Produces the records in order and waits until the broker has acknowledged every one. */
  public List<RecordMetadata> produce(String topic, List<TestRecord> records) {
    List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
    for (TestRecord record : records) {
      sends.add(producer().send(toProducerRecord(topic, record)));
    }
    producer().flush();
    return sends.stream().map(KafkaTestClient::await).toList();
  }

  /**
   * Produces {@code count} records {@code key-i}/{@code value-i} spread by key over the topic's
   * partitions, and waits for every acknowledgement.
   */
  public List<RecordMetadata> produce(String topic, int count) {
    return produce(
        topic,
        IntStream.range(0, count).mapToObj(i -> TestRecord.of("key-" + i, "value-" + i)).toList());
  }

  /** Reads every record of every partition of the topic, from the beginning to the current end. */
  public List<ConsumerRecord<String, String>> readAll(String topic) {
    try (KafkaConsumer<String, String> consumer = newConsumer()) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, TIMEOUT).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
      List<ConsumerRecord<String, String>> records = new ArrayList<>();
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (!reachedEnd(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " to its end in " + TIMEOUT);
        }
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
      return records;
    }
  }

  /** Returns the offsets the consumer group has committed, by partition. */
  public Map<TopicPartition, OffsetAndMetadata> committedOffsets(String groupId) {
    return await(admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata());
  }

  /** Returns the header values of a record as UTF-8 text, by name (the last value wins). */
  public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
    Map<String, String> headers = new LinkedHashMap<>();
    record
        .headers()
        .forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
    return headers;
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(TIMEOUT);
    }
    admin.close(TIMEOUT);
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      producer =
          new KafkaProducer<>(
              Map.of(
                  ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  ProducerConfig.ACKS_CONFIG,
                  "all",
                  ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                  true,
                  ProducerConfig.LINGER_MS_CONFIG,
                  5),
              new StringSerializer(),
              new StringSerializer());
    }
    return producer;
  }

  private KafkaConsumer<String, String> newConsumer() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            // Read committed transactional data the same way an engine would see it.
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new StringDeserializer(),
        new StringDeserializer());
  }

  private static boolean reachedEnd(
      KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> end) {
    return end.entrySet().stream()
        .allMatch(e -> consumer.position(e.getKey(), TIMEOUT) >= e.getValue());
  }

  private static ProducerRecord<String, String> toProducerRecord(String topic, TestRecord record) {
    ProducerRecord<String, String> producerRecord =
        new ProducerRecord<>(topic, record.partition(), record.key(), record.value());
    record
        .headers()
        .forEach(
            (name, value) ->
                producerRecord.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    return producerRecord;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka refused: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer within " + TIMEOUT, e);
    }
  }
}
