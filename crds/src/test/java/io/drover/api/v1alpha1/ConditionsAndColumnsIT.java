package io.drover.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On a real API server: {@code status.conditions} is checked as Kubernetes checks {@code
 * metav1.Condition} (one entry per type, required fields, enum, date-time), and {@code kubectl get}
 * (the server's Table) shows the columns in their declared order, Age last, topics as text.
 */
class ConditionsAndColumnsIT {

  private static final String NAMESPACE = "conditions";

  @Test
  void aWellFormedReadyConditionIsStored() {
    ConsumerGroup group = create("well-formed");

    write(group, ready("True", "AllReplicasReady", "2026-11-30T10:00:00Z"));

    assertThat(read("well-formed").getStatus().conditions)
        .singleElement()
        .extracting(Condition::getReason)
        .isEqualTo("AllReplicasReady");
  }

  @Test
  void twoConditionsOfOneTypeAreRefusedAsADuplicateKey() {
    ConsumerGroup group = create("duplicate");

    assertRefused(
        group,
        "Duplicate value",
        ready("True", "AllReplicasReady", "2026-11-30T10:00:00Z"),
        ready("False", "ReplicasUnavailable", "2026-11-30T10:00:00Z"));
  }

  @Test
  void aConditionWithoutReasonOrMessageIsRefused() {
    ConsumerGroup group = create("no-reason");
    Condition bare =
        new ConditionBuilder()
            .withType("Ready")
            .withStatus("True")
            .withLastTransitionTime("2026-11-30T10:00:00Z")
            .build();

    assertRefused(group, "status.conditions[0].reason: Required value", bare);
    assertRefused(group, "status.conditions[0].message: Required value", bare);
  }

  @Test
  void aStatusOtherThanTrueFalseOrUnknownIsRefused() {
    assertRefused(
        create("maybe"),
        "Unsupported value: \"Maybe\"",
        ready("Maybe", "Why", "2026-11-30T10:00:00Z"));
  }

  @Test
  void aLastTransitionTimeThatIsNotADateTimeIsRefused() {
    assertRefused(
        create("yesterday"),
        "lastTransitionTime",
        ready("True", "AllReplicasReady", "yesterday at noon"));
  }

  @Test
  void kubectlGetShowsReadinessReasonReplicasTopicsAndAgeLast() throws Exception {
    ConsumerGroup group = create("columns");
    group.getStatus().readyReplicas = 1;
    group.getStatus().topics = "orders,refunds";
    write(group, ready("True", "AllReplicasReady", "2026-11-30T10:00:00Z"));

    JsonNode table = table();

    List<String> columns = new ArrayList<>();
    table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
    assertThat(columns)
        .containsExactly("Name", "Ready", "Reason", "Replicas", "Ready Replicas", "Topics", "Age");
    JsonNode row = null;
    for (JsonNode candidate : table.path("rows")) {
      if (candidate.path("cells").path(0).asText().equals("columns")) {
        row = candidate.path("cells");
      }
    }
    assertThat(row).isNotNull();
    assertThat(row.path(1).asText()).isEqualTo("True");
    assertThat(row.path(2).asText()).isEqualTo("AllReplicasReady");
    assertThat(row.path(3).asInt()).isEqualTo(1);
    assertThat(row.path(4).asInt()).isEqualTo(1);
    assertThat(row.path(5).asText()).isEqualTo("orders,refunds");
  }

  /** What kubectl asks for: the server renders the CRD's printer columns as a Table. */
  private static JsonNode table() throws Exception {
    KubernetesClient client = RealServer.client();
    HttpClient http = client.getHttpClient();
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(
                client.getMasterUrl()
                    + "apis/drover.io/v1alpha1/namespaces/"
                    + NAMESPACE
                    + "/consumergroups")
            .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
            .build();
    HttpResponse<String> response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
    assertThat(response.code()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static Condition ready(String status, String reason, String lastTransitionTime) {
    return new ConditionBuilder()
        .withType(ConsumerGroupStatus.READY)
        .withStatus(status)
        .withReason(reason)
        .withMessage("a message")
        .withLastTransitionTime(lastTransitionTime)
        .withObservedGeneration(1L)
        .build();
  }

  private static void write(ConsumerGroup group, Condition... conditions) {
    group.getStatus().conditions = new ArrayList<>(List.of(conditions));
    RealServer.client().resource(group).updateStatus();
  }

  private static void assertRefused(ConsumerGroup group, String why, Condition... conditions) {
    assertThatThrownBy(() -> write(group, conditions))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining(why);
  }

  private static ConsumerGroup read(String name) {
    return RealServer.client()
        .resources(ConsumerGroup.class)
        .inNamespace(NAMESPACE)
        .withName(name)
        .get();
  }

  private static ConsumerGroup create(String name) {
    ConsumerGroup group = new ConsumerGroup();
    group.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    ConsumerGroupSpec spec = new ConsumerGroupSpec();
    spec.bootstrapServers = "kafka:9092";
    spec.topics = List.of("orders", "refunds");
    spec.consumer = new ConsumerGroupSpec.ConsumerKind();
    spec.consumer.log = new ConsumerGroupSpec.LogSink();
    group.setSpec(spec);
    ConsumerGroup created = RealServer.client().resource(group).create();
    created.setStatus(new ConsumerGroupStatus());
    return created;
  }
}
