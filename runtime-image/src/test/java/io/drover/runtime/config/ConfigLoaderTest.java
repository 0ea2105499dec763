package io.drover.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime file is read with the engine's defaults for what it leaves out, secrets come only
 * from files or environment variables, and every problem is reported with its path.
 */
class ConfigLoaderTest {

  @TempDir Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("runtime.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  private static final String HEAD =
      """
      apiVersion: runtime.drover.io/v1alpha1
      kind: RuntimeConfig
      topics: [orders]
      consumer: {type: log}
      """;

  @Test
  void appliesDefaultsAndMapsDurationsInMilliseconds() throws Exception {
    ConfigLoader.Loaded loaded =
        ConfigLoader.load(
            write(
                HEAD
                    + """
                    kafka: {bootstrapServers: "k:9092", groupId: billing}
                    errorHandling:
                      pauseTimeoutMs: 250
                      deadLetter: {topic: orders-dlq}
                    """),
            Map.of());

    assertThat(loaded.engine().pauseTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(loaded.engine().pauseMaxTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(loaded.engine().deadLetter().maxRetries()).isEqualTo(3);
    assertThat(loaded.engine().shutdownTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void readsTheSaslPasswordFromTheEnvironmentAndNeverFromTheFile() throws Exception {
    ConfigLoader.Loaded loaded =
        ConfigLoader.load(
            write(
                HEAD
                    + """
                    kafka:
                      bootstrapServers: "k:9093"
                      groupId: billing
                      security:
                        tls: {caFile: /etc/drover/tls/ca.crt}
                        sasl: {mechanism: SCRAM-SHA-512, username: app, passwordEnv: KAFKA_PASSWORD}
                    """),
            Map.of("KAFKA_PASSWORD", "s3cret"));

    assertThat(loaded.engine().kafka())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", "/etc/drover/tls/ca.crt");
    assertThat(loaded.engine().kafka().get("sasl.jaas.config"))
        .contains("ScramLoginModule")
        .contains("password=\"s3cret\"");
  }

  @Test
  void aClientCertificateAndKeyBecomeAPemKeystoreForMutualTls() throws Exception {
    Path certificate = dir.resolve("user.crt");
    Path key = dir.resolve("user.key");
    Files.writeString(
        certificate, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");

    ConfigLoader.Loaded loaded = ConfigLoader.load(mutualTls(certificate, key), Map.of());

    assertThat(loaded.engine().kafka())
        .containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.keystore.type", "PEM")
        .containsEntry("ssl.keystore.certificate.chain", Files.readString(certificate).strip())
        .containsEntry("ssl.keystore.key", Files.readString(key).strip());
  }

  @Test
  void aPkcs1KeyIsReportedWithHowToConvertIt() throws Exception {
    Path certificate = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    Files.writeString(
        certificate, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    Files.writeString(
        key, "-----BEGIN RSA PRIVATE KEY-----\nSECRETKEY\n-----END RSA PRIVATE KEY-----\n");

    assertThatThrownBy(() -> ConfigLoader.load(mutualTls(certificate, key), Map.of()))
        .isInstanceOfSatisfying(
            InvalidRuntimeConfigException.class,
            e ->
                assertThat(e.violations())
                    .singleElement()
                    .satisfies(
                        v -> {
                          assertThat(v.path()).isEqualTo("kafka.security.tls.keyFile");
                          assertThat(v.message()).contains("PKCS#8", "openssl pkcs8 -topk8");
                        }))
        .hasMessageNotContaining("SECRETKEY");
  }

  @Test
  void aCertificateWithoutItsKeyOrAMissingFileIsReportedByField() throws Exception {
    Path file =
        write(
            HEAD
                + """
                kafka:
                  bootstrapServers: "k:9093"
                  groupId: billing
                  security:
                    tls: {certificateFile: /nowhere/user.crt}
                """);

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOfSatisfying(
            InvalidRuntimeConfigException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::path)
                    .containsExactly("kafka.security.tls.keyFile"));
    Path both = mutualTls(dir.resolve("absent.crt"), dir.resolve("absent.key"));
    assertThatThrownBy(() -> ConfigLoader.load(both, Map.of()))
        .isInstanceOfSatisfying(
            InvalidRuntimeConfigException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::path)
                    .containsExactly(
                        "kafka.security.tls.certificateFile", "kafka.security.tls.keyFile"));
  }

  private Path mutualTls(Path certificate, Path key) throws Exception {
    return write(
        HEAD
            + """
            kafka:
              bootstrapServers: "k:9093"
              groupId: billing
              security:
                tls: {certificateFile: "%s", keyFile: "%s"}
            """
                .formatted(certificate, key));
  }

  @Test
  void reportsNestedUnknownKeysAndSecurityMistakesWithTheirPaths() throws Exception {
    Path file =
        write(
            HEAD
                + """
                kafka:
                  bootstrapServers: "k:9092"
                  groupId: billing
                  config: {ssl.keystore.password: hunter2, max.poll.records: "10"}
                  security:
                    sasl: {mechanism: GSSAPI, username: app, passwordEnv: MISSING, passwordFile: /x}
                errorHandling:
                  deadLetter: {topc: orders-dlq}
                """);

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOfSatisfying(
            InvalidRuntimeConfigException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::path)
                    .contains(
                        "errorHandling.deadLetter.topc",
                        "errorHandling.deadLetter.topic",
                        "kafka.config.ssl.keystore.password",
                        "kafka.security.sasl.mechanism",
                        "kafka.security.sasl"))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void anEmptyOrMissingFileIsReportedAsSuch() throws Exception {
    assertThatThrownBy(() -> ConfigLoader.load(write("  \n"), Map.of()))
        .hasMessageContaining("(file): is empty");
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml"), Map.of()))
        .hasMessageContaining("(file): does not exist");
  }

  @Test
  void aTypeErrorDoesNotHideTheOtherProblems() throws Exception {
    Path file =
        write(
            """
            apiVersion: runtime.drover.io/v1alpha1
            kind: RuntimeConfig
            kafka: {bootstrapServers: "k:9092", groupId: billing}
            topics: orders
            consumer: {type: pigeon}
            concurrency: 0
            shutdownTimeoutMs: soon
            errorHandling: {pauseTimeoutMs: [1]}
            """);

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(InvalidRuntimeConfigException.class)
        .hasMessageContaining("topics: must be a list, got a string")
        .hasMessageContaining("consumer.type: must be class, http or log")
        .hasMessageContaining("concurrency: ")
        .hasMessageContaining("shutdownTimeoutMs: must be a whole number, got 'soon'")
        .hasMessageContaining("errorHandling.pauseTimeoutMs: must be a whole number, got a list")
        .hasMessageNotContaining("Cannot")
        .hasMessageNotContaining("java.");
  }
}
