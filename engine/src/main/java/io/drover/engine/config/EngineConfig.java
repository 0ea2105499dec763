package io.drover.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the engine needs to run one consumer group. Build it with {@link #builder()}; {@link
 * EngineContract} checks it before the engine starts.
 *
 * @param bootstrapServers the Kafka {@code bootstrap.servers}
 * @param groupId the consumer group id
 * @param topics the topics to subscribe to
 * @param concurrency how many partitions are processed in parallel (the worker pool size)
 * @param pauseTimeout the pause after the first failure of a partition
 * @param pauseMaxTimeout the longest pause
 * @param exponentialBackoff whether each consecutive failure doubles the pause
 * @param jitter the largest random extra on a pause, as a fraction of it (0 to 1)
 * @param deadLetter the dead-letter policy; without one, a failing message is retried forever
 * @param nonRetryableErrors fully qualified exception class names (or superclass names) that go to
 *     the dead-letter topic on their first failure
 * @param shutdownTimeout how long a graceful stop may take before it is forced
 * @param revokeTimeout how long a revoked partition's in-flight batch may take to finish
 * @param commitInterval how often marked offsets are committed asynchronously
 * @param pollTimeout the longest single wait for records
 * @param tickInterval how often {@code tick()} runs on an idle consumer
 * @param livenessTimeout how long the poll loop may go without turning before it counts as stuck
 * @param groupProtocol the rebalance protocol
 * @param groupInstanceId the static membership id, or null for dynamic membership
 * @param kafka further Kafka consumer and producer properties, passed through
 */
