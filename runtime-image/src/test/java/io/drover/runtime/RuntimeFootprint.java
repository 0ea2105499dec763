package io.drover.runtime;

import io.drover.testing.kafka.FreePort;
import io.drover.testing.kafka.KafkaBroker;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.TestRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Measures the runtime process as a pod runs it (through the image's entrypoint, default flags):
 * the time from process start to the first message reaching the HTTP sink, and the resident set
 * under a steady load. Not a test: {@code ./mvnw -B -Pbenchmark -pl runtime-image -am verify
 * -DskipTests}; the method is in docs/benchmarks.md.
 */
public final class RuntimeFootprint {

  private static final int START_ROUNDS = Integer.getInteger("rounds", 5);
  private static final Duration LOAD = Duration.ofSeconds(Long.getLong("load.seconds", 60));
  private static final int RATE = Integer.getInteger("load.rate", 2_000);
  private static final String POD_MEMORY = System.getProperty("pod.memory", "512m");

  private RuntimeFootprint() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("drover-footprint-");
    try (KafkaBroker broker = KafkaBroker.start(Files.createDirectories(dir.resolve("broker")));
        KafkaTestClient kafka = new KafkaTestClient(broker);
        SinkServer sink = SinkServer.start((body, seenBefore) -> 200)) {
      List<Double> starts = new ArrayList<>();
      for (int round = 1; round <= START_ROUNDS; round++) {
        double seconds = startToFirstMessage(dir, broker, kafka, sink);
        starts.add(seconds);
        System.out.printf(Locale.ROOT, "start round %d: %.2f s%n", round, seconds);
      }
      Collections.sort(starts);
      System.out.printf(
          Locale.ROOT,
          "start to first message: median %.2f s [%.2f .. %.2f] over %d rounds%n",
          starts.get(starts.size() / 2),
          starts.get(0),
          starts.get(starts.size() - 1),
          starts.size());
      steadyLoad(dir, broker, kafka, sink);
    }
  }

  private static double startToFirstMessage(
      Path dir, KafkaBroker broker, KafkaTestClient kafka, SinkServer sink) throws Exception {
    String topic = "start-" + UUID.randomUUID();
    kafka.createTopic(topic, 1);
    kafka.produce(topic, List.of(TestRecord.of("k", topic)));
    Path config = config(dir, broker, topic, sink);
    long started = System.nanoTime();
    try (RuntimeProcess runtime = RuntimeProcess.start(config, podEnvironment())) {
      if (!sink.awaitBody(topic, Duration.ofSeconds(60))) {
        throw new IllegalStateException("no message within 60 s:\n" + runtime.output());
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      runtime.terminate();
      runtime.awaitExit(Duration.ofSeconds(30));
      return seconds;
    }
  }

  private static void steadyLoad(
      Path dir, KafkaBroker broker, KafkaTestClient kafka, SinkServer sink) throws Exception {
    String topic = "load-" + UUID.randomUUID();
    kafka.createTopic(topic, 4);
    String value = "x".repeat(1_000);
    List<TestRecord> tick =
        IntStream.range(0, RATE / 10).mapToObj(i -> TestRecord.of("k" + i, value)).toList();
    List<Long> rssKib = new ArrayList<>();
    int before = sink.received().size();
    try (RuntimeProcess runtime =
        RuntimeProcess.start(config(dir, broker, topic, sink), podEnvironment())) {
      long end = System.nanoTime() + LOAD.toNanos();
      long nextSample = System.nanoTime();
      while (System.nanoTime() < end) {
        long tickStart = System.nanoTime();
        kafka.produce(topic, tick);
        if (tickStart >= nextSample) {
          rssKib.add(rssKib(runtime.pid()));
          nextSample += TimeUnit.SECONDS.toNanos(1);
        }
        long rest = TimeUnit.MILLISECONDS.toNanos(100) - (System.nanoTime() - tickStart);
        if (rest > 0) {
          TimeUnit.NANOSECONDS.sleep(rest); // pacing the load generator, not synchronisation
        }
      }
      int consumed = sink.received().size() - before;
      runtime.terminate();
      runtime.awaitExit(Duration.ofSeconds(30));
      List<Long> steady = new ArrayList<>(rssKib.subList(rssKib.size() / 2, rssKib.size()));
      Collections.sort(steady);
      System.out.printf(
          Locale.ROOT,
          "steady load: %d msg/s of 1 KiB for %d s, %d consumed; RSS second half: median %d MiB,"
              + " max %d MiB (JAVA_OPTS=-XX:MaxRAM=%s, as a pod with that memory limit)%n",
          RATE,
          LOAD.toSeconds(),
          consumed,
          steady.get(steady.size() / 2) / 1024,
          steady.get(steady.size() - 1) / 1024,
          POD_MEMORY);
    }
  }

  private static Map<String, String> podEnvironment() {
    return Map.of("JAVA_OPTS", "-XX:MaxRAM=" + POD_MEMORY);
  }

  private static Path config(Path dir, KafkaBroker broker, String topic, SinkServer sink)
      throws Exception {
    Path config = dir.resolve(topic + ".yaml");
    Files.writeString(
        config,
        """
        apiVersion: runtime.drover.io/v1alpha1
        kind: RuntimeConfig
        kafka: {bootstrapServers: "%s", groupId: %s}
        topics: [%s]
        consumer:
          type: http
          http: {url: "%s"}
        http: {port: %d}
        """
            .formatted(
                broker.bootstrapServers(),
                topic + "-group",
                topic,
                sink.url(),
                FreePort.onLoopback()));
    return config;
  }

  private static long rssKib(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", ""));
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }
}
