package io.drover.engine.connection;

import io.drover.engine.config.EngineConfig;
import io.drover.engine.config.GroupProtocol;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Derives the Kafka consumer and dead-letter producer properties from the engine config. */
public final class KafkaProperties {

  /** The engine's default {@code fetch.max.wait.ms}. */
  public static final int FETCH_MAX_WAIT_MS = 100;

  /** The longest the dead-letter producer's send() may block, well within the dispatch timeout. */
  public static final Duration DEAD_LETTER_MAX_BLOCK = Duration.ofSeconds(10);

  private KafkaProperties() {}

  /** Returns the consumer properties: the engine's own, then the user's pass-through keys. */
  public static Map<String, Object> consumer(EngineConfig config) {
    Map<String, Object> props = new HashMap<>();
    // Defaults a user may override through the kafka map.
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // The client keeps one fetch in flight per broker, and the engine pauses every partition that
    // has a batch in flight. A fetch sent while the busy partitions were paused holds only idle
    // ones, and the broker may sit on it for fetch.max.wait.ms while the resumed partitions wait
    // behind it. Kafka's 500 ms default cut throughput to a quarter in docs/benchmarks.md.
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
    if (config.groupProtocol() == GroupProtocol.CLASSIC) {
      props.put(
          ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
          CooperativeStickyAssignor.class.getName());
    }
    props.putAll(only(ConsumerConfig.configNames(), config.kafka()));
    // Settings the engine depends on; the contract forbids them in the kafka map.
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
    props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, config.groupProtocol().name().toLowerCase());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    if (config.groupInstanceId() != null) {
      props.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, config.groupInstanceId());
    }
    if (config.groupProtocol() == GroupProtocol.CONSUMER) {
      // The KIP-848 protocol assigns on the broker and rejects a client-side assignor.
      props.remove(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG);
    }
    return props;
  }

  /** Returns the dead-letter producer properties: durable, idempotent, raw bytes. */
  public static Map<String, Object> deadLetterProducer(EngineConfig config) {
    Map<String, Object> props = new HashMap<>(only(ProducerConfig.configNames(), config.kafka()));
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // send() waits this long for metadata (a missing topic) inside the dispatch timeout, rather
    // than for Kafka's default 60 s outside it.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) DEAD_LETTER_MAX_BLOCK.toMillis());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return props;
  }

  private static Map<String, String> only(Set<String> known, Map<String, String> props) {
    Map<String, String> kept = new HashMap<>();
    props.forEach(
        (key, value) -> {
          if (known.contains(key)) {
            kept.put(key, value);
          }
        });
    return kept;
  }
}
