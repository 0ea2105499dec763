package io.drover.engine.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Checks pass-through Kafka property values against kafka-clients' own definitions (type, range,
 * allowed strings), so that a bad value stops the start with its key named, rather than failing
 * later in the client's constructor. Unknown keys are not checked: the engine passes on only the
 * keys the clients know.
 */
final class KafkaPropertyValues {

  private static final Map<String, ConfigDef.ConfigKey> CONSUMER =
      ConsumerConfig.configDef().configKeys();
  private static final Map<String, ConfigDef.ConfigKey> PRODUCER =
      ProducerConfig.configDef().configKeys();

  private KafkaPropertyValues() {}

  /** Returns a violation, under {@code kafka.<key>}, for each value its client would refuse. */
  static List<Violation> check(Map<String, String> properties) {
    List<Violation> violations = new ArrayList<>();
    new TreeMap<>(properties)
        .forEach(
            (name, value) -> {
              ConfigDef.ConfigKey key = CONSUMER.getOrDefault(name, PRODUCER.get(name));
              if (key == null || key.type == ConfigDef.Type.PASSWORD) {
                return;
              }
              try {
                Object parsed = ConfigDef.parseType(name, value, key.type);
                if (key.validator != null) {
                  key.validator.ensureValid(name, parsed);
                }
              } catch (ConfigException e) {
                violations.add(new Violation("kafka." + name, e.getMessage()));
              }
            });
    heartbeatProblem(properties)
        .ifPresent(
            problem -> violations.add(new Violation("kafka.heartbeat.interval.ms", problem)));
    return violations;
  }

  /**
   * The consumer refuses at construction, not in its config definition, a heartbeat that is not
   * positive or not below the session timeout.
   */
  private static Optional<String> heartbeatProblem(Map<String, String> config) {
    try {
      int session =
          Integer.parseInt(
              config.getOrDefault(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "45000").strip());
      int heartbeat =
          Integer.parseInt(
              config.getOrDefault(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000").strip());
      if (heartbeat <= 0 || heartbeat >= session) {
        return Optional.of(
            "heartbeat.interval.ms ("
                + heartbeat
                + ") must be positive and lower than session.timeout.ms ("
                + session
                + ")");
      }
      return Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty(); // reported as a bad value already
    }
  }
}
