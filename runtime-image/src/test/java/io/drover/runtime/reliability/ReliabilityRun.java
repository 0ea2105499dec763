package io.drover.runtime.reliability;

import io.drover.engine.dlq.DeadLetterHeaders;
import io.drover.testing.kafka.KafkaTestClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One scenario's world: a topic under a steady load, a recording HTTP endpoint, a dead-letter
 * topic, and a group of runtime processes that deliver to the endpoint. The scenario injects its
 * faults; {@link #finish} lets the world calm down, drains, stops the group and judges the run.
 */
final class ReliabilityRun implements AutoCloseable {

  /** How long records keep coming after the faults, so that progress after them can be seen. */
  private static final Duration CALM = Duration.ofSeconds(5);

  /** The longest the drain after the load may take before the run counts what is missing. */
  private static final Duration DRAIN = Duration.ofSeconds(120);

  /** The members' session timeout: a killed member's partitions move on after this. */
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

  private final String name;
  private final String bootstrap;
  private final String topic = "reliability-" + UUID.randomUUID();
  private final String deadLetterTopic = topic + "-dlq";
  private final Workload workload;
  private final RecordingEndpoint endpoint;
  private final Fleet fleet;
  private final Shape shape;
  private final List<Checker.Fault> faults = new ArrayList<>();
  private long faultsEndedMillis = System.currentTimeMillis();

  /** Where a run's dead letters go. */
  enum DeadLetters {
    /** A dead-letter policy whose topic exists from the start. */
    TOPIC_AT_START,
    /** A dead-letter policy whose topic the scenario creates later. */
    TOPIC_CREATED_LATER,
    /** No dead-letter policy: a poison record holds its partition, retried for ever. */
    NO_POLICY
  }

  /** Who delivers to the endpoint. */
  enum Delivering {
    /** The runtime's built-in HTTP sink. */
    HTTP_SINK,
    /** A plugin class that throws {@link Error}s ({@link PluginJar}). */
    ERROR_THROWING_PLUGIN
  }

  /**
   * The shape of a run: a steady load through the HTTP sink, no poison, a dead-letter topic from
   * the start and a quick endpoint, unless a scenario says otherwise.
   */
  static final class Shape {
    private final int partitions;
    private final int members;
    private final int perSecond;
    private double poisonRate;
    private int poisonKeys = 16;
    private boolean closingEndpoint;
    private int maxRetries = 2;
    private DeadLetters deadLetters = DeadLetters.TOPIC_AT_START;
    private long endpointDelayMillis;
    private Delivering delivering = Delivering.HTTP_SINK;

    private Shape(int partitions, int members, int perSecond) {
      this.partitions = partitions;
      this.members = members;
      this.perSecond = perSecond;
    }

    /** {@code partitions} partitions, {@code members} members, {@code perSecond} records/s. */
    static Shape steady(int partitions, int members, int perSecond) {
      return new Shape(partitions, members, perSecond);
    }

    /** A share of the records under one of {@code keys} poison keys. */
    Shape poison(double rate, int keys) {
      poisonRate = rate;
      poisonKeys = keys;
      return this;
    }

    /** An endpoint that closes every connection, and a dead-letter policy of {@code retries}. */
    Shape closingEndpoint(int retries) {
      closingEndpoint = true;
      maxRetries = retries;
      return this;
    }

    Shape deadLetters(DeadLetters where) {
      deadLetters = where;
      return this;
    }

    /** An endpoint that takes {@code delayMillis} to answer each request. */
    Shape slowEndpoint(long delayMillis) {
      endpointDelayMillis = delayMillis;
      return this;
    }

    Shape delivering(Delivering who) {
      delivering = who;
      return this;
    }
  }

  ReliabilityRun(String name, String bootstrap, Shape shape, long seed, Path directory)
      throws IOException {
    this.name = name;
    this.bootstrap = bootstrap;
    this.shape = shape;
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
      kafka.createTopic(topic, shape.partitions);
      if (shape.deadLetters == DeadLetters.TOPIC_AT_START) {
        kafka.createTopic(deadLetterTopic, 1);
      }
    }
    endpoint = new RecordingEndpoint(shape.closingEndpoint, shape.endpointDelayMillis);
    workload =
        new Workload(bootstrap, topic, shape.perSecond, shape.poisonRate, shape.poisonKeys, seed);
    Map<String, String> environment = Map.of();
    if (shape.delivering == Delivering.ERROR_THROWING_PLUGIN) {
      Path plugins = Files.createDirectories(directory.resolve("plugins"));
      PluginJar.writeInto(plugins);
      environment =
          Map.of(
              "DROVER_PLUGIN_DIR",
              plugins.toString(),
              "RELIABILITY_ENDPOINT",
              endpoint.url(),
              "RELIABILITY_ATTEMPTS",
              Files.createDirectories(directory.resolve("attempts")).toString());
    }
    fleet = new Fleet(directory, config(), shape.members, environment);
  }

  private String config() {
    String consumer =
        switch (shape.delivering) {
          case HTTP_SINK ->
              "{type: http, http: {url: \"%s\", timeoutMs: 5000}}".formatted(endpoint.url());
          case ERROR_THROWING_PLUGIN -> "{type: class, className: " + PluginJar.CLASS_NAME + "}";
        };
    // The plugin's transient Errors hit records anywhere in a batch. Counted per partition (the
    // default), a retried batch that gets further and fails on another record counts on, and a
    // good record that failed once can be dead-lettered: count each record on its own instead.
    boolean independent = shape.delivering == Delivering.ERROR_THROWING_PLUGIN;
    String deadLetter =
        shape.deadLetters == DeadLetters.NO_POLICY
            ? ""
            : ", deadLetter: {topic: %s, maxRetries: %d, independent: %s}"
                .formatted(deadLetterTopic, shape.maxRetries, independent);
    // %%d: the member's port, filled in by the fleet.
    return """
        apiVersion: runtime.drover.io/v1alpha1
        kind: RuntimeConfig
        kafka:
          bootstrapServers: "%s"
          groupId: %s
          config:
            session.timeout.ms: "%d"
            heartbeat.interval.ms: "2000"
        topics: [%s]
        consumer: %s
        concurrency: 4
        errorHandling: {pauseTimeoutMs: 200, pauseMaxTimeoutMs: 2000%s}
        shutdownTimeoutMs: 20000
        http: {port: %%d}
        """
        .formatted(
            bootstrap, topic + "-group", SESSION_TIMEOUT.toMillis(), topic, consumer, deadLetter);
  }

  Fleet fleet() {
    return fleet;
  }

  RecordingEndpoint endpoint() {
    return endpoint;
  }

  /** Creates the dead-letter topic, for a run that starts without it. */
  void createDeadLetterTopic() {
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
      kafka.createTopic(deadLetterTopic, 1);
    }
  }

  /** Records a fault that is not a member's kill (the fleet records those). */
  void fault(String cause) {
    faults.add(new Checker.Fault(cause, System.currentTimeMillis()));
  }

  /** Records that the last fault is over. */
  void faultsEnded() {
    faultsEndedMillis = System.currentTimeMillis();
  }

  /** Calms down, stops the load, waits for the group to drain, stops it, and judges the run. */
  Report finish(long stallBoundMillis) throws IOException, InterruptedException {
    LockSupport.parkNanos(CALM.toNanos()); // the load runs on; nothing waits on this
    workload.stop();
    long deadline = System.nanoTime() + DRAIN.toNanos();
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
      while (System.nanoTime() < deadline && !drained(kafka)) {
        LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
      }
      fleet.close();
      return Checker.check(
          name,
          workload.produced(),
          endpoint.deliveries(),
          deadLetters(kafka),
          allowance(stallBoundMillis),
          faultsEndedMillis);
    }
  }

  private boolean drained(KafkaTestClient kafka) {
    Report so =
        Checker.check(
            name,
            workload.produced(),
            endpoint.deliveries(),
            deadLetters(kafka),
            allowance(Long.MAX_VALUE),
            faultsEndedMillis);
    return so.lost() == 0
        && so.problems().stream().noneMatch(p -> p.contains("never dead-lettered"));
  }

  private Checker.Allowance allowance(long stallBoundMillis) {
    List<Checker.Fault> all = new ArrayList<>(faults);
    all.addAll(fleet.kills());
    return new Checker.Allowance(
        all, stallBoundMillis, shape.deadLetters != DeadLetters.NO_POLICY, fleet.cleanExitCodes());
  }

  private List<Checker.DeadLetter> deadLetters(KafkaTestClient kafka) {
    return kafka.readAll(deadLetterTopic).stream().map(ReliabilityRun::origin).toList();
  }

  private static Checker.DeadLetter origin(ConsumerRecord<String, String> record) {
    Map<String, String> headers = KafkaTestClient.headers(record);
    return new Checker.DeadLetter(
        Integer.parseInt(headers.get(DeadLetterHeaders.ORIGINAL_PARTITION)),
        Long.parseLong(headers.get(DeadLetterHeaders.ORIGINAL_OFFSET)),
        record.timestamp());
  }

  /** Every member's output, for a failing run. */
  List<String> outputs() throws IOException {
    return fleet.outputs();
  }

  @Override
  public void close() throws Exception {
    workload.close();
    fleet.close();
    endpoint.close();
  }
}
