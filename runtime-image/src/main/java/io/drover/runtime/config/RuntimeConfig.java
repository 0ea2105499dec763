package io.drover.runtime.config;

import java.util.List;
import java.util.Map;

/**
 * The runtime configuration file, as documented in {@code docs/runtime-config.md}. Every field is
 * nullable here: the contract reports what is missing, and defaults are applied when the engine
 * configuration is built. Durations are integers in milliseconds, with {@code Ms} in the name.
 *
 * @param apiVersion the format version; must be {@link #API_VERSION}
 * @param kind must be {@link #KIND}
 * @param kafka the connection and group
 * @param topics the topics to consume
 * @param consumer what consumes the messages
 * @param concurrency the worker pool size
 * @param errorHandling back-off and dead letters
 * @param shutdownTimeoutMs how long a graceful stop may take
 * @param http the health and metrics endpoint
 */
public record RuntimeConfig(
    String apiVersion,
    String kind,
    Kafka kafka,
    List<String> topics,
    Consumer consumer,
    Integer concurrency,
    ErrorHandling errorHandling,
    Long shutdownTimeoutMs,
    Http http) {

  /** The only format version this runtime reads. */
  public static final String API_VERSION = "runtime.drover.io/v1alpha1";

  /** The kind of document. */
  public static final String KIND = "RuntimeConfig";

  /**
   * The Kafka connection.
   *
   * @param bootstrapServers the bootstrap servers
   * @param groupId the consumer group
   * @param groupInstanceId a static membership id, or null
   * @param groupProtocol {@code classic} (default) or {@code consumer}
   * @param config further client properties, passed through
   * @param security TLS and SASL, or null for PLAINTEXT
   */
  public record Kafka(
      String bootstrapServers,
      String groupId,
      String groupInstanceId,
      String groupProtocol,
      Map<String, String> config,
      Security security) {}

  /**
   * How to reach a secured cluster. Secrets are never in this file: only the names of files or
   * environment variables that hold them.
   *
   * @param tls TLS settings, or null
   * @param sasl SASL settings, or null
   */
  public record Security(Tls tls, Sasl sasl) {}

  /**
   * TLS, and with a client certificate, mutual TLS.
   *
   * @param caFile a PEM file of trusted certificates, or null for the JVM's default CAs
   * @param certificateFile a PEM file of the client's certificate chain, or null for no client
   *     certificate
   * @param keyFile a PEM file of the client certificate's unencrypted PKCS#8 private key
   */
  public record Tls(String caFile, String certificateFile, String keyFile) {}

  /**
   * SASL.
   *
   * @param mechanism {@code PLAIN}, {@code SCRAM-SHA-256} or {@code SCRAM-SHA-512}
   * @param username the user name
   * @param passwordFile a file holding the password, or null
   * @param passwordEnv an environment variable holding the password, or null
   */
  public record Sasl(String mechanism, String username, String passwordFile, String passwordEnv) {}

  /**
   * What consumes: exactly one kind.
   *
   * @param type {@code class}, {@code http} or {@code log}
   * @param className for {@code class}: a {@code BaseConsumer} subclass in the plugin directory
   * @param http for {@code http}: the sink
   */
  public record Consumer(String type, String className, HttpSink http) {}

  /**
   * The built-in HTTP sink.
   *
   * @param url where each message is POSTed
   * @param timeoutMs the per-request timeout
   * @param contentMode {@code binary} (the default) or {@code structured}
   */
  public record HttpSink(String url, Long timeoutMs, String contentMode) {}

  /**
   * Back-off and dead letters; see the engine documentation.
   *
   * @param pauseTimeoutMs the first pause
   * @param pauseMaxTimeoutMs the longest pause
   * @param exponentialBackoff whether pauses double
   * @param jitter the random extra, 0 to 1
   * @param deadLetter the dead-letter policy, or null
   * @param nonRetryableErrors exception classes that go straight to the dead-letter topic
   */
  public record ErrorHandling(
      Long pauseTimeoutMs,
      Long pauseMaxTimeoutMs,
      Boolean exponentialBackoff,
      Double jitter,
      DeadLetter deadLetter,
      List<String> nonRetryableErrors) {}

  /**
   * The dead-letter policy.
   *
   * @param topic the dead-letter topic
   * @param maxRetries retries before a message is dead-lettered
   * @param independent whether each message is counted on its own
   */
  public record DeadLetter(String topic, Integer maxRetries, Boolean independent) {}

  /**
   * The HTTP endpoint for {@code /healthz}, {@code /readyz} and {@code /metrics}.
   *
   * @param port the port
   */
  public record Http(Integer port) {}
}
