package io.drover.runtime;

import io.drover.engine.ClusterState;
import io.drover.engine.ConsumerFactory;
import io.drover.engine.Engine;
import io.drover.engine.ShutdownOutcome;
import io.drover.engine.instrumentation.MetricsListener;
import io.drover.engine.instrumentation.Monitor;
import io.drover.runtime.config.ConfigLoader;
import io.drover.runtime.config.RuntimeConfig;
import io.drover.runtime.consumers.ConsumerLoadException;
import io.drover.runtime.consumers.ConsumerLoader;
import io.drover.runtime.consumers.HttpSink;
import io.drover.runtime.consumers.HttpSinkConsumer;
import io.drover.runtime.consumers.LogConsumer;
import io.drover.runtime.events.KubernetesEventRecorder;
import io.drover.runtime.events.PodIdentity;
import io.drover.runtime.http.HealthServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** One consumer pod's process: the engine, its metrics, and the health endpoint. */
public final class ConsumerRuntime {

  /** The HTTP port when the file does not set one. */
  public static final int DEFAULT_PORT = 8080;

  /** The readiness gauge: what {@code /readyz} answers, as 1 or 0, for dashboards and alerts. */
  public static final String READY_METRIC = "drover.runtime.ready";

  private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(10);

  /** The HTTP sink's per-request timeout when the file does not set one. */
  public static final long DEFAULT_SINK_TIMEOUT_MS = 10_000;

  private final Engine engine;
  private final HealthServer server;
  private final Optional<KubernetesEvents> events;
  private final KafkaClientMetrics kafkaMetrics;
  private volatile boolean draining;

  private ConsumerRuntime(
      Engine engine,
      HealthServer server,
      Optional<KubernetesEvents> events,
      KafkaClientMetrics kafkaMetrics) {
    this.engine = engine;
    this.server = server;
    this.events = events;
    this.kafkaMetrics = kafkaMetrics;
  }

  /**
   * Builds everything and starts consuming.
   *
   * @throws ConsumerLoadException when the consumer cannot be created
   * @throws IOException when the HTTP port cannot be bound
   */
  public static ConsumerRuntime start(ConfigLoader.Loaded config, Path pluginDirectory)
      throws ConsumerLoadException, IOException {
    Optional<PodIdentity> pod = PodIdentity.fromEnvironment(System.getenv());
    // Every metric, the JVM's and the Kafka client's included, names the group: in a pod by the
    // ConsumerGroup's name, as the operator's metrics do. Prometheus adds namespace and pod.
    String consumerGroup = pod.map(PodIdentity::ownerName).orElse(config.file().kafka().groupId());
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags(MetricsListener.GROUP_LABEL, consumerGroup);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Monitor monitor = new Monitor();
    Optional<KubernetesEvents> events =
        pod.map(identity -> KubernetesEvents.start(identity, monitor));
    Engine engine =
        Engine.builder(
                config.engine(),
                consumers(config.file().consumer(), pluginDirectory, config.engine().concurrency()))
            .monitor(monitor)
            .meterRegistry(registry)
            .consumerGroupLabel(consumerGroup)
            .build();
    // Per-partition client metrics (lag among them) appear only after assignment, and the binder
    // looks for new ones at this interval, so it is short: Micrometer's default is a minute.
    KafkaClientMetrics kafkaMetrics =
        new KafkaClientMetrics(
            engine.kafkaConsumer(),
            Tags.empty(),
            Executors.newSingleThreadScheduledExecutor(
                task -> {
                  Thread thread = new Thread(task, "kafka-metrics");
                  thread.setDaemon(true);
                  return thread;
                }),
            KAFKA_METRICS_REFRESH);
    kafkaMetrics.bindTo(registry);
    ConsumerRuntime[] self = new ConsumerRuntime[1];
    // Ready means able to consume: started, not stopping, and connected to the cluster.
    BooleanSupplier ready =
        () ->
            self[0] != null
                && !self[0].draining
                && engine.running()
                && engine.clusterState() == ClusterState.CONNECTED;
    Gauge.builder(READY_METRIC, () -> ready.getAsBoolean() ? 1 : 0)
        .description(
            "1 while the readiness probe passes: started, connected to the cluster, not draining")
        .register(registry);
    HealthServer server =
        HealthServer.start(port(config.file()), engine::healthy, ready, registry::scrape);
    self[0] = new ConsumerRuntime(engine, server, events, kafkaMetrics);
    engine.start();
    return self[0];
  }

  /** Returns the port of the health and metrics endpoint. */
  public int port() {
    return server.port();
  }

  /** Waits until the engine has stopped, on request or not. */
  public void awaitTermination() throws InterruptedException {
    engine.awaitTermination();
  }

  /** Returns whether {@link #stop()} has been called. */
  public boolean stopRequested() {
    return draining;
  }

  /** Stops gracefully within the shutdown timeout; readiness fails from the first moment. */
  public ShutdownOutcome stop() {
    draining = true;
    ShutdownOutcome outcome = engine.stop();
    events.ifPresent(KubernetesEvents::close);
    kafkaMetrics.close();
    server.close();
    return outcome;
  }

  /** The Events recorder and the client it owns. */
  private record KubernetesEvents(KubernetesClient client, KubernetesEventRecorder recorder) {

    static KubernetesEvents start(PodIdentity pod, Monitor monitor) {
      KubernetesClient client = new KubernetesClientBuilder().build();
      KubernetesEventRecorder recorder = KubernetesEventRecorder.start(client, pod);
      recorder.attachTo(monitor);
      return new KubernetesEvents(client, recorder);
    }

    void close() {
      recorder.close();
      client.close();
    }
  }

  private static ConsumerFactory consumers(
      RuntimeConfig.Consumer consumer, Path plugins, int concurrency) throws ConsumerLoadException {
    return switch (consumer.type()) {
      case "log" -> partition -> new LogConsumer();
      case "class" -> ConsumerLoader.load(consumer.className(), plugins);
      default -> httpSink(consumer.http(), concurrency);
    };
  }

  private static ConsumerFactory httpSink(RuntimeConfig.HttpSink sink, int concurrency) {
    // One connection per worker, and a spare for a resend while another is being discarded.
    int connections = concurrency + 1;
    Duration timeout =
        Duration.ofMillis(sink.timeoutMs() == null ? DEFAULT_SINK_TIMEOUT_MS : sink.timeoutMs());
    HttpSink.ContentMode mode =
        "structured".equals(sink.contentMode())
            ? HttpSink.ContentMode.STRUCTURED
            : HttpSink.ContentMode.BINARY;
    HttpSink shared = HttpSink.create(URI.create(sink.url()), timeout, mode, connections);
    return partition -> new HttpSinkConsumer(shared);
  }

  private static int port(RuntimeConfig config) {
    return config.http() == null || config.http().port() == null
        ? DEFAULT_PORT
        : config.http().port();
  }
}
