package io.drover.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real API server refuses every ConsumerGroup that breaks a rule of the CRD, naming the field and
 * the rule's message; the valid spec every case starts from is admitted.
 */
class AdmissionIT {

  private static final String NAMESPACE = "admission";
  private static final AtomicInteger NAMES = new AtomicInteger();

  static Stream<AdmissionCase> cases() {
    return AdmissionCase.all().stream();
  }

  @Test
  void theSpecEveryCaseStartsFromIsAdmitted() throws Exception {
    GenericKubernetesResource created = create(validSpec());

    assertThat(created.getMetadata().getUid()).isNotBlank();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void admissionRefusesIt(AdmissionCase row) throws Exception {
    ObjectNode spec = row.applyTo(validSpec());

    assertThatThrownBy(() -> create(spec))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).as(e.getMessage()).isEqualTo(row.code());
              if (row.code() != 422) {
                assertThat(e.getStatus().getMessage()).contains(row.field(), row.message());
                return;
              }
              List<StatusCause> causes = e.getStatus().getDetails().getCauses();
              assertThat(causes)
                  .as("causes of %s", e.getMessage())
                  .anySatisfy(
                      cause -> {
                        assertThat(cause.getField()).isEqualTo(row.field());
                        assertThat(cause.getMessage()).contains(row.message());
                      });
            });
  }

  private static GenericKubernetesResource create(JsonNode spec) {
    KubernetesClient client = RealServer.client();
    GenericKubernetesResource resource = new GenericKubernetesResource();
    resource.setApiVersion(ConsumerGroup.GROUP + "/" + ConsumerGroup.VERSION);
    resource.setKind("ConsumerGroup");
    resource.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName("case-" + NAMES.incrementAndGet())
            .withNamespace(NAMESPACE)
            .build());
    resource.setAdditionalProperty(
        "spec", client.getKubernetesSerialization().convertValue(spec, Map.class));
    // kubectl validates strictly by default: an unknown field is refused, not dropped.
    return client.resource(resource).fieldValidation(Validation.STRICT).create();
  }

  private static ObjectNode validSpec() throws Exception {
    JsonNode example =
        CrdSchema.yaml(Path.of(System.getProperty("examples.dir"), "consumergroup-minimal.yaml"));
    return (ObjectNode) example.path("spec").deepCopy();
  }
}
