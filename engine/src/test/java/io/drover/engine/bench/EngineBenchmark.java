package io.drover.engine.bench;

import io.drover.engine.BaseConsumer;
import io.drover.engine.Engine;
import io.drover.engine.config.EngineConfig;
import io.drover.engine.messages.Messages;
import io.drover.testing.kafka.KafkaBroker;
import io.drover.testing.kafka.KafkaTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Throughput of the engine against a raw {@code KafkaConsumer} poll loop, and the isolation of
 * healthy partitions from a failing one. Not a test: run it with
 *
 * <pre>./mvnw -B -Pbenchmark -pl engine -am verify -DskipTests</pre>
 *
 * <p>Both contenders run in this JVM, in alternating rounds after a warm-up, against one broker
 * process, each round with a fresh consumer group reading the same 1,000,000 records of 100 bytes
 * on 8 partitions. A round is timed from the first record consumed to the last, so group joins do
 * not count. Results are in {@code docs/benchmarks.md}.
 */
public final class EngineBenchmark {

  private static final int RECORDS = 1_000_000;
  private static final int PARTITIONS = 8;
  private static final int VALUE_BYTES = 100;
  private static final int ROUNDS = Integer.getInteger("rounds", 5);
  private static final String TOPIC = "bench";

  /**
   * Simulated I/O per batch in the isolation rounds (a database write, say), so that a round lasts
   * seconds and spans several 1 s pauses of the failing partition. With a no-op consumer a round is
   * over before the first pause ends, which would prove nothing.
   */
  private static final Duration ISOLATION_BATCH_WORK = Duration.ofMillis(10);

  /** Engine client overrides for experiments, as -Dengine.kafka.<property>=<value>. */
  private static final Map<String, String> ENGINE_KAFKA = prefixed("engine.kafka.");

  /** Raw client overrides for experiments, as -Draw.kafka.<property>=<value>. */
  private static final Map<String, String> RAW_KAFKA = prefixed("raw.kafka.");

  private final String bootstrapServers;

