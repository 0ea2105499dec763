package io.drover.operator.model;

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
 * Checks {@code spec.config} values against kafka-clients' own definitions (type, range, allowed
 * strings), which the runtime checks too at start: a value the runtime would refuse is reported
 * here, as a condition, instead of as pods that exit 1. RuntimeConfigClosureIT keeps the two sides
 * in agreement. Unknown keys are not checked; the runtime passes on only known ones.
 */
final class KafkaConfigValues {

  private static final Map<String, ConfigDef.ConfigKey> CONSUMER =
      ConsumerConfig.configDef().configKeys();
  private static final Map<String, ConfigDef.ConfigKey> PRODUCER =
      ProducerConfig.configDef().configKeys();

  private KafkaConfigValues() {}

  /** Returns a problem for each value its Kafka client would refuse. */
  static List<Problem> check(Map<String, String> config) {
    List<Problem> problems = new ArrayList<>();
    new TreeMap<>(config)
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
                String field = "spec.config[\"" + name + "\"]";
                problems.add(
                    new Problem(
                        Problem.INVALID_CONFIG_VALUE,
                        field,
                        field + ": " + e.getMessage() + ". Fix the value in spec.config."));
              }
            });
    heartbeatProblem(config)
        .ifPresent(
            problem ->
                problems.add(
                    new Problem(
                        Problem.INVALID_CONFIG_VALUE,
                        "spec.config[\"heartbeat.interval.ms\"]",
                        problem + ". Fix the values in spec.config.")));
    return problems;
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
