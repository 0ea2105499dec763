package io.drover.runtime.reliability;

import io.drover.engine.dlq.DeadLetterHeaders;
import io.drover.testing.kafka.KafkaTestClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
  private long faultsEndedMillis = System.currentTimeMillis();

  /** The shape of a run. */
  /**
   * The shape of a run.
   *
   * @param partitions the topic's partitions
   * @param members the group's members
   * @param perSecond records produced per second
   * @param poisonRate the share of records under a poison key
   * @param closingEndpoint whether the endpoint closes every connection after answering
   * @param maxRetries the dead-letter policy's retries
   * @param deadLetterTopicAtStart whether the dead-letter topic exists from the start
   * @param endpointDelayMillis how long the endpoint takes to answer each request
   */
  record Shape(
      int partitions,
      int members,
      int perSecond,
      double poisonRate,
      boolean closingEndpoint,
      int maxRetries,
      boolean deadLetterTopicAtStart,
      long endpointDelayMillis) {}

  ReliabilityRun(String name, String bootstrap, Shape shape, long seed, Path directory)
      throws IOException {
    this.name = name;
    this.bootstrap = bootstrap;
    try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
      kafka.createTopic(topic, shape.partitions());
      if (shape.deadLetterTopicAtStart()) {
        kafka.createTopic(deadLetterTopic, 1);
      }
    }
    endpoint = new RecordingEndpoint(shape.closingEndpoint(), shape.endpointDelayMillis());
    workload = new Workload(bootstrap, topic, shape.perSecond(), shape.poisonRate(), seed);
    fleet = new Fleet(directory, config(endpoint.url(), shape.maxRetries()), shape.members());
  }

  private String config(String url, int maxRetries) {
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
        consumer:
          type: http
          http: {url: "%s", timeoutMs: 5000}
        concurrency: 4
        errorHandling:
          pauseTimeoutMs: 200
          pauseMaxTimeoutMs: 2000
          deadLetter: {topic: %s, maxRetries: %d}
        shutdownTimeoutMs: 20000
        http: {port: %%d}
        """
        .formatted(
            bootstrap,
            topic + "-group",
            SESSION_TIMEOUT.toMillis(),
            topic,
            url,
            deadLetterTopic,
            maxRetries);
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

  /** Records that the last fault is over. */
  void faultsEnded() {
    faultsEndedMillis = System.currentTimeMillis();
  }

  /** Calms down, stops the load, waits for the group to drain, stops it, and judges the run. */
  Report finish(int duplicatesAllowed, long stallBoundMillis, int kills)
      throws IOException, InterruptedException {
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
          new Checker.Allowance(duplicatesAllowed, stallBoundMillis, kills, fleet.cleanExitCodes()),
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
            new Checker.Allowance(Integer.MAX_VALUE, Long.MAX_VALUE, 0, List.of()),
            faultsEndedMillis);
    return so.lost() == 0
        && so.problems().stream().noneMatch(p -> p.contains("never dead-lettered"));
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
