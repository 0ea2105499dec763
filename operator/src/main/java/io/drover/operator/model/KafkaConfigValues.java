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
public final class KafkaConfigValues {

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
    maxPollIntervalProblem(config)
        .ifPresent(
            problem ->
                problems.add(
                    new Problem(
                        Problem.INVALID_CONFIG_VALUE,
                        "spec.config[\"max.poll.interval.ms\"]",
                        problem + ". Raise it, or leave it out (Kafka's default is 300000).")));
    return problems;
  }

  /**
   * The longest a rebalance may hold the runtime's poll thread: the engine's revocation wait (30 s)
   * and its commit (5 s). The engine refuses a shorter {@code max.poll.interval.ms} at start;
   * checked here too so that the pods never crash on it. RuntimeConfigContractTest keeps the two in
   * step.
   */
  public static final long LONGEST_REVOCATION_MS = 35_000;

  private static Optional<String> maxPollIntervalProblem(Map<String, String> config) {
    String value = config.get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG);
    if (value == null) {
      return Optional.empty();
    }
    try {
      long interval = Long.parseLong(value.strip());
      return interval > LONGEST_REVOCATION_MS
          ? Optional.empty()
          : Optional.of(
              "max.poll.interval.ms ("
                  + interval
                  + ") must be longer than a rebalance's wait for in-flight batches ("
                  + LONGEST_REVOCATION_MS
                  + " ms), or a rebalance evicts the pod; handlers run off the poll thread, so"
                  + " a long interval does not hide a slow one");
    } catch (NumberFormatException e) {
      return Optional.empty(); // reported as a bad value already
    }
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
