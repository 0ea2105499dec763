package io.drover.operator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.api.v1alpha1.ConsumerGroup;
import org.junit.jupiter.api.Test;

class RuntimeConfigRendererTest {

  @Test
  void rendersTheVersionedFormatWithTheGroupIdDefaultingToTheName() {
    String yaml = RuntimeConfigRenderer.render(Groups.httpSink()).yaml();
    assertThat(yaml)
        .startsWith("apiVersion: runtime.drover.io/v1alpha1\nkind: RuntimeConfig\n")
        .contains("groupId: orders")
        .contains("type: http")
        .contains("url: http://sink:8080/events")
        .contains("port: 8080");
  }

  @Test
  void holdsNoCredentialOnlyWhereTheyArrive() {
    ConsumerGroup group = Groups.withSasl();
    String yaml = RuntimeConfigRenderer.render(group).yaml();
    assertThat(yaml)
        .contains("passwordEnv: " + PodLayout.SASL_PASSWORD_ENV)
        .contains("caFile: /etc/drover/tls/ca.crt")
        .contains("mechanism: SCRAM-SHA-512")
        .doesNotContain("orders-kafka")
        .doesNotContain("passwordFile");
  }

  @Test
  void aClientCertificateArrivesAsFilesTheConfigNamesByPathOnly() {
    String yaml = RuntimeConfigRenderer.render(Groups.withClientCertificate()).yaml();
    assertThat(yaml)
        .contains("certificateFile: /etc/drover/kafka-client/user.crt")
        .contains("keyFile: /etc/drover/kafka-client/user.key")
        .doesNotContain("orders-user")
        .doesNotContain("caFile");
  }
}
