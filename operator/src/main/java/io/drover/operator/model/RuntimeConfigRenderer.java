package io.drover.operator.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the runtime configuration file (docs/runtime-config.md, {@code
 * runtime.drover.io/v1alpha1}) from a ConsumerGroup. It holds no credential: the SASL password is
 * named by the variable it arrives in, the CA certificates by the file they are mounted as.
 *
 * <p>The operator and the runtime share no code; a contract test in e2e-tests feeds what this
 * renders to the runtime's loader.
 */
public final class RuntimeConfigRenderer {

  /** The format this renders. */
  public static final String API_VERSION = "runtime.drover.io/v1alpha1";

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private RuntimeConfigRenderer() {}

  /**
   * The rendered file and its hash.
   *
   * @param yaml the file's text
   * @param hash the SHA-256 of the text, in hex; a change rolls the pods
   */
  public record Rendered(String yaml, String hash) {}

  /** Renders the file for a valid ConsumerGroup. */
  public static Rendered render(ConsumerGroup group) {
    ConsumerGroupSpec spec = group.getSpec();
    Map<String, Object> file = new LinkedHashMap<>();
    file.put("apiVersion", API_VERSION);
    file.put("kind", "RuntimeConfig");
    file.put("kafka", kafka(group));
    file.put("topics", spec.topics);
    file.put("consumer", consumer(spec.consumer));
    putIfSet(file, "concurrency", spec.concurrency);
    if (spec.errorHandling != null) {
      file.put("errorHandling", errorHandling(spec.errorHandling));
    }
    putIfSet(file, "shutdownTimeoutMs", spec.shutdownTimeoutMs);
    file.put("http", Map.of("port", Specs.port(spec)));
    try {
      String yaml = YAML.writeValueAsString(file);
      return new Rendered(yaml, sha256(yaml));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the runtime configuration", e);
    }
  }

  private static Map<String, Object> kafka(ConsumerGroup group) {
    ConsumerGroupSpec spec = group.getSpec();
    Map<String, Object> kafka = new LinkedHashMap<>();
    kafka.put("bootstrapServers", spec.bootstrapServers);
    kafka.put("groupId", Specs.groupId(group));
    if (spec.config != null && !spec.config.isEmpty()) {
      kafka.put("config", spec.config);
    }
    Map<String, Object> security = new LinkedHashMap<>();
    if (spec.tls != null) {
      Map<String, Object> tls = new LinkedHashMap<>();
      if (spec.tls.caCertificates != null) {
        tls.put("caFile", PodLayout.TLS_DIR + "/" + PodLayout.CA_FILE);
      }
      if (spec.tls.clientCertificate != null) {
        tls.put(
            "certificateFile",
            PodLayout.CLIENT_CERTIFICATE_DIR + "/" + PodLayout.CLIENT_CERTIFICATE_FILE);
        tls.put("keyFile", PodLayout.CLIENT_CERTIFICATE_DIR + "/" + PodLayout.CLIENT_KEY_FILE);
      }
      security.put("tls", tls);
    }
    if (spec.sasl != null) {
      Map<String, Object> sasl = new LinkedHashMap<>();
      sasl.put("mechanism", Specs.mechanism(spec.sasl.mechanism));
      sasl.put("username", spec.sasl.username);
      sasl.put("passwordEnv", PodLayout.SASL_PASSWORD_ENV);
      security.put("sasl", sasl);
    }
    if (!security.isEmpty()) {
      kafka.put("security", security);
    }
    return kafka;
  }

  private static Map<String, Object> consumer(ConsumerGroupSpec.ConsumerKind consumer) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (consumer.className != null) {
      out.put("type", "class");
      out.put("className", consumer.className);
    } else if (consumer.http != null) {
      out.put("type", "http");
      Map<String, Object> http = new LinkedHashMap<>();
      http.put("url", consumer.http.url);
      putIfSet(http, "timeoutMs", consumer.http.timeoutMs);
      if (consumer.http.contentMode != null) {
        http.put(
            "contentMode",
            consumer.http.contentMode == ConsumerGroupSpec.HttpSink.ContentMode.STRUCTURED
                ? "structured"
                : "binary");
      }
      out.put("http", http);
    } else {
      out.put("type", "log");
    }
    return out;
  }

  private static Map<String, Object> errorHandling(ConsumerGroupSpec.ErrorHandling errors) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIfSet(out, "pauseTimeoutMs", errors.pauseTimeoutMs);
    putIfSet(out, "pauseMaxTimeoutMs", errors.pauseMaxTimeoutMs);
    putIfSet(out, "exponentialBackoff", errors.exponentialBackoff);
    putIfSet(out, "jitter", errors.jitter);
    if (errors.deadLetter != null) {
      Map<String, Object> deadLetter = new LinkedHashMap<>();
      deadLetter.put("topic", errors.deadLetter.topic);
      putIfSet(deadLetter, "maxRetries", errors.deadLetter.maxRetries);
      putIfSet(deadLetter, "independent", errors.deadLetter.independent);
      out.put("deadLetter", deadLetter);
    }
    if (errors.nonRetryableErrors != null && !errors.nonRetryableErrors.isEmpty()) {
      out.put("nonRetryableErrors", errors.nonRetryableErrors);
    }
    return out;
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
