package io.drover.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.ClusterState;
import io.drover.testing.kafka.FreePort;
import io.drover.testing.kafka.KafkaBroker;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import io.drover.testing.kafka.TlsMaterial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS on a real broker whose listener requires a client certificate, with the PEM files laid
 * out as a Strimzi KafkaUser Secret mounts them ({@code ca.crt}, {@code user.crt}, {@code
 * user.key}): the runtime consumes with them, and without a certificate it is refused, says so, and
 * stays alive but not ready.
 */
class MutualTlsIT {

  @Test
  void withAClientCertificateItConsumesOverMutualTls(@TempDir Path dir) throws Exception {
    KafkaBroker broker = SharedKafkaBroker.get();
    TlsMaterial tls = broker.tls();
    String topic = "mtls-" + UUID.randomUUID();
    int port = FreePort.onLoopback();
    Path config =
        config(
            dir,
            broker,
            topic,
            port,
            """
            {caFile: "%s", certificateFile: "%s", keyFile: "%s"}"""
                .formatted(tls.caCertificate(), tls.clientCertificate(), tls.clientKey()));
    try (KafkaTestClient kafka = new KafkaTestClient(broker);
        RuntimeProcess runtime = RuntimeProcess.start(config)) {
      kafka.createTopic(topic, 1);
      kafka.produce(topic, 10);

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> RuntimeProcess.metric(port, "drover_messages_consumed_total") == 10);
      assertThat(RuntimeProcess.get(port, "/readyz").statusCode()).isEqualTo(200);

      runtime.terminate();
      assertThat(runtime.awaitExit(Duration.ofSeconds(30))).isEqualTo(0);
      String key = Files.readString(tls.clientKey()).lines().skip(1).findFirst().orElseThrow();
      assertThat(runtime.output()).doesNotContain(key).doesNotContain("BEGIN PRIVATE KEY");
    }
  }

  @Test
  void withoutAClientCertificateItIsRefusedAndSaysAuthenticationFailed(@TempDir Path dir)
      throws Exception {
    KafkaBroker broker = SharedKafkaBroker.get();
    int port = FreePort.onLoopback();
    String topic = "mtls-" + UUID.randomUUID();
    Path config =
        config(
            dir, broker, topic, port, "{caFile: \"%s\"}".formatted(broker.tls().caCertificate()));
    try (RuntimeProcess runtime = RuntimeProcess.start(config)) {
      await()
          .atMost(ClusterState.UNREACHABLE_AFTER.plusSeconds(30))
          .until(
              () ->
                  RuntimeProcess.metric(
                          port,
                          "drover_kafka_connection_state{consumergroup=\""
                              + topic
                              + "\",state=\"authentication_failed\"}")
                      == 1);
      assertThat(RuntimeProcess.get(port, "/readyz").statusCode()).isEqualTo(503);
      assertThat(RuntimeProcess.get(port, "/healthz").statusCode()).isEqualTo(200);

      runtime.terminate();
      assertThat(runtime.awaitExit(Duration.ofSeconds(30))).isEqualTo(0);
    }
  }

  private static Path config(Path dir, KafkaBroker broker, String topic, int port, String tls)
      throws Exception {
    Path config = dir.resolve("runtime.yaml");
    Files.writeString(
        config,
        """
        apiVersion: runtime.drover.io/v1alpha1
        kind: RuntimeConfig
        kafka:
          bootstrapServers: "%s"
          groupId: %s
          security:
            tls: %s
        topics: [%s]
        consumer: {type: log}
        http: {port: %d}
        """
            .formatted(broker.sslBootstrapServers(), topic, tls, topic, port));
    return config;
  }
}
