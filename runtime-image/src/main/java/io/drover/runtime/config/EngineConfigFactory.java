package io.drover.runtime.config;

import io.drover.engine.config.DeadLetterConfig;
import io.drover.engine.config.EngineConfig;
import io.drover.engine.config.EngineContract;
import io.drover.engine.config.GroupProtocol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the engine's configuration from the runtime file: applies the engine's defaults to what
 * the file leaves out, reads the SASL password from its file or environment variable, and runs the
 * engine's contract, reporting its violations under the file's paths.
 */
public final class EngineConfigFactory {

  /** Engine paths and the runtime file paths they come from, longest prefix first. */
  private static final Map<String, String> PATHS = new LinkedHashMap<>();

  static {
    PATHS.put("kafka.", "kafka.config.");
    PATHS.put("bootstrapServers", "kafka.bootstrapServers");
    PATHS.put("groupInstanceId", "kafka.groupInstanceId");
    PATHS.put("groupId", "kafka.groupId");
    PATHS.put("pauseMaxTimeout", "errorHandling.pauseMaxTimeoutMs");
    PATHS.put("pauseTimeout", "errorHandling.pauseTimeoutMs");
    PATHS.put("jitter", "errorHandling.jitter");
    PATHS.put("deadLetter", "errorHandling.deadLetter");
    PATHS.put("nonRetryableErrors", "errorHandling.nonRetryableErrors");
    PATHS.put("shutdownTimeout", "shutdownTimeoutMs");
  }

  /** The HTTP sink's rejection, which the runtime always treats as non-retryable. */
  static final String HTTP_SINK_REJECTED = "io.drover.runtime.consumers.NonRetryableSinkException";

  private EngineConfigFactory() {}

  /**
   * Builds the engine configuration.
   *
   * @param environment the process environment, for {@code passwordEnv}
   * @param violations receives every problem, under the runtime file's paths
   * @return the configuration; meaningful only when no violation was added
   */
  public static EngineConfig build(
      RuntimeConfig config, Map<String, String> environment, List<Violation> violations) {
    EngineConfig.Builder builder = EngineConfig.builder();
    RuntimeConfig.Kafka kafka = config.kafka();
    builder
        .bootstrapServers(kafka.bootstrapServers())
        .groupId(kafka.groupId())
        .groupInstanceId(kafka.groupInstanceId())
        .groupProtocol(
            "consumer".equals(kafka.groupProtocol())
                ? GroupProtocol.CONSUMER
                : GroupProtocol.CLASSIC)
        .topics(config.topics() == null ? List.of() : config.topics())
        .kafka(clientProperties(kafka, environment, violations));
    if (config.concurrency() != null) {
      builder.concurrency(config.concurrency());
    }
    if (config.shutdownTimeoutMs() != null) {
      builder.shutdownTimeout(Duration.ofMillis(config.shutdownTimeoutMs()));
    }
    if (config.errorHandling() != null) {
      applyErrorHandling(config.errorHandling(), builder);
    }
    builder.nonRetryableErrors(nonRetryableErrors(config));
    EngineConfig engine = builder.build();
    EngineContract.validate(engine).stream()
        .map(v -> new Violation(runtimePath(v.path()), v.message()))
        .forEach(violations::add);
    return engine;
  }

  private static List<String> nonRetryableErrors(RuntimeConfig config) {
    List<String> names = new ArrayList<>();
    if (config.errorHandling() != null && config.errorHandling().nonRetryableErrors() != null) {
      names.addAll(config.errorHandling().nonRetryableErrors());
    }
    if (config.consumer() != null && "http".equals(config.consumer().type())) {
      // A sink's 4xx is a verdict on the message itself: retrying it cannot help.
      names.add(HTTP_SINK_REJECTED);
    }
    return names;
  }

  /** Returns the runtime file path of an engine configuration path. */
  static String runtimePath(String enginePath) {
    for (Map.Entry<String, String> mapping : PATHS.entrySet()) {
      if (enginePath.startsWith(mapping.getKey())) {
        return mapping.getValue() + enginePath.substring(mapping.getKey().length());
      }
    }
    return enginePath;
  }

  private static void applyErrorHandling(
      RuntimeConfig.ErrorHandling errors, EngineConfig.Builder builder) {
    if (errors.pauseTimeoutMs() != null) {
      builder.pauseTimeout(Duration.ofMillis(errors.pauseTimeoutMs()));
    }
    if (errors.pauseMaxTimeoutMs() != null) {
      builder.pauseMaxTimeout(Duration.ofMillis(errors.pauseMaxTimeoutMs()));
    }
    if (errors.exponentialBackoff() != null) {
      builder.exponentialBackoff(errors.exponentialBackoff());
    }
    if (errors.jitter() != null) {
      builder.jitter(errors.jitter());
    }
    RuntimeConfig.DeadLetter dlq = errors.deadLetter();
    if (dlq != null) {
      builder.deadLetter(
          new DeadLetterConfig(
              dlq.topic(),
              dlq.maxRetries() == null ? DeadLetterConfig.DEFAULT_MAX_RETRIES : dlq.maxRetries(),
              Boolean.TRUE.equals(dlq.independent())));
    }
  }

