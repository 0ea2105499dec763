package io.drover.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.ClusterState;
import io.drover.testing.kafka.FreePort;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime as a real process: a bad configuration exits 1 naming every bad field and no stack
 * trace; a good one consumes, serves health, readiness and Prometheus metrics, and on SIGTERM exits
 * 0 with its offsets committed.
 */
class RuntimeProcessIT {

  @Test
  void anInvalidConfigurationExitsOneAndNamesEveryBadField(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("runtime.yaml");
    Files.writeString(
        config,
        """
        apiVersion: runtime.drover.io/v9
        kind: RuntimeConfig
        kafka:
          bootstrapServers: 127.0.0.1:9092
          groupId: orders
          config:
            sasl.jaas.config: "secret-in-the-file"
        topix: [orders]
        consumer:
          type: carrier-pigeon
        concurrency: many
        errorHandling:
          pauseTimeoutMs: 5000
          pauseMaxTimeoutMs: 1000
        """);

    try (RuntimeProcess runtime = RuntimeProcess.start(config)) {
      assertThat(runtime.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
      String output = runtime.output();
      assertThat(output)
          .contains("apiVersion: must be runtime.drover.io/v1alpha1")
          .contains("topix: is not a known key")
          .contains("topics: must name at least one topic")
          .contains("consumer.type: must be class, http or log")
          .contains("concurrency: must be a whole number, got 'many'")
          .contains("errorHandling.pauseMaxTimeoutMs: must not be shorter than pauseTimeout")
          .contains("kafka.config.sasl.jaas.config: is a security setting")
          .doesNotContain("secret-in-the-file")
          .doesNotContain("\tat ");
    }
  }

  @Test
  void consumesServesHealthAndMetricsAndExitsZeroOnSigterm(@TempDir Path dir) throws Exception {
    String topic = "runtime-" + UUID.randomUUID();
    String group = topic + "-group";
    int port = FreePort.onLoopback();
    Path config = dir.resolve("runtime.yaml");
    Files.writeString(
        config,
        """
        apiVersion: runtime.drover.io/v1alpha1
        kind: RuntimeConfig
        kafka:
          bootstrapServers: %s
          groupId: %s
        topics: [%s]
        consumer:
          type: log
        shutdownTimeoutMs: 20000
        http:
          port: %d
        """
            .formatted(SharedKafkaBroker.get().bootstrapServers(), group, topic, port));
    try (KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get());
        RuntimeProcess runtime = RuntimeProcess.start(config)) {
      kafka.createTopic(topic, 2);
      kafka.produce(topic, 40);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> RuntimeProcess.metric(port, "drover_messages_consumed_total") == 40);
      assertThat(RuntimeProcess.get(port, "/healthz").statusCode()).isEqualTo(200);
      assertThat(RuntimeProcess.get(port, "/readyz").statusCode()).isEqualTo(200);
      String metrics = RuntimeProcess.get(port, "/metrics").body();
      assertThat(metrics)
          .contains("drover_batch_duration_seconds_count")
          .contains("drover_partitions_assigned{consumergroup=\"" + group + "\"} 2.0")
          .contains("drover_rebalances_total")
          .contains("kafka_consumer_fetch_manager_records_lag")
          .contains("jvm_memory_used_bytes");

      runtime.terminate();
      assertThat(runtime.awaitExit(Duration.ofSeconds(30))).isEqualTo(0);
      // A rollout stops every pod this way: nothing about it may read as an error.
      assertThat(runtime.output())
          .doesNotContain("stopped without being asked")
          .doesNotContainPattern("(?m)^\\S+ ERROR ");
      assertThat(RuntimeProcess.get(port, "/healthz")).isNull();
      long committed =
          kafka.committedOffsets(group).entrySet().stream()
              .filter(e -> e.getKey().topic().equals(topic))
              .mapToLong(e -> e.getValue().offset())
              .sum();
      assertThat(committed).isEqualTo(40);
      assertThat(kafka.committedOffsets(group)).containsKey(new TopicPartition(topic, 0));
    }
  }

  @Test
  void withNoBrokerReachableItIsAliveButNotReadyAndSaysSoOnce(@TempDir Path dir) throws Exception {
    int port = FreePort.onLoopback();
    String nowhere = "127.0.0.1:" + FreePort.onLoopback();
    Path config = dir.resolve("runtime.yaml");
    Files.writeString(
        config,
        """
        apiVersion: runtime.drover.io/v1alpha1
        kind: RuntimeConfig
        kafka:
          bootstrapServers: %s
          groupId: nowhere
        topics: [orders]
        consumer:
          type: log
        http:
          port: %d
        """
            .formatted(nowhere, port));
    try (RuntimeProcess runtime = RuntimeProcess.start(config)) {
      await()
          .atMost(ClusterState.UNREACHABLE_AFTER.plusSeconds(30))
          .until(
              () ->
                  RuntimeProcess.metric(
                          port,
                          "drover_kafka_connection_state{consumergroup=\"nowhere\",state=\"unreachable\"}")
                      == 1);
      assertThat(RuntimeProcess.get(port, "/readyz").statusCode()).isEqualTo(503);
      assertThat(RuntimeProcess.get(port, "/healthz").statusCode()).isEqualTo(200);
      assertThat(RuntimeProcess.metric(port, "drover_runtime_ready")).isZero();
      String output = runtime.output();
      assertThat(output.lines().filter(line -> line.contains("reachable for")))
          .singleElement()
          .asString()
          .contains(nowhere);
      assertThat(output).doesNotContain("Connection to node");

      runtime.terminate();
      assertThat(runtime.awaitExit(Duration.ofSeconds(30))).isEqualTo(0);
    }
  }

  @Test
  void aSigtermWhileStartingExitsWithADocumentedCode(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("runtime.yaml");
    Files.writeString(
        config,
        """
        apiVersion: runtime.drover.io/v1alpha1
        kind: RuntimeConfig
        kafka: {bootstrapServers: "%s", groupId: early}
        topics: [orders]
        consumer: {type: log}
        http: {port: %d}
        """
            .formatted(SharedKafkaBroker.get().bootstrapServers(), FreePort.onLoopback()));
    try (RuntimeProcess runtime = RuntimeProcess.start(config)) {
      // The runtime's first line: from here on, a SIGTERM ends with a documented code.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> runtime.output().contains("starting with"));
      runtime.terminate();

      assertThat(runtime.awaitExit(Duration.ofSeconds(60))).isEqualTo(0);
    }
  }

  /** Returns the sum of a metric's samples on /metrics, or -1 when it is not there yet. */
}
