package io.drover.operator.model;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** ConsumerGroups for model tests, as the API server would hand them over. */
final class Groups {

  private Groups() {}

  static ConsumerGroup httpSink() {
    ConsumerGroup group = new ConsumerGroup();
    group.setMetadata(
        new ObjectMetaBuilder()
            .withName("orders")
            .withNamespace("shop")
            .withUid("uid-1")
            .withGeneration(1L)
            .build());
    ConsumerGroupSpec spec = new ConsumerGroupSpec();
    spec.bootstrapServers = "kafka:9092";
    spec.topics = List.of("orders");
    spec.consumer = new ConsumerGroupSpec.ConsumerKind();
    spec.consumer.http = new ConsumerGroupSpec.HttpSink();
    spec.consumer.http.url = "http://sink:8080/events";
    group.setSpec(spec);
    return group;
  }

  static ConsumerGroup withSasl() {
    ConsumerGroup group = httpSink();
    ConsumerGroupSpec.SaslAuthentication sasl = new ConsumerGroupSpec.SaslAuthentication();
    sasl.mechanism = ConsumerGroupSpec.SaslAuthentication.Mechanism.SCRAM_SHA_512;
    sasl.username = "orders";
    sasl.passwordSecret = new ConsumerGroupSpec.SecretKeyRef();
    sasl.passwordSecret.name = "orders-kafka";
    sasl.passwordSecret.key = "password";
    group.getSpec().sasl = sasl;
    group.getSpec().tls = new ConsumerGroupSpec.KafkaTls();
    group.getSpec().tls.caCertificates = new ConsumerGroupSpec.SecretKeyRef();
    group.getSpec().tls.caCertificates.name = "kafka-ca";
    group.getSpec().tls.caCertificates.key = "ca.pem";
    return group;
  }

  /** Mutual TLS with a Strimzi KafkaUser Secret, its keys left to their defaults. */
  static ConsumerGroup withClientCertificate() {
    ConsumerGroup group = httpSink();
    group.getSpec().tls = new ConsumerGroupSpec.KafkaTls();
    group.getSpec().tls.clientCertificate = new ConsumerGroupSpec.ClientCertificate();
    group.getSpec().tls.clientCertificate.secretName = "orders-user";
    return group;
  }
}