public record EngineConfig(
    String bootstrapServers,
    String groupId,
    List<String> topics,
    int concurrency,
    Duration pauseTimeout,
    Duration pauseMaxTimeout,
    boolean exponentialBackoff,
    double jitter,
    DeadLetterConfig deadLetter,
    List<String> nonRetryableErrors,
    Duration shutdownTimeout,
    Duration revokeTimeout,
    Duration commitInterval,
    Duration pollTimeout,
    Duration tickInterval,
    Duration livenessTimeout,
    GroupProtocol groupProtocol,
    String groupInstanceId,
    Map<String, String> kafka) {

  /** How long a revocation's commit may take beyond what is left of {@link #revokeTimeout}. */
  public static final Duration REVOCATION_COMMIT_GRACE = Duration.ofSeconds(5);

  /** Kafka's default {@code max.poll.interval.ms}. */
  public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(5);

  /**
   * The longest a rebalance may keep the poll thread: the wait for revoked partitions' in-flight
   * batches, then their commit. Kafka evicts a member whose poll takes longer than {@code
   * max.poll.interval.ms}, so that must be longer than this.
   */
  public Duration longestRevocation() {
    return revokeTimeout.plus(REVOCATION_COMMIT_GRACE);
  }

  /** Copies the collections so that the configuration cannot change after it is built. */
  public EngineConfig {
    topics = topics == null ? List.of() : List.copyOf(topics);
    nonRetryableErrors = nonRetryableErrors == null ? List.of() : List.copyOf(nonRetryableErrors);
    kafka = kafka == null ? Map.of() : Map.copyOf(kafka);
  }

  /** Returns the dead-letter policy, if one is configured. */
  public Optional<DeadLetterConfig> deadLetterPolicy() {
    return Optional.ofNullable(deadLetter);
  }

  /** Returns a builder with the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Builds an {@link EngineConfig}; every setting but servers, group and topics has a default. */
  public static final class Builder {
    private String bootstrapServers;
    private String groupId;
    private List<String> topics = List.of();
    private int concurrency = 5;
    private Duration pauseTimeout = Duration.ofSeconds(1);
    private Duration pauseMaxTimeout = Duration.ofSeconds(30);
    private boolean exponentialBackoff = true;
    private double jitter;
    private DeadLetterConfig deadLetter;
    private List<String> nonRetryableErrors = List.of();
    private Duration shutdownTimeout = Duration.ofSeconds(60);
    private Duration revokeTimeout = Duration.ofSeconds(30);
    private Duration commitInterval = Duration.ofSeconds(5);
    private Duration pollTimeout = Duration.ofMillis(500);
    private Duration tickInterval = Duration.ofSeconds(5);
    private Duration livenessTimeout = Duration.ofSeconds(60);
    private GroupProtocol groupProtocol = GroupProtocol.CLASSIC;
    private String groupInstanceId;
    private Map<String, String> kafka = Map.of();

    private Builder() {}

    private Builder(EngineConfig c) {
      bootstrapServers = c.bootstrapServers;
      groupId = c.groupId;
      topics = c.topics;
      concurrency = c.concurrency;
      pauseTimeout = c.pauseTimeout;
      pauseMaxTimeout = c.pauseMaxTimeout;
      exponentialBackoff = c.exponentialBackoff;
      jitter = c.jitter;
      deadLetter = c.deadLetter;
      nonRetryableErrors = c.nonRetryableErrors;
      shutdownTimeout = c.shutdownTimeout;
      revokeTimeout = c.revokeTimeout;
      commitInterval = c.commitInterval;
      pollTimeout = c.pollTimeout;
      tickInterval = c.tickInterval;
      livenessTimeout = c.livenessTimeout;
      groupProtocol = c.groupProtocol;
      groupInstanceId = c.groupInstanceId;
      kafka = c.kafka;
    }

    /** Sets {@link EngineConfig#bootstrapServers()}. */
    public Builder bootstrapServers(String value) {
      bootstrapServers = value;
      return this;
    }

    /** Sets {@link EngineConfig#groupId()}. */
    public Builder groupId(String value) {
      groupId = value;
      return this;
    }

    /** Sets {@link EngineConfig#topics()}. */
    public Builder topics(String... value) {
      topics = List.of(value);
      return this;
    }

    /** Sets {@link EngineConfig#topics()}. */
    public Builder topics(List<String> value) {
      topics = value;
      return this;
    }

    /** Sets {@link EngineConfig#concurrency()}. */
    public Builder concurrency(int value) {
      concurrency = value;
      return this;
    }

    /** Sets {@link EngineConfig#pauseTimeout()}. */
    public Builder pauseTimeout(Duration value) {
      pauseTimeout = value;
      return this;
    }

    /** Sets {@link EngineConfig#pauseMaxTimeout()}. */
    public Builder pauseMaxTimeout(Duration value) {
      pauseMaxTimeout = value;
      return this;
    }

    /** Sets {@link EngineConfig#exponentialBackoff()}. */
    public Builder exponentialBackoff(boolean value) {
      exponentialBackoff = value;
      return this;
    }

    /** Sets {@link EngineConfig#jitter()}. */
    public Builder jitter(double value) {
      jitter = value;
      return this;
    }

    /** Sets {@link EngineConfig#deadLetter()}; null for none. */
    public Builder deadLetter(DeadLetterConfig value) {
      deadLetter = value;
      return this;
    }

    /** Sets {@link EngineConfig#nonRetryableErrors()}. */
    public Builder nonRetryableErrors(List<String> value) {
      nonRetryableErrors = value;
      return this;
    }

    /** Sets {@link EngineConfig#shutdownTimeout()}. */
    public Builder shutdownTimeout(Duration value) {
      shutdownTimeout = value;
      return this;
    }

    /** Sets {@link EngineConfig#revokeTimeout()}. */
    public Builder revokeTimeout(Duration value) {
      revokeTimeout = value;
      return this;
    }

    /** Sets {@link EngineConfig#commitInterval()}. */
    public Builder commitInterval(Duration value) {
      commitInterval = value;
      return this;
    }

    /** Sets {@link EngineConfig#pollTimeout()}. */
    public Builder pollTimeout(Duration value) {
      pollTimeout = value;
      return this;
    }

    /** Sets {@link EngineConfig#tickInterval()}. */
    public Builder tickInterval(Duration value) {
      tickInterval = value;
      return this;
    }

    /** Sets {@link EngineConfig#livenessTimeout()}. */
    public Builder livenessTimeout(Duration value) {
      livenessTimeout = value;
      return this;
    }

    /** Sets {@link EngineConfig#groupProtocol()}. */
    public Builder groupProtocol(GroupProtocol value) {
      groupProtocol = value;
      return this;
    }

    /** Sets {@link EngineConfig#groupInstanceId()}; null for dynamic membership. */
    public Builder groupInstanceId(String value) {
      groupInstanceId = value;
      return this;
    }

    /** Sets {@link EngineConfig#kafka()}. */
    public Builder kafka(Map<String, String> value) {
      kafka = value;
      return this;
    }

    /** Builds the configuration; it is checked when the engine is created. */
    public EngineConfig build() {
      return new EngineConfig(
          bootstrapServers,
          groupId,
          topics,
          concurrency,
          pauseTimeout,
          pauseMaxTimeout,
          exponentialBackoff,
          jitter,
          deadLetter,
          nonRetryableErrors,
          shutdownTimeout,
          revokeTimeout,
          commitInterval,
          pollTimeout,
          tickInterval,
          livenessTimeout,
          groupProtocol,
          groupInstanceId,
          kafka);
    }
  }
}
