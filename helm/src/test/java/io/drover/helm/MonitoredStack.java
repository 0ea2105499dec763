package io.drover.helm;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.operator.DroverOperator;
import io.drover.operator.OperatorSettings;
import io.drover.runtime.ConsumerRuntime;
import io.drover.runtime.config.ConfigLoader;
import io.drover.testing.kafka.FreePort;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import io.drover.testing.kafka.TestRecord;
import io.drover.testing.kubernetes.LocalKubernetes;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Prometheus scrapes in a cluster, in one JVM: a real runtime consuming from the test broker
 * through the HTTP sink, where some messages are poison (the sink answers 500 to them, so they are
 * retried, paused and dead-lettered); and the real operator reconciling one ConsumerGroup against
 * the fabric8 mock API server.
 */
final class MonitoredStack implements AutoCloseable {

  static final String NAMESPACE = "shop";
  static final String CONSUMER_GROUP = "orders";
  static final String POISON = "poison";
  static final String BROKEN = "clashing";

  private final List<AutoCloseable> parts = new ArrayList<>();
  private final AtomicInteger delivered = new AtomicInteger();
  private final String topic;
  private ConsumerRuntime runtime;
  private DroverOperator operator;

  private MonitoredStack(String topic) {
    this.topic = topic;
  }

  /** Starts everything and produces {@code good} good and {@code poison} poison messages. */
  static MonitoredStack start(Path dir, int good, int poison) throws Exception {
    MonitoredStack stack = new MonitoredStack("orders-" + System.nanoTime());
    try {
      stack.startRuntime(dir);
      stack.startOperator();
      stack.produce(good, poison);
      return stack;
    } catch (Exception | Error e) {
      stack.close();
      throw e;
    }
  }

  int runtimePort() {
    return runtime.port();
  }

  int operatorPort() {
    return operator.httpPort();
  }

  String deadLetterTopic() {
    return topic + "-dlq";
  }

  /** Good messages the sink accepted. */
  int delivered() {
    return delivered.get();
  }

  private void startRuntime(Path dir) throws Exception {
    HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sink.createContext(
        "/events",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = body.startsWith(POISON) ? 500 : 200;
          if (status == 200) {
            delivered.incrementAndGet();
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    sink.start();
    parts.add(() -> sink.stop(0));

    try (KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get())) {
      kafka.createTopic(topic, 3);
      kafka.createTopic(deadLetterTopic(), 1);
    }
    Path config = dir.resolve("runtime.yaml");
    Files.writeString(
        config,
        """
        apiVersion: runtime.drover.io/v1alpha1
        kind: RuntimeConfig
        kafka: {bootstrapServers: "%s", groupId: %s}
        topics: [%s]
        consumer:
          type: http
          http: {url: "http://127.0.0.1:%d/events", timeoutMs: 2000}
        errorHandling:
          pauseTimeoutMs: 200
          pauseMaxTimeoutMs: 400
          deadLetter: {topic: %s, maxRetries: 2}
        http: {port: %d}
        """
            .formatted(
                SharedKafkaBroker.get().bootstrapServers(),
                CONSUMER_GROUP,
                topic,
                sink.getAddress().getPort(),
                deadLetterTopic(),
                FreePort.onLoopback()));
    runtime = ConsumerRuntime.start(ConfigLoader.load(config, Map.of()), dir.resolve("plugins"));
    parts.add(() -> runtime.stop());
  }

  private void startOperator() throws IOException {
    LocalKubernetes api =
        LocalKubernetes.start(ConsumerGroup.class.getResourceAsStream(ConsumerGroup.CRD_RESOURCE));
    parts.add(api);
    KubernetesClient client = api.client();
    operator =
        DroverOperator.start(
            client,
            new OperatorSettings(Set.of(), "example.com/drover-runtime:test", false, null, 0));
    parts.add(operator);
    client.namespaces().resource(namespace()).create();
    ConsumerGroup group =
        client
            .getKubernetesSerialization()
            .unmarshal(
                """
                apiVersion: drover.io/v1alpha1
                kind: ConsumerGroup
                metadata: {name: %s, namespace: %s}
                spec:
                  bootstrapServers: kafka:9092
                  groupId: %s
                  topics: [%s]
                  consumer: {log: {}}
                """
                    .formatted(CONSUMER_GROUP, NAMESPACE, CONSUMER_GROUP, topic),
                ConsumerGroup.class);
    client.resource(group).create();
    // A second group whose ConfigMap name is taken by an object the operator does not own: its
    // reconciles fail for real, so the failure metrics exist as they would in a cluster.
    client
        .configMaps()
        .inNamespace(NAMESPACE)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(BROKEN + "-runtime")
                .endMetadata()
                .addToData("owner", "someone else")
                .build())
        .create();
    ConsumerGroup broken = client.getKubernetesSerialization().clone(group);
    broken.getMetadata().setName(BROKEN);
    client.resource(broken).create();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                        .resources(ConsumerGroup.class)
                        .inNamespace(NAMESPACE)
                        .withName(CONSUMER_GROUP)
                        .get()
                        .getStatus()
                    != null);
  }

  private static Namespace namespace() {
    return new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build();
  }

  /** Produces poison messages only, while the stack runs. */
  void producePoison(int count) {
    List<TestRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(TestRecord.of("late-" + i, POISON + "-late-" + i));
    }
    try (KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get())) {
      kafka.produce(topic, records);
    }
  }

  /** Spreads the poison evenly among the good messages, keyed so that it spans partitions. */
  private void produce(int good, int poison) {
    List<TestRecord> records = new ArrayList<>();
    int spacing = good / Math.max(1, poison);
    int poisoned = 0;
    for (int i = 0; i < good; i++) {
      records.add(TestRecord.of("key-" + i, "good-" + i));
      if (poisoned < poison && i % spacing == spacing - 1) {
        records.add(TestRecord.of("key-" + i, POISON + "-" + poisoned++));
      }
    }
    try (KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get())) {
      kafka.produce(topic, records);
    }
  }

  @Override
  public void close() {
    for (int i = parts.size() - 1; i >= 0; i--) {
      try {
        parts.get(i).close();
      } catch (Exception e) {
        // Keep closing the rest; the first failure of a test is what matters.
      }
    }
  }
}
