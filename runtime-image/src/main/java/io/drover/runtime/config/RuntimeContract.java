package io.drover.runtime.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what only the runtime knows: the format version, which consumer, security, the HTTP port.
 * Ranges and names the engine cares about are checked by the engine's own contract through {@link
 * EngineConfigFactory}, and reported under the runtime file's paths.
 */
public final class RuntimeContract {

  /**
   * Client properties that must come from {@code kafka.security}, so that a credential can never
   * sit in the file, or that the engine sets itself.
   */
  static final Set<String> SECURITY_KEYS =
      Set.of(
          "security.protocol",
          "sasl.mechanism",
          "sasl.jaas.config",
          "ssl.truststore.location",
          "ssl.truststore.password",
          "ssl.truststore.certificates",
          "ssl.truststore.type",
          "ssl.keystore.location",
          "ssl.keystore.password",
          "ssl.keystore.key",
          "ssl.keystore.certificate.chain",
          "ssl.key.password");

  private static final Set<String> SASL_MECHANISMS =
      Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
  private static final Set<String> CONSUMER_TYPES = Set.of("class", "http", "log");
  private static final Set<String> PROTOCOLS = Set.of("classic", "consumer");

  private RuntimeContract() {}

  /** Returns the violations only the runtime can see. */
  public static List<Violation> validate(RuntimeConfig config) {
    List<Violation> violations = new ArrayList<>();
    if (!RuntimeConfig.API_VERSION.equals(config.apiVersion())) {
      violations.add(
          new Violation(
              "apiVersion",
              "must be " + RuntimeConfig.API_VERSION + ", got '" + config.apiVersion() + "'"));
    }
    if (!RuntimeConfig.KIND.equals(config.kind())) {
      violations.add(
          new Violation("kind", "must be " + RuntimeConfig.KIND + ", got '" + config.kind() + "'"));
    }
    if (config.kafka() == null) {
      violations.add(new Violation("kafka", "is required"));
    } else {
      checkKafka(config.kafka(), violations);
    }
    if (config.consumer() == null) {
      violations.add(new Violation("consumer", "is required"));
    } else {
      checkConsumer(config.consumer(), violations);
    }
    if (config.http() != null && config.http().port() != null) {
      int port = config.http().port();
      if (port < 1 || port > 65535) {
        violations.add(new Violation("http.port", "must be between 1 and 65535, got " + port));
      }
    }
    return violations;
  }

  private static void checkKafka(RuntimeConfig.Kafka kafka, List<Violation> violations) {
    if (kafka.groupProtocol() != null && !PROTOCOLS.contains(kafka.groupProtocol())) {
      violations.add(
          new Violation(
              "kafka.groupProtocol",
              "must be classic or consumer, got '" + kafka.groupProtocol() + "'"));
    }
    Map<String, String> config = kafka.config() == null ? Map.of() : kafka.config();
    config.keySet().stream()
        .filter(SECURITY_KEYS::contains)
        .sorted()
        .forEach(
            key ->
                violations.add(
                    new Violation(
                        "kafka.config." + key,
                        "is a security setting; use kafka.security, which takes secrets only by"
                            + " file or environment variable")));
    RuntimeConfig.Security security = kafka.security();
    if (security != null && security.sasl() != null) {
      checkSasl(security.sasl(), violations);
    }
    if (security != null && security.tls() != null) {
      checkTls(security.tls(), violations);
    }
  }

  private static void checkTls(RuntimeConfig.Tls tls, List<Violation> violations) {
    if (tls.caFile() != null && tls.caFile().isBlank()) {
      // Absent means "trust the JVM's default CAs"; blank is a mistake.
      violations.add(
          new Violation("kafka.security.tls.caFile", "is blank; remove it to use the default CAs"));
    }
    // A client certificate is its chain and its key; one without the other cannot log in.
    if (blank(tls.certificateFile()) != blank(tls.keyFile())) {
      String missing = blank(tls.certificateFile()) ? "certificateFile" : "keyFile";
      String given = blank(tls.certificateFile()) ? "keyFile" : "certificateFile";
      violations.add(
          new Violation(
              "kafka.security.tls." + missing,
              "is required with kafka.security.tls." + given + " (mutual TLS needs both)"));
    }
  }

  private static void checkSasl(RuntimeConfig.Sasl sasl, List<Violation> violations) {
    if (sasl.mechanism() == null || !SASL_MECHANISMS.contains(sasl.mechanism())) {
      violations.add(
          new Violation(
              "kafka.security.sasl.mechanism",
              "must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, got '" + sasl.mechanism() + "'"));
    }
    if (blank(sasl.username())) {
      violations.add(new Violation("kafka.security.sasl.username", "is required"));
    }
    if (blank(sasl.passwordFile()) == blank(sasl.passwordEnv())) {
      violations.add(
          new Violation(
              "kafka.security.sasl",
              "needs exactly one of passwordFile and passwordEnv; the password itself never goes"
                  + " in this file"));
    }
  }

  private static void checkConsumer(RuntimeConfig.Consumer consumer, List<Violation> violations) {
    String type = consumer.type();
    if (type == null || !CONSUMER_TYPES.contains(type)) {
      violations.add(
          new Violation("consumer.type", "must be class, http or log, got '" + type + "'"));
      return;
    }
    if (type.equals("class") == blank(consumer.className())) {
      violations.add(
          new Violation(
              "consumer.className",
              type.equals("class") ? "is required with type class" : "is only for type class"));
    }
    if (type.equals("http") == (consumer.http() == null)) {
      violations.add(
          new Violation(
              "consumer.http",
              type.equals("http") ? "is required with type http" : "is only for type http"));
    }
    if (type.equals("http") && consumer.http() != null) {
      checkHttpSink(consumer.http(), violations);
    }
  }

  private static final Set<String> CONTENT_MODES = Set.of("binary", "structured");

  private static void checkHttpSink(RuntimeConfig.HttpSink http, List<Violation> violations) {
    if (!isHttpUrl(http.url())) {
      violations.add(
          new Violation(
              "consumer.http.url", "must be an http:// or https:// URL, got '" + http.url() + "'"));
    }
    if (http.timeoutMs() != null && http.timeoutMs() <= 0) {
      violations.add(
          new Violation("consumer.http.timeoutMs", "must be positive, got " + http.timeoutMs()));
    }
    if (http.contentMode() != null && !CONTENT_MODES.contains(http.contentMode())) {
      violations.add(
          new Violation(
              "consumer.http.contentMode",
              "must be binary or structured, got '" + http.contentMode() + "'"));
    }
  }

  private static boolean isHttpUrl(String url) {
    if (blank(url)) {
      return false;
    }
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
