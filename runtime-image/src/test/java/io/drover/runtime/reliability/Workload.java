package io.drover.runtime.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A steady produce load on its own thread: keys {@code key-0..key-15}, each record carrying its
 * key's sequence number, and now and then a record under one of up to 16 poison keys ({@link
 * RecordingEndpoint#POISON_PREFIX}). Every acknowledged record is remembered with its partition and
 * offset.
 */
final class Workload implements AutoCloseable {

  /** One acknowledged record. */
  record Produced(int partition, long offset, String key, boolean poison) {}

  private final List<Produced> produced = new CopyOnWriteArrayList<>();
  private final KafkaProducer<String, String> producer;
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param poisonKeys how many poison keys the poison records are spread over (1 puts them all on
   *     one partition)
   */
  Workload(
      String bootstrap, String topic, int perSecond, double poisonRate, int poisonKeys, long seed) {
    producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000"),
            new StringSerializer(),
            new StringSerializer());
    Random random = new Random(seed);
    long intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
    thread =
        new Thread(
            () -> {
              long next = System.nanoTime();
              int[] sequence = new int[16];
              while (running) {
                int k = random.nextInt(sequence.length);
                boolean poison = random.nextDouble() < poisonRate;
                String key =
                    poison ? RecordingEndpoint.POISON_PREFIX + (k % poisonKeys) : "key-" + k;
                String value = key + " seq=" + (poison ? -1 : sequence[k]++);
                producer.send(
                    new ProducerRecord<>(topic, key, value),
                    (metadata, error) -> {
                      if (error == null) {
                        produced.add(
                            new Produced(metadata.partition(), metadata.offset(), key, poison));
                      }
                    });
                next += intervalNanos;
                LockSupport.parkNanos(next - System.nanoTime());
              }
            },
            "reliability-workload");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops producing and waits for what was sent to be acknowledged. */
  void stop() throws InterruptedException {
    running = false;
    thread.join(Duration.ofSeconds(10).toMillis());
    producer.flush();
  }

  List<Produced> produced() {
    return List.copyOf(produced);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    producer.close(Duration.ofSeconds(5));
  }
}
