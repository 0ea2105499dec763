package io.drover.e2e;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupStatus;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.TestRecord;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local sandbox, the README's first command: the whole Drover chain on this machine with one
 * example ConsumerGroup, sample traffic with a few poison messages, and a report every few seconds
 * of what a user looks at. Runs until Ctrl-C or {@code --duration}.
 *
 * <p>Usage: {@code Sandbox [--duration 90s|2m|1m30s|2h] [--keep]}. Its files (broker data, pod
 * logs, Prometheus) are in a temporary directory it names at the start and removes at the end,
 * unless {@code --keep}.
 */
public final class Sandbox {

  private static final String NAMESPACE = "sandbox";
  private static final String NAME = "orders";
  private static final String TOPIC = "orders";
  private static final String DEAD_LETTERS = "orders-dlq";
  private static final Duration REPORT_EVERY = Duration.ofSeconds(5);
  private static final PrintStream OUT = System.out;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Sandbox() {}

  /** What the command line asked for: how long to run (null: until Ctrl-C), keep the files. */
  record Options(Duration duration, boolean keep) {}

  public static void main(String[] args) throws Exception {
    Options options = parseOptions(args);
    Duration duration = options.duration();
    Path runtimeHome = Path.of(System.getProperty("runtime.home", "runtime-image/target/app"));
    Path work = Files.createTempDirectory("drover-sandbox");
    OUT.printf(
        "Working directory: %s (broker data, pod logs under pods/); %s%n",
        work, options.keep() ? "kept at the end (--keep)" : "removed at the end unless --keep");
    OUT.println("Starting Kafka, the API server, the operator and the pod runner…");
    LocalStack stack = LocalStack.start(work, runtimeHome, false);
    OUT.println("Kubernetes API: " + stack.api().describe());
    SandboxPrometheus prometheus = null;
    if (SandboxPrometheus.available()) {
      try {
        prometheus = SandboxPrometheus.start(work.resolve("prometheus"), stack.operatorPort());
        OUT.printf(
            "Prometheus: %s/alerts — scrapes the pods and the operator, with the chart's alert"
                + " rules unchanged%n",
            prometheus.url());
      } catch (IOException | RuntimeException e) {
        // Alerts are a part of the tour, not a reason to stop it.
        OUT.println("Prometheus did not start, so no alerts here: " + e.getMessage());
      }
    } else {
      OUT.println(
          "No Prometheus on this machine, so no alerts here. Install Debian's package"
              + " (sudo apt-get install prometheus) and run again to watch the chart's alerts.");
    }
    SandboxPrometheus monitoring = prometheus;
    stack
        .api()
        .writeKubeconfig(work.resolve("kubeconfig"))
        .ifPresent(
            kubeconfig ->
                OUT.printf(
                    "kubectl works against it: export KUBECONFIG=%s%n"
                        + "  kubectl get dcg -n %s; kubectl describe dcg %s -n %s;"
                        + " kubectl wait --for=condition=Ready dcg/%s -n %s%n",
                    kubeconfig, NAMESPACE, NAME, NAMESPACE, NAME, NAMESPACE));
    SinkEndpoint sink = SinkEndpoint.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  OUT.println("\nStopping: pods get SIGTERM and commit their offsets…");
                  stack.close();
                  List<PodRunner.Stopped> pods = stack.pods().stopped();
                  OUT.printf(
                      "Stopped %d pods, %d of them gracefully with exit code 0.%n",
                      pods.size(),
                      pods.stream()
                          .filter(p -> p.ending() == LocalPod.Ending.GRACEFUL && p.exitCode() == 0)
                          .count());
                  sink.close();
                  if (monitoring != null) {
                    monitoring.close();
                  }
                  if (options.keep()) {
                    OUT.println("Kept " + work + " (pod logs under pods/).");
                  } else {
                    deleteRecursively(work);
                    OUT.println("Removed " + work + ". Nothing is left running.");
                  }
                  stopped.countDown();
                }));
    try (KafkaTestClient kafka = new KafkaTestClient(stack.bootstrapServers())) {
      stack.createNamespace(NAMESPACE);
      kafka.createTopic(TOPIC, 3);
      kafka.createTopic(DEAD_LETTERS, 1);
      stack.client().resource(exampleGroup(stack, sink)).create();
      OUT.printf(
          "Applied ConsumerGroup %s/%s: 2 replicas, HTTP sink %s, dead letters to %s.%n",
          NAMESPACE, NAME, sink.url(), DEAD_LETTERS);
      OUT.println("Messages whose body starts with \"poison\" fail every time. Ctrl-C to stop.");

      Instant start = Instant.now();
      int produced = 0;
      while (duration == null || Duration.between(start, Instant.now()).compareTo(duration) < 0) {
        produced = produceBatch(kafka, produced);
        report(stack, sink, kafka, monitoring, Duration.between(start, Instant.now()), produced);
        if (stopped.await(REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    }
    System.exit(0);
  }

  private static ConsumerGroup exampleGroup(LocalStack stack, SinkEndpoint sink) {
    return stack
        .client()
        .getKubernetesSerialization()
        .unmarshal(
            """
            apiVersion: drover.io/v1alpha1
            kind: ConsumerGroup
            metadata: {name: %s, namespace: %s}
            spec:
              bootstrapServers: "%s"
              groupId: sandbox-orders
              topics: [%s]
              replicas: 2
              consumer:
                http: {url: "%s", timeoutMs: 2000}
              errorHandling:
                pauseTimeoutMs: 1000
                pauseMaxTimeoutMs: 4000
                deadLetter: {topic: %s, maxRetries: 2}
              shutdownTimeoutMs: 10000
            """
                .formatted(
                    NAME, NAMESPACE, stack.bootstrapServers(), TOPIC, sink.url(), DEAD_LETTERS),
            ConsumerGroup.class);
  }

  /** 50 orders per report interval; one in 50 is poison. */
  private static int produceBatch(KafkaTestClient kafka, int produced) {
    List<TestRecord> records = new ArrayList<>();
    for (int i = produced; i < produced + 50; i++) {
      String body = i % 50 == 25 ? "poison order " + i : "{\"order\": " + i + "}";
      records.add(TestRecord.of("customer-" + (i % 7), body));
    }
    kafka.produce(TOPIC, records);
    return produced + 50;
  }

  private static void report(
      LocalStack stack,
      SinkEndpoint sink,
      KafkaTestClient kafka,
      SandboxPrometheus prometheus,
      Duration elapsed,
      int produced)
      throws IOException {
    OUT.printf(
        "%n── Drover sandbox · %02d:%02d ─────────────────────────────────────────────%n",
        elapsed.toMinutes(), elapsed.toSecondsPart());
    ConsumerGroup group =
        stack.client().resources(ConsumerGroup.class).inNamespace(NAMESPACE).withName(NAME).get();
    ConsumerGroupStatus status = group == null ? null : group.getStatus();
    if (status == null) {
      OUT.println("ConsumerGroup " + NAMESPACE + "/" + NAME + ": no status yet");
    } else {
      Condition ready =
          status.conditions.stream()
              .filter(c -> c.getType().equals(ConsumerGroupStatus.READY))
              .findFirst()
              .orElse(null);
      OUT.printf(
          "ConsumerGroup %s/%s  Ready=%s (%s)  %d/%d replicas ready%n",
          NAMESPACE,
          NAME,
          ready == null ? "?" : ready.getStatus(),
          ready == null ? "" : ready.getReason(),
          status.readyReplicas == null ? 0 : status.readyReplicas,
          status.replicas == null ? 0 : status.replicas);
    }
    OUT.println(
        "Latest Events (\"N times\": each pod keeps one Event per reason, partition and error"
            + " class, counting every message that met it; the text is the latest one's):");
    List<Event> events =
        stack.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
            .sorted(Comparator.comparing(Event::getLastTimestamp).reversed())
            .limit(4)
            .toList();
    if (events.isEmpty()) {
      OUT.println("  (none yet)");
    }
    for (Event event : events) {
      int count = event.getCount() == null ? 1 : event.getCount();
      OUT.printf(
          "  %-7s %-22s %s%n%s",
          event.getType(),
          event.getReason(),
          count == 1 ? "once" : count + " times",
          wrapped(event.getMessage(), "      ", 100));
    }
    OUT.println("Pods (metrics at /metrics):");
    List<LocalPod> pods = stack.pods().pods(NAMESPACE, NAME);
    if (prometheus != null) {
      Map<String, Integer> targets = new TreeMap<>();
      pods.forEach(pod -> targets.put(pod.name(), pod.port()));
      prometheus.scrapePods(NAMESPACE, targets);
    }
    for (LocalPod pod : pods) {
      Map<String, Double> metrics = scrape(pod.port());
      OUT.printf(
          "  %-22s http://127.0.0.1:%d/metrics  consumed %.0f · errors %.0f · dead-lettered %.0f"
              + " · paused partitions %.0f%n",
          pod.name(),
          pod.port(),
          metrics.getOrDefault("drover_messages_consumed_total", 0.0),
          metrics.getOrDefault("drover_errors_total", 0.0),
          metrics.getOrDefault("drover_dead_letters_total", 0.0),
          metrics.getOrDefault("drover_partition_paused", 0.0));
    }
    OUT.printf(
        "Produced %d · accepted by the sink %d · poison refused %d times · DLQ topic %s holds %d%n",
        produced,
        sink.accepted().size(),
        sink.rejected(),
        DEAD_LETTERS,
        kafka.readAll(DEAD_LETTERS).size());
    OUT.printf("Operator metrics: http://127.0.0.1:%d/metrics%n", stack.operatorPort());
    if (prometheus != null) {
      List<String> alerts = prometheus.activeAlerts();
      OUT.printf("Alerts in Prometheus (%s/alerts):%n", prometheus.url());
      if (alerts.isEmpty()) {
        OUT.println("  (none pending or firing yet)");
      }
      alerts.forEach(alert -> OUT.println("  " + alert));
    }
  }

  /** Sums each metric's series from a pod's /metrics. */
  private static Map<String, Double> scrape(int port) {
    Map<String, Double> sums = new TreeMap<>();
    try {
      String text =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      text.lines()
          .filter(line -> line.startsWith("drover_"))
          .forEach(
              line -> {
                String name = line.split("[{ ]", 2)[0];
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                sums.merge(name, value, Double::sum);
              });
    } catch (Exception e) {
      // A pod that is starting or stopping has no metrics yet; the next report has them.
    }
    return sums;
  }

  /** The whole text on lines of at most {@code width}, each indented: nothing is cut. */
  static String wrapped(String text, String indent, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(indent);
    for (String word : (text == null ? "" : text).strip().split("\\s+")) {
      if (line.length() > indent.length() && line.length() + 1 + word.length() > width) {
        out.append(line).append('\n');
        line = new StringBuilder(indent);
      }
      line.append(line.length() > indent.length() ? " " : "").append(word);
    }
    return out.append(line).append('\n').toString();
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      OUT.println("Could not remove " + directory + ": " + e.getMessage());
    }
  }

  private static Options parseOptions(String[] given) {
    // Maven passes the arguments as one word; a shell passes them as several.
    List<String> args =
        Arrays.stream(String.join(" ", given).strip().split("\\s+"))
            .filter(a -> !a.isEmpty())
            .toList();
    Duration duration = null;
    boolean keep = false;
    for (int i = 0; i < args.size(); i++) {
      if (args.get(i).equals("--keep")) {
        keep = true;
      } else if (args.get(i).equals("--duration") && i + 1 < args.size()) {
        String value = args.get(++i);
        Optional<Duration> parsed = SandboxDuration.parse(value);
        if (parsed.isEmpty()) {
          System.err.println(
              "--duration: cannot read '" + value + "'; write it as 90s, 2m, 1m30s or 2h");
          System.exit(2);
        }
        duration = parsed.get();
      } else {
        System.err.println("Usage: sandbox [--duration 90s|2m|1m30s|2h] [--keep]");
        System.exit(2);
      }
    }
    return new Options(duration, keep);
  }
}
