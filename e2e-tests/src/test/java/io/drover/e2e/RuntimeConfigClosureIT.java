package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.engine.config.EngineConfig;
import io.drover.engine.connection.KafkaProperties;
import io.drover.operator.model.DesiredResources;
import io.drover.operator.model.PodLayout;
import io.drover.operator.model.SpecValidator;
import io.drover.runtime.config.ConfigLoader;
import io.drover.runtime.config.InvalidRuntimeConfigException;
import io.drover.testing.kubernetes.RealApiServer;
import io.drover.testing.kubernetes.SharedRealApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever passes admission on a real API server and the operator's own checks gives pods that
 * start: the runtime accepts the rendered configuration, and the Kafka consumer and dead-letter
 * producer it builds from it can be constructed. The walk covers every Kafka consumer and producer
 * property, each with several classes of value (its default, garbage, negative, empty, too large),
 * and keys Kafka does not know.
 */
class RuntimeConfigClosureIT {

  private static final String NAMESPACE = "closure";
  private static final List<String> VALUE_CLASSES =
      List.of("not-a-value", "-1", "", "99999999999999999999");

  private static KubernetesClient client;

  @TempDir Path dir;

  @BeforeAll
  static void installCrd() {
    client = SharedRealApiServer.get().client();
    RealApiServer.installCrd(
        client, ConsumerGroup.class.getResourceAsStream(ConsumerGroup.CRD_RESOURCE));
  }

  @AfterAll
  static void closeClient() {
    client.close();
  }

  @Test
  void everyConfigThatAdmissionAndTheOperatorLetThroughStartsAPod() throws Exception {
    List<String> holes = new ArrayList<>();
    int refusedAtAdmission = 0;
    int refusedByOperator = 0;
    int started = 0;
    int cases = 0;
    for (String key : keys()) {
      for (String value : values(key)) {
        cases++;
        ConsumerGroup group = group(cases, key, value);
        if (!admitted(group)) {
          refusedAtAdmission++;
        } else if (!SpecValidator.validate(
                group, (namespace, name) -> Optional.of(Set.of("password")))
            .isEmpty()) {
          refusedByOperator++;
        } else {
          Optional<String> refusal = refusalByRuntime(group);
          if (refusal.isPresent()) {
            holes.add(key + "=" + value + ": " + refusal.get());
          } else {
            started++;
          }
        }
      }
    }

    System.out.printf(
        "Closure walk: %d cases; %d refused at admission, %d by the operator, %d start%n",
        cases, refusedAtAdmission, refusedByOperator, started);
    assertThat(holes).isEmpty();
    // The walk reached all three outcomes, so it proves something about each.
    assertThat(refusedAtAdmission).isPositive();
    assertThat(refusedByOperator).isPositive();
    assertThat(started).isGreaterThan(50);
  }

  private static Set<String> keys() {
    Set<String> keys = new TreeSet<>();
    keys.addAll(ConsumerConfig.configNames());
    keys.addAll(ProducerConfig.configNames());
    keys.add("drover.unknown.key");
    keys.add("x");
    return keys;
  }

  private static Set<String> values(String key) {
    Set<String> values = new LinkedHashSet<>();
    ConfigDef.ConfigKey definition =
        ConsumerConfig.configDef()
            .configKeys()
            .getOrDefault(key, ProducerConfig.configDef().configKeys().get(key));
    if (definition != null
        && definition.hasDefault()
        && definition.defaultValue != null
        && definition.type != ConfigDef.Type.PASSWORD) {
      values.add(ConfigDef.convertToString(definition.defaultValue, definition.type));
    }
    values.addAll(VALUE_CLASSES);
    return values;
  }

  private static ConsumerGroup group(int number, String key, String value) {
    ConsumerGroup group =
        client
            .getKubernetesSerialization()
            .unmarshal(
                """
                apiVersion: drover.io/v1alpha1
                kind: ConsumerGroup
                metadata: {name: closure-%d, namespace: %s, uid: uid-%d}
                spec:
                  bootstrapServers: 127.0.0.1:9092
                  topics: [orders]
                  consumer: {http: {url: "http://sink.closure:8080/events"}}
                  errorHandling: {deadLetter: {topic: orders-dlq}}
                """
                    .formatted(number, NAMESPACE, number),
                ConsumerGroup.class);
    group.getSpec().config = Map.of(key, value);
    return group;
  }

  private static boolean admitted(ConsumerGroup group) {
    try {
      client.resource(group).dryRun().create();
      return true;
    } catch (KubernetesClientException e) {
      assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
      return false;
    }
  }

  /** What a pod would do with the operator's rendering: empty when it starts. */
  private Optional<String> refusalByRuntime(ConsumerGroup group) throws Exception {
    String rendered =
        DesiredResources.of(group, "runtime:test").configMap().getData().get(PodLayout.CONFIG_FILE);
    Path file = Files.writeString(dir.resolve("runtime.yaml"), rendered);
    EngineConfig engine;
    try {
      engine = ConfigLoader.load(file, Map.of()).engine();
    } catch (InvalidRuntimeConfigException e) {
      return Optional.of("config refused: " + e.getMessage());
    }
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(KafkaProperties.consumer(engine));
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(KafkaProperties.deadLetterProducer(engine))) {
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(
          "client refused: " + e + (e.getCause() == null ? "" : " / " + e.getCause()));
    }
  }
}