  private EngineBenchmark(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public static void main(String[] args) throws Exception {
    Path directory = Files.createTempDirectory("drover-bench-kafka-");
    try (KafkaBroker broker = KafkaBroker.start(directory)) {
      EngineBenchmark bench = new EngineBenchmark(broker.bootstrapServers());
      bench.fill();
      String part = System.getProperty("part", "all");
      if (!part.equals("isolation")) {
        bench.throughput();
      }
      if (!part.equals("throughput")) {
        bench.isolation();
      }
    }
  }

  private void fill() {
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrapServers);
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrapServers,
                    ProducerConfig.BATCH_SIZE_CONFIG,
                    512 * 1024,
                    ProducerConfig.LINGER_MS_CONFIG,
                    20,
                    ProducerConfig.ACKS_CONFIG,
                    "1"),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      kafka.createTopic(TOPIC, PARTITIONS);
      byte[] value = new byte[VALUE_BYTES];
      for (int i = 0; i < RECORDS; i++) {
        producer.send(new ProducerRecord<>(TOPIC, i % PARTITIONS, null, value));
      }
      producer.flush();
    }
    System.out.printf(
        "filled %s: %,d records of %d B on %d partitions%n",
        TOPIC, RECORDS, VALUE_BYTES, PARTITIONS);
  }

  private void throughput() throws Exception {
    System.out.println("warm-up: one raw round, one engine round");
    raw();
    engine(-1, Duration.ZERO);
    List<Double> rawRates = new ArrayList<>();
    List<Double> engineRates = new ArrayList<>();
    List<Double> ratios = new ArrayList<>();
    for (int round = 1; round <= ROUNDS; round++) {
      double raw = raw();
      double engine = engine(-1, Duration.ZERO).allRate;
      rawRates.add(raw);
      engineRates.add(engine);
      ratios.add(engine / raw);
      System.out.printf(
          Locale.ROOT,
          "round %d: raw %,.0f rec/s, engine %,.0f rec/s, engine/raw %.3f%n",
          round,
          raw,
          engine,
          engine / raw);
    }
    System.out.printf(
        Locale.ROOT,
        "THROUGHPUT raw median %,.0f rec/s [%,.0f..%,.0f]; engine median %,.0f rec/s [%,.0f..%,.0f];"
            + " engine/raw median %.3f [%.3f..%.3f]%n",
        median(rawRates),
        Collections.min(rawRates),
        Collections.max(rawRates),
        median(engineRates),
        Collections.min(engineRates),
        Collections.max(engineRates),
        median(ratios),
        Collections.min(ratios),
        Collections.max(ratios));
  }

  private void isolation() throws Exception {
    List<Double> ratios = new ArrayList<>();
    int rebalances = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      EngineRun healthy = engine(-1, ISOLATION_BATCH_WORK);
      EngineRun faulty = engine(0, ISOLATION_BATCH_WORK);
      rebalances += faulty.revocations;
      ratios.add(faulty.othersRate / healthy.othersRate);
      System.out.printf(
          Locale.ROOT,
          "isolation round %d: 7 healthy partitions %,.0f rec/s fault-free, %,.0f rec/s beside a"
              + " failing one (ratio %.3f); failures on partition 0: %d; revocations: %d%n",
          round,
          healthy.othersRate,
          faulty.othersRate,
          faulty.othersRate / healthy.othersRate,
          faulty.failures,
          faulty.revocations);
    }
    System.out.printf(
        Locale.ROOT,
        "ISOLATION faulty/fault-free for the 7 healthy partitions: median %.3f [%.3f..%.3f];"
            + " rebalances during faulty rounds: %d%n",
        median(ratios),
        Collections.min(ratios),
        Collections.max(ratios),
        rebalances);
  }

  /** Returns records per second of a raw poll loop reading the whole topic. */
  private double raw() {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "raw-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(TOPIC));
      long count = 0;
      long first = 0;
      long bytes = 0;
      while (count < RECORDS) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
        if (first == 0 && !records.isEmpty()) {
          first = System.nanoTime();
        }
        for (var record : records) {
          bytes += record.value().length;
          count++;
        }
      }
      long took = System.nanoTime() - first;
      consumer.commitSync();
      if (bytes != (long) RECORDS * VALUE_BYTES) {
        throw new IllegalStateException("raw read " + bytes + " bytes");
      }
      return RECORDS / (took / 1e9);
    }
  }

  /**
   * One engine round; {@code failingPartition} fails on every message, or -1 for none. The rate of
   * the other partitions is timed on its own, so fault-free and faulty rounds compare like for
   * like.
   */
  private EngineRun engine(int failingPartition, Duration batchWork) throws Exception {
    int othersExpected = RECORDS - RECORDS / PARTITIONS;
    int allExpected = failingPartition < 0 ? RECORDS : othersExpected;
    AtomicLong all = new AtomicLong();
    AtomicLong others = new AtomicLong();
    AtomicLong first = new AtomicLong();
    AtomicLong othersDone = new AtomicLong();
    AtomicLong allDone = new AtomicLong();
    AtomicInteger failures = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(1);
    EngineConfig config =
        EngineConfig.builder()
            .bootstrapServers(bootstrapServers)
            .groupId("engine-" + UUID.randomUUID())
            .topics(TOPIC)
            .pauseTimeout(Duration.ofSeconds(1))
            .exponentialBackoff(false)
            .kafka(ENGINE_KAFKA)
            .concurrency(Integer.getInteger("engine.concurrency", 5))
            .build();
    try (Engine engine =
        Engine.builder(
                config,
                tp ->
                    new BaseConsumer() {
                      @Override
                      public void consume(Messages messages) throws InterruptedException {
                        if (tp.partition() == failingPartition) {
                          failures.incrementAndGet();
                          throw new IllegalStateException("always fails");
                        }
                        first.compareAndSet(0, System.nanoTime());
                        if (!batchWork.isZero()) {
                          TimeUnit.NANOSECONDS.sleep(batchWork.toNanos());
                        }
                        if (tp.partition() != 0
                            && others.addAndGet(messages.size()) == othersExpected) {
                          othersDone.set(System.nanoTime());
                        }
                        if (all.addAndGet(messages.size()) == allExpected) {
                          allDone.set(System.nanoTime());
                          done.countDown();
                        }
                      }
                    })
            .logging(false)
            .build()) {
      AtomicInteger revocations = new AtomicInteger();
      engine
          .monitor()
          .subscribe("rebalance.partitions_revoked", e -> revocations.incrementAndGet());
      engine.start();
      if (!done.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("engine consumed only " + all.get());
      }
      return new EngineRun(
          allExpected / ((allDone.get() - first.get()) / 1e9),
          othersExpected / ((othersDone.get() - first.get()) / 1e9),
          failures.get(),
          revocations.get());
    }
  }

  /** The outcome of one engine round. */
  private record EngineRun(double allRate, double othersRate, int failures, int revocations) {}

  private static Map<String, String> prefixed(String prefix) {
    Map<String, String> found = new java.util.HashMap<>();
    System.getProperties()
        .forEach(
            (key, value) -> {
              if (key.toString().startsWith(prefix)) {
                found.put(key.toString().substring(prefix.length()), value.toString());
              }
            });
    return found;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