  private static Map<String, String> clientProperties(
      RuntimeConfig.Kafka kafka, Map<String, String> environment, List<Violation> violations) {
    Map<String, String> props = new HashMap<>(kafka.config() == null ? Map.of() : kafka.config());
    RuntimeConfig.Security security = kafka.security();
    if (security == null) {
      return props;
    }
    boolean tls = security.tls() != null;
    boolean sasl = security.sasl() != null;
    props.put("security.protocol", sasl ? (tls ? "SASL_SSL" : "SASL_PLAINTEXT") : "SSL");
    if (tls && security.tls().caFile() != null) {
      props.put("ssl.truststore.type", "PEM");
      props.put("ssl.truststore.location", security.tls().caFile());
    }
    if (tls && security.tls().certificateFile() != null && security.tls().keyFile() != null) {
      // Given inline, the chain and the key are Password-typed client settings: the client logs
      // them as [hidden]. A PEM keystore file would need both in one file, which no Secret has.
      props.put("ssl.keystore.type", "PEM");
      props.put(
          "ssl.keystore.certificate.chain",
          pem(security.tls().certificateFile(), "certificateFile", "CERTIFICATE", violations));
      props.put(
          "ssl.keystore.key", pem(security.tls().keyFile(), "keyFile", "PRIVATE KEY", violations));
    }
    if (sasl) {
      RuntimeConfig.Sasl settings = security.sasl();
      String password = password(settings, environment, violations);
      props.put("sasl.mechanism", String.valueOf(settings.mechanism()));
      props.put(
          "sasl.jaas.config",
          loginModule(settings.mechanism())
              + " required username=\""
              + escape(settings.username())
              + "\" password=\""
              + escape(password)
              + "\";");
    }
    return props;
  }

  /**
   * Reads a PEM file of the client certificate, and says what is wrong with it in words: the Kafka
   * client's own errors about a bad keystore do not name the file.
   */
  private static String pem(
      String file, String field, String expected, List<Violation> violations) {
    String path = "kafka.security.tls." + field;
    String text;
    try {
      text = Files.readString(Path.of(file));
    } catch (IOException e) {
      violations.add(
          new Violation(path, "cannot read " + file + " (" + e.getClass().getSimpleName() + ")"));
      return "";
    }
    if (text.contains("-----BEGIN RSA PRIVATE KEY-----")
        || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
      violations.add(
          new Violation(
              path,
              file
                  + " holds a PKCS#1 or SEC 1 key; Kafka reads PKCS#8 (BEGIN PRIVATE KEY). Convert"
                  + " it with: openssl pkcs8 -topk8 -nocrypt (cert-manager: privateKey.encoding:"
                  + " PKCS8)"));
      return "";
    }
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      violations.add(
          new Violation(path, file + " holds an encrypted key; give the unencrypted PKCS#8 key"));
      return "";
    }
    if (!text.contains("-----BEGIN " + expected + "-----")) {
      violations.add(new Violation(path, file + " holds no PEM " + expected + " block"));
      return "";
    }
    return text.strip();
  }

  private static String password(
      RuntimeConfig.Sasl sasl, Map<String, String> environment, List<Violation> violations) {
    if (sasl.passwordFile() != null) {
      try {
        return Files.readString(Path.of(sasl.passwordFile())).strip();
      } catch (IOException e) {
        violations.add(
            new Violation(
                "kafka.security.sasl.passwordFile",
                "cannot read " + sasl.passwordFile() + " (" + e.getClass().getSimpleName() + ")"));
        return "";
      }
    }
    if (sasl.passwordEnv() != null) {
      String value = environment.get(sasl.passwordEnv());
      if (value == null || value.isEmpty()) {
        violations.add(
            new Violation(
                "kafka.security.sasl.passwordEnv",
                "environment variable " + sasl.passwordEnv() + " is not set"));
        return "";
      }
      return value;
    }
    return "";
  }

  private static String loginModule(String mechanism) {
    return "PLAIN".equals(mechanism)
        ? "org.apache.kafka.common.security.plain.PlainLoginModule"
        : "org.apache.kafka.common.security.scram.ScramLoginModule";
  }

  private static String escape(String value) {
    return value == null ? "" : value.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
