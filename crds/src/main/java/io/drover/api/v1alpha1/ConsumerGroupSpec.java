package io.drover.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Map;

/** What the user asks for. Durations are whole milliseconds, named {@code ...Ms}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value =
        "!has(self.errorHandling) || !has(self.errorHandling.deadLetter)"
            + " || !(self.errorHandling.deadLetter.topic in self.topics)",
    message =
        "errorHandling.deadLetter.topic must not be one of the consumed topics, or dead letters"
            + " would be consumed again")
public class ConsumerGroupSpec {

  /** A Kafka topic name; 1 to 249 of these characters. */
  public static final String TOPIC_NAME = "^[a-zA-Z0-9._-]+$";

  /** A fully qualified Java class name. */
  public static final String CLASS_NAME =
      "^([a-zA-Z_$][a-zA-Z0-9_$]*\\.)*[a-zA-Z_$][a-zA-Z0-9_$]*$";

  /** The most pods one ConsumerGroup may ask for. */
  public static final int MAX_REPLICAS = 1_000;

  @Required
  @Size(min = 1, max = 2048)
  @JsonPropertyDescription(
      "Comma-separated host:port list of Kafka brokers to bootstrap from, for example"
          + " kafka-bootstrap.kafka:9092.")
  public String bootstrapServers;

  @Size(max = 255)
  @Pattern("^[a-zA-Z0-9._-]+$")
  @JsonPropertyDescription(
      "Kafka consumer group id; defaults to the ConsumerGroup's name. Changing it starts from the"
          + " new group's committed offsets.")
  public String groupId;

  @JsonPropertyDescription(
      "TLS to the brokers. Set it (even empty) to connect over TLS; without it the connection is"
          + " plaintext.")
  public KafkaTls tls;

  @JsonPropertyDescription("SASL authentication; the password comes only from a Secret.")
  public SaslAuthentication sasl;

  @Size(max = 64)
  @ValidationRule(value = ForbiddenConfigKeys.RULE, message = ForbiddenConfigKeys.MESSAGE)
  @JsonPropertyDescription(
      "Extra Kafka consumer properties passed through as they are, for example"
          + " max.poll.records. Connection, security, group and deserializer keys are rejected;"
          + " docs/consumergroup.md lists them.")
  public Map<String, String> config;

  @Required
  @Size(min = 1, max = 100)
  @ValidationRule(
      value = "self.all(t, self.exists_one(u, u == t))",
      message = "topics must not repeat a topic")
  @JsonPropertyDescription("Topics to consume, by exact name.")
  public List<@Size(min = 1, max = 249) @Pattern(TOPIC_NAME) String> topics;

  @SpecReplicas
  @Min(0)
  @Max(MAX_REPLICAS)
  @Default("1")
  @JsonPropertyDescription(
      "How many consumer pods to run; more than the topics' partitions leaves some idle. Also"
          + " set by kubectl scale and a HorizontalPodAutoscaler.")
  public Integer replicas;

  @Size(max = 512)
  @JsonPropertyDescription(
      "Container image of the runtime; defaults to the operator's runtime image. Set it to an"
          + " image built FROM it that holds your consumer jar.")
  public String image;

  @Required
  @JsonPropertyDescription("What consumes the messages: exactly one of className, http or log.")
  public ConsumerKind consumer;

  @Min(1)
  @Max(256)
  @JsonPropertyDescription(
      "Batches processed in parallel per pod, each from a different partition; defaults to 5.")
  public Integer concurrency;

  @JsonPropertyDescription("Back-off, dead letters and non-retryable errors.")
  public ErrorHandling errorHandling;

  @Min(1000)
  @Max(3_600_000)
  @JsonPropertyDescription(
      "How long a pod may take to stop gracefully before it exits with code 2; defaults to"
          + " 60000. The pod's terminationGracePeriodSeconds is this plus 15 seconds.")
  public Long shutdownTimeoutMs;

  @JsonPropertyDescription("Overrides for the consumer pods.")
  public PodOverrides pod;

  @JsonPropertyDescription("The Prometheus endpoint of the consumer pods.")
  public Metrics metrics;

  /** The three ways to consume; exactly one is set. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value =
          "(has(self.className) ? 1 : 0) + (has(self.http) ? 1 : 0) + (has(self.log) ? 1 : 0)"
              + " == 1",
      message = "set exactly one of consumer.className, consumer.http or consumer.log")
  public static class ConsumerKind {

    @Size(max = 512)
    @Pattern(CLASS_NAME)
    @JsonPropertyDescription(
        "Fully qualified name of a consumer class in a jar under /opt/drover/plugins of the"
            + " image.")
    public String className;

    @JsonPropertyDescription("POST each message to an HTTP endpoint as a CloudEvent.")
    public HttpSink http;

    @JsonPropertyDescription("Log each message's coordinates (never its payload); for demos.")
    public LogSink log;
  }

  /** The built-in HTTP sink. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class HttpSink {

    @Required
    @Size(max = 2048)
    @Pattern("^https?://.+")
    @JsonPropertyDescription("The endpoint's URL, http:// or https://.")
    public String url;

    @Min(1)
    @Max(600_000)
    @JsonPropertyDescription("Per-request timeout; defaults to 10000. A timeout is retried.")
    public Long timeoutMs;

    /** How events are put in requests (CloudEvents HTTP binding). */
    public enum ContentMode {
      @com.fasterxml.jackson.annotation.JsonProperty("binary")
      BINARY,
      @com.fasterxml.jackson.annotation.JsonProperty("structured")
      STRUCTURED
    }

    @JsonPropertyDescription(
        "binary (the default): attributes as ce-* headers, the value as the body; structured: the"
            + " whole event as application/cloudevents+json.")
    public ContentMode contentMode;
  }

  /**
   * The built-in log consumer; it has no settings, so it is written as {@code log: {}}. The
   * annotation makes Jackson write an empty object for it, and keeps its schema a plain {@code
   * type: object} that CEL rules can name.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class LogSink {}

  /** TLS to the brokers. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class KafkaTls {

    @JsonPropertyDescription(
        "A Secret key holding the PEM certificates that sign the brokers' certificates; without"
            + " it the image's default trust store is used.")
    public SecretKeyRef caCertificates;

    @JsonPropertyDescription(
        "A client certificate and its key from a Secret, for mutual TLS. A Strimzi KafkaUser's"
            + " Secret (user.crt, user.key) works as it is; for a cert-manager Secret set"
            + " certificate: tls.crt and key: tls.key, with privateKey.encoding: PKCS8.")
    public ClientCertificate clientCertificate;
  }

  /** A client certificate for mutual TLS: two keys of one Secret. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ClientCertificate {

    /** The certificate's key in a Strimzi KafkaUser Secret. */
    public static final String STRIMZI_CERTIFICATE = "user.crt";

    /** The private key's key in a Strimzi KafkaUser Secret. */
    public static final String STRIMZI_KEY = "user.key";

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("The Secret's name, in the ConsumerGroup's namespace.")
    public String secretName;

    @Default(STRIMZI_CERTIFICATE)
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("The key holding the PEM certificate chain; user.crt by default.")
    public String certificate;

    @Default(STRIMZI_KEY)
    @Size(min = 1, max = 253)
    @JsonPropertyDescription(
        "The key holding the unencrypted PKCS#8 PEM private key; user.key by default.")
    public String key;
  }

  /** SASL authentication. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SaslAuthentication {

    /** The SASL mechanisms the runtime supports. */
    public enum Mechanism {
      PLAIN,
      @com.fasterxml.jackson.annotation.JsonProperty("SCRAM-SHA-256")
      SCRAM_SHA_256,
      @com.fasterxml.jackson.annotation.JsonProperty("SCRAM-SHA-512")
      SCRAM_SHA_512
    }

    @Required
    @JsonPropertyDescription("PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.")
    public Mechanism mechanism;

    @Required
    @Size(min = 1, max = 256)
    @JsonPropertyDescription("The SASL user name.")
    public String username;

    @Required
    @JsonPropertyDescription(
        "The Secret key holding the password; it reaches the pod as an environment variable"
            + " from the Secret, never through the ConsumerGroup or a ConfigMap.")
    public SecretKeyRef passwordSecret;
  }

  /** A key of a Secret in the ConsumerGroup's namespace. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecretKeyRef {

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("The Secret's name, in the ConsumerGroup's namespace.")
    public String name;

    @Required
    @Size(min = 1, max = 253)
    @JsonPropertyDescription("The key within the Secret.")
    public String key;
  }

  /** Error handling, as the engine's. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value = "self.pauseMaxTimeoutMs >= self.pauseTimeoutMs",
      message = "errorHandling.pauseMaxTimeoutMs must be at least errorHandling.pauseTimeoutMs")
  public static class ErrorHandling {

    @Min(1)
    @Max(86_400_000)
    @Default("1000")
    @JsonPropertyDescription("The first pause of a failing partition before it is retried.")
    public Long pauseTimeoutMs;

    @Min(1)
    @Max(86_400_000)
    @Default("30000")
    @JsonPropertyDescription("The longest pause; exponential back-off stops growing here.")
    public Long pauseMaxTimeoutMs;

    @Default("true")
    @JsonPropertyDescription(
        "Double the pause after each consecutive failure, up to pauseMaxTimeoutMs.")
    public Boolean exponentialBackoff;

    @Min(0)
    @Max(1)
    @JsonPropertyDescription(
        "Random spread of each pause, as a fraction (0.2 means ±20%); defaults to 0.")
    public Double jitter;

    @JsonPropertyDescription(
        "Send messages that keep failing to a dead-letter topic and move on. Without it a"
            + " failing message is retried forever and never skipped.")
    public DeadLetter deadLetter;

    @Size(max = 32)
    @JsonPropertyDescription(
        "Exception classes (and their subclasses) that go to the dead-letter topic on the first"
            + " failure.")
    public List<@Size(max = 512) @Pattern(CLASS_NAME) String> nonRetryableErrors;
  }

  /** The dead-letter policy. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class DeadLetter {

    @Required
    @Size(min = 1, max = 249)
    @Pattern(TOPIC_NAME)
    @JsonPropertyDescription("The dead-letter topic; it must exist.")
    public String topic;

    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("Retries before a message is dead-lettered; defaults to 3.")
    public Integer maxRetries;

    @JsonPropertyDescription(
        "Count retries per message rather than per partition; defaults to false.")
    public Boolean independent;
  }

  /** The Prometheus endpoint. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Metrics {

    @Default("true")
    @JsonPropertyDescription(
        "Create the metrics Service that Prometheus scrapes; /metrics is always served.")
    public Boolean enabled;

    @Min(1024)
    @Max(65535)
    @Default("8080")
    @JsonPropertyDescription("The pods' port for /metrics, /healthz and /readyz; defaults to 8080.")
    public Integer port;
  }
}
