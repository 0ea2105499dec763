package io.drover.engine.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks an {@link EngineConfig} and returns every violation with its path, in the manner of
 * Karafka's contracts: nothing stops at the first error.
 */
public final class EngineContract {

  /**
   * Kafka properties the engine sets itself. Passing them through would silently fight the engine's
   * own settings, so they are rejected.
   */
  public static final Set<String> FORBIDDEN_KAFKA_KEYS =
      Set.of(
          "bootstrap.servers",
          "group.id",
          "group.instance.id",
          "group.protocol",
          "enable.auto.commit",
          "key.deserializer",
          "value.deserializer",
          "key.serializer",
          "value.serializer");

  private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final Pattern CLASS_NAME =
      Pattern.compile("([\\p{L}_$][\\p{L}\\p{N}_$]*\\.)*[\\p{L}_$][\\p{L}\\p{N}_$]*");
  private static final int MAX_CONCURRENCY = 1024;

  private EngineContract() {}

  /** Returns the violations of {@code config}; an empty list means it is valid. */
  public static List<Violation> validate(EngineConfig config) {
    Checks checks = new Checks();
    checks.notBlank("bootstrapServers", config.bootstrapServers());
    checks.notBlank("groupId", config.groupId());
    checkTopics(checks, config.topics());
    checks.require(
        config.concurrency() >= 1 && config.concurrency() <= MAX_CONCURRENCY,
        "concurrency",
        "must be between 1 and " + MAX_CONCURRENCY + ", got " + config.concurrency());
    checks.positive("pauseTimeout", config.pauseTimeout());
    checks.positive("pauseMaxTimeout", config.pauseMaxTimeout());
    if (config.pauseTimeout() != null && config.pauseMaxTimeout() != null) {
      checks.require(
          config.pauseMaxTimeout().compareTo(config.pauseTimeout()) >= 0,
          "pauseMaxTimeout",
          "must not be shorter than pauseTimeout (" + ms(config.pauseTimeout()) + ")");
    }
    checks.require(
        config.jitter() >= 0 && config.jitter() <= 1,
        "jitter",
        "must be between 0 and 1, got " + config.jitter());
    config.deadLetterPolicy().ifPresent(dlq -> checkDeadLetter(checks, dlq, config.topics()));
    for (int i = 0; i < config.nonRetryableErrors().size(); i++) {
      String name = config.nonRetryableErrors().get(i);
      checks.require(
          name != null && CLASS_NAME.matcher(name).matches(),
          "nonRetryableErrors[" + i + "]",
          "must be a fully qualified Java class name, got '" + name + "'");
    }
    checks.positive("shutdownTimeout", config.shutdownTimeout());
    checks.positive("revokeTimeout", config.revokeTimeout());
    checks.positive("commitInterval", config.commitInterval());
    checks.positive("pollTimeout", config.pollTimeout());
    checks.positive("tickInterval", config.tickInterval());
    checks.positive("livenessTimeout", config.livenessTimeout());
    if (config.pollTimeout() != null && config.livenessTimeout() != null) {
      checks.require(
          config.livenessTimeout().compareTo(config.pollTimeout()) > 0,
          "livenessTimeout",
          "must be longer than pollTimeout (" + ms(config.pollTimeout()) + ")");
    }
    checks.require(config.groupProtocol() != null, "groupProtocol", "must be set");
    if (config.groupInstanceId() != null) {
      checks.notBlank("groupInstanceId", config.groupInstanceId());
    }
    config.kafka().keySet().stream()
        .filter(FORBIDDEN_KAFKA_KEYS::contains)
        .sorted()
        .forEach(
            key ->
                checks.add(
                    "kafka." + key,
                    "is set by the engine and cannot be overridden; remove it from kafka"));
    KafkaPropertyValues.check(config.kafka()).forEach(v -> checks.add(v.path(), v.message()));
    checkMaxPollInterval(checks, config);
    return checks.violations;
  }

  /**
   * A rebalance waits for revoked partitions' in-flight batches inside {@code poll}; a member whose
   * poll outlasts {@code max.poll.interval.ms} is evicted mid-rebalance and its partitions are
   * lost. Handlers themselves never hold the poll thread, so a long interval costs nothing.
   */
  private static void checkMaxPollInterval(Checks checks, EngineConfig config) {
    String value = config.kafka().get("max.poll.interval.ms");
    if (value == null || config.revokeTimeout() == null) {
      return;
    }
    long interval;
    try {
      interval = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      return; // reported by the value check
    }
    long longest = config.longestRevocation().toMillis();
    checks.require(
        interval > longest,
        "kafka.max.poll.interval.ms",
        "must be longer than a rebalance's wait for in-flight batches ("
            + longest
            + " ms: revokeTimeout "
            + config.revokeTimeout().toMillis()
            + " ms plus "
            + EngineConfig.REVOCATION_COMMIT_GRACE.toMillis()
            + " ms for its commit), got "
            + interval
            + "; a shorter one evicts the member mid-rebalance. Handlers run off the poll"
            + " thread, so a long interval does not hide a slow one");
  }

  /** Throws {@link InvalidConfigurationException} listing every violation, if there is any. */
  public static void enforce(EngineConfig config) {
    List<Violation> violations = validate(config);
    if (!violations.isEmpty()) {
      throw new InvalidConfigurationException(violations);
    }
  }

  private static void checkTopics(Checks checks, List<String> topics) {
    checks.require(!topics.isEmpty(), "topics", "must name at least one topic");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < topics.size(); i++) {
      String topic = topics.get(i);
      String path = "topics[" + i + "]";
      checks.require(
          TOPIC.matcher(topic).matches(),
          path,
          "must be 1 to 249 characters of a-z, A-Z, 0-9, '.', '_' or '-', got '" + topic + "'");
      checks.require(seen.add(topic), path, "repeats topic '" + topic + "'");
    }
  }

  private static void checkDeadLetter(Checks checks, DeadLetterConfig dlq, List<String> topics) {
    checks.require(
        dlq.topic() != null && TOPIC.matcher(dlq.topic()).matches(),
        "deadLetter.topic",
        "must be a valid topic name, got '" + dlq.topic() + "'");
    checks.require(
        dlq.topic() == null || !topics.contains(dlq.topic()),
        "deadLetter.topic",
        "must not be one of the consumed topics, or dead letters would be consumed again");
    checks.require(
        dlq.maxRetries() >= 0,
        "deadLetter.maxRetries",
        "must be 0 or more, got " + dlq.maxRetries());
  }

  private static String ms(Duration duration) {
    return duration.toMillis() + " ms";
  }

  /** Collects violations. */
  private static final class Checks {
    private final List<Violation> violations = new ArrayList<>();

    void add(String path, String message) {
      violations.add(new Violation(path, message));
    }

    void require(boolean condition, String path, String message) {
      if (!condition) {
        add(path, message);
      }
    }

    void notBlank(String path, String value) {
      require(value != null && !value.isBlank(), path, "must not be blank");
    }

    void positive(String path, Duration value) {
      require(
          value != null && value.compareTo(Duration.ZERO) > 0,
          path,
          "must be a positive duration, got " + (value == null ? "nothing" : ms(value)));
    }
  }
}
