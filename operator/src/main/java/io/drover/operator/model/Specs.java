package io.drover.operator.model;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupSpec;

/** The defaults of a ConsumerGroup's optional fields, in one place. */
public final class Specs {

  /** The pods' grace beyond the shutdown timeout, for the JVM to exit after the drain. */
  public static final long GRACE_MARGIN_SECONDS = 15;

  /** The runtime's shutdown timeout when the spec sets none. */
  public static final long DEFAULT_SHUTDOWN_TIMEOUT_MS = 60_000;

  private Specs() {}

  /** The Kafka group id: the spec's, or the ConsumerGroup's name. */
  public static String groupId(ConsumerGroup group) {
    String groupId = group.getSpec().groupId;
    return groupId == null || groupId.isBlank() ? group.getMetadata().getName() : groupId;
  }

  /** The desired pod count. */
  public static int replicas(ConsumerGroupSpec spec) {
    return spec.replicas == null ? 1 : spec.replicas;
  }

  /** The pods' HTTP port. */
  public static int port(ConsumerGroupSpec spec) {
    return spec.metrics == null || spec.metrics.port == null
        ? PodLayout.DEFAULT_PORT
        : spec.metrics.port;
  }

  /** Whether the metrics Service exists. */
  public static boolean metricsEnabled(ConsumerGroupSpec spec) {
    return spec.metrics == null || !Boolean.FALSE.equals(spec.metrics.enabled);
  }

  /** Whether the operator makes the pods' ServiceAccount, rather than the user. */
  public static boolean ownServiceAccount(ConsumerGroupSpec spec) {
    return spec.pod == null || spec.pod.serviceAccountName == null;
  }

  /** {@code terminationGracePeriodSeconds}: the shutdown timeout, rounded up, plus a margin. */
  public static long terminationGracePeriodSeconds(ConsumerGroupSpec spec) {
    long timeoutMs =
        spec.shutdownTimeoutMs == null ? DEFAULT_SHUTDOWN_TIMEOUT_MS : spec.shutdownTimeoutMs;
    return (timeoutMs + 999) / 1000 + GRACE_MARGIN_SECONDS;
  }

  /** The SASL mechanism as Kafka names it. */
  public static String mechanism(ConsumerGroupSpec.SaslAuthentication.Mechanism mechanism) {
    return switch (mechanism) {
      case PLAIN -> "PLAIN";
      case SCRAM_SHA_256 -> "SCRAM-SHA-256";
      case SCRAM_SHA_512 -> "SCRAM-SHA-512";
    };
  }

  /** The Secret key of the client certificate chain; Strimzi's {@code user.crt} when unset. */
  public static String clientCertificateKey(ConsumerGroupSpec.ClientCertificate client) {
    return client.certificate == null
        ? ConsumerGroupSpec.ClientCertificate.STRIMZI_CERTIFICATE
        : client.certificate;
  }

  /** The Secret key of the client certificate's private key; Strimzi's {@code user.key}. */
  public static String clientPrivateKeyKey(ConsumerGroupSpec.ClientCertificate client) {
    return client.key == null ? ConsumerGroupSpec.ClientCertificate.STRIMZI_KEY : client.key;
  }
}
