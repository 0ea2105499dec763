package io.drover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.api.v1alpha1.ConsumerGroup;
import io.drover.api.v1alpha1.ConsumerGroupSpec;
import io.drover.api.v1alpha1.PodOverrides;
import io.drover.operator.model.DeploymentModel;
import io.drover.testing.kubernetes.Conflicts;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real operator reconciles ConsumerGroups served by a real API server (admission, defaults,
 * status and scale are real) into core objects on the CRUD mock, through one local front.
 */
class ConsumerGroupReconcilerIT {

  private static final String NAMESPACE = "shop";
  private static final Duration WAIT = Duration.ofSeconds(30);

  private OperatorHarness harness;
  private KubernetesClient client;

  @BeforeEach
  void start() throws Exception {
    harness = OperatorHarness.start();
    client = harness.client();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void createMakesEveryDependentWithOwnerReferencesAndReadyFollowsTheDeployment() throws Exception {
    ConsumerGroup group = create("orders", spec -> spec.replicas = 2);
    String uid = group.getMetadata().getUid();

    await().atMost(WAIT).until(() -> deployment("orders") != null && pdb("orders") != null);
    List<HasMetadata> owned =
        List.of(
            client.configMaps().inNamespace(NAMESPACE).withName("orders-runtime").get(),
            deployment("orders"),
            client.services().inNamespace(NAMESPACE).withName("orders-metrics").get(),
            pdb("orders"),
            client.serviceAccounts().inNamespace(NAMESPACE).withName("orders-runtime").get(),
            client.rbac().roles().inNamespace(NAMESPACE).withName("orders-runtime-events").get(),
            client
                .rbac()
                .roleBindings()
                .inNamespace(NAMESPACE)
                .withName("orders-runtime-events")
                .get());
    assertThat(owned)
        .allSatisfy(
            object -> {
              assertThat(object).isNotNull();
              assertThat(object.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(
                      ref -> {
                        assertThat(ref.getUid()).isEqualTo(uid);
                        assertThat(ref.getKind()).isEqualTo("ConsumerGroup");
                      });
              assertThat(object.getMetadata().getLabels())
                  .containsEntry("app.kubernetes.io/managed-by", "drover-operator")
                  .containsEntry("app.kubernetes.io/instance", "orders");
            });
    await().atMost(WAIT).until(() -> ready("orders") != null);
    assertThat(ready("orders").getStatus()).isEqualTo("Unknown");

    actAsKubelet("orders", 2, 2);

    await().atMost(WAIT).until(() -> "True".equals(ready("orders").getStatus()));
    ConsumerGroup seen = group("orders");
    assertThat(seen.getStatus().readyReplicas).isEqualTo(2);
    assertThat(seen.getStatus().replicas).isEqualTo(2);
    assertThat(seen.getStatus().observedGeneration).isEqualTo(seen.getMetadata().getGeneration());
    assertThat(seen.getStatus().selector)
        .isEqualTo("app.kubernetes.io/name=drover-consumer,app.kubernetes.io/instance=orders");
    assertThat(ready("orders").getReason()).isEqualTo("AllReplicasReady");

    actAsKubelet("orders", 2, 1);
    await().atMost(WAIT).until(() -> "False".equals(ready("orders").getStatus()));
    assertThat(ready("orders").getReason()).isEqualTo("ReplicasUnavailable");

    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").body())
        .contains("operator_sdk_reconciliations_started_total")
        .contains("jvm_memory_used_bytes");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + harness.httpPort() + path))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aSpecChangeRollsThePodsThroughTheConfigHash() {
    create("orders", spec -> {});
    await().atMost(WAIT).until(() -> deployment("orders") != null);
    String before = configHash("orders");

    ConsumerGroup changed =
        Conflicts.edit(
            cg("orders"),
            g -> {
              g.getSpec().errorHandling = new ConsumerGroupSpec.ErrorHandling();
              g.getSpec().errorHandling.pauseTimeoutMs = 250L;
              g.getSpec().errorHandling.pauseMaxTimeoutMs = 5_000L;
              return g;
            });

    await().atMost(WAIT).until(() -> !before.equals(configHash("orders")));
    assertThat(
            client
                .configMaps()
                .inNamespace(NAMESPACE)
                .withName("orders-runtime")
                .get()
                .getData()
                .get("runtime.yaml"))
        .contains("pauseTimeoutMs: 250");
    awaitObserved("orders", changed);
  }

  @Test
  void theScaleSubresourceDrivesTheDeploymentsReplicas() {
    create("orders", spec -> {});
    await().atMost(WAIT).until(() -> deployment("orders") != null);
    assertThat(pdb("orders")).isNull();

    cg("orders").scale(3);

    await().atMost(WAIT).until(() -> deployment("orders").getSpec().getReplicas() == 3);
    await().atMost(WAIT).until(() -> pdb("orders") != null);
  }

  @Test
  void scalingBackToOneRemovesTheBudgetAndDisablingMetricsRemovesTheService() {
    // Found by the end-to-end ScaleIT: the optional dependents could not be found for deletion.
    create("orders", spec -> spec.replicas = 3);
    await().atMost(WAIT).until(() -> pdb("orders") != null);
    await()
        .atMost(WAIT)
        .until(
            () ->
                client.services().inNamespace(NAMESPACE).withName("orders-metrics").get() != null);

    Conflicts.edit(
        cg("orders"),
        g -> {
          g.getSpec().replicas = 1;
          g.getSpec().metrics = new ConsumerGroupSpec.Metrics();
          g.getSpec().metrics.enabled = false;
          return g;
        });

    await().atMost(WAIT).until(() -> deployment("orders").getSpec().getReplicas() == 1);
    await().atMost(WAIT).until(() -> pdb("orders") == null);
    await()
        .atMost(WAIT)
        .until(
            () ->
                client.services().inNamespace(NAMESPACE).withName("orders-metrics").get() == null);
    assertThat(ready("orders").getReason()).isNotEqualTo("ReconcileFailed");
  }

  @Test
  void anInvalidSpecSetsTheConditionWritesOneWarningAndTouchesNoDependent() {
    create("orders", spec -> {});
    await().atMost(WAIT).until(() -> deployment("orders") != null);
    actAsKubelet("orders", 1, 1);
    await().atMost(WAIT).until(() -> "True".equals(ready("orders").getStatus()));
    String deploymentVersion = deployment("orders").getMetadata().getResourceVersion();
    String configVersion = configMap("orders").getMetadata().getResourceVersion();

    Conflicts.edit(
        cg("orders"),
        g -> {
          // Admission accepts this; only the operator knows DROVER_* belongs to the runtime.
          g.getSpec().pod = new PodOverrides();
          g.getSpec().pod.env =
              List.of(new EnvVar("DROVER_CONFIG_FILE", "not-a-real-secret", null));
          return g;
        });
    await().atMost(WAIT).until(() -> "False".equals(ready("orders").getStatus()));
    assertThat(ready("orders").getReason()).isEqualTo("ReservedEnvVar");
    assertThat(ready("orders").getMessage())
        .contains("spec.pod.env sets DROVER_CONFIG_FILE")
        .doesNotContain("not-a-real-secret");

    // Another change that keeps the same problem: reconciled, but no second Event.
    ConsumerGroup again =
        Conflicts.edit(
            cg("orders"),
            g -> {
              g.getSpec().concurrency = 2;
              return g;
            });
    awaitObserved("orders", again);
    assertThat(warnings())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getReason()).isEqualTo("InvalidSpec");
              assertThat(e.getMessage()).doesNotContain("not-a-real-secret");
            });
    assertThat(deployment("orders").getMetadata().getResourceVersion())
        .isEqualTo(deploymentVersion);
    assertThat(configMap("orders").getMetadata().getResourceVersion()).isEqualTo(configVersion);

    Conflicts.edit(
        cg("orders"),
        g -> {
          g.getSpec().pod = null;
          g.getSpec().config = Map.of("max.poll.records", "50");
          return g;
        });
    await()
        .atMost(WAIT)
        .until(
            () -> configMap("orders").getData().get("runtime.yaml").contains("max.poll.records"));
    await().atMost(WAIT).until(() -> !"ReservedEnvVar".equals(ready("orders").getReason()));
  }

  @Test
  void anOperatorRestartedMidReconcileConvergesWithoutDuplicates() throws Exception {
    for (int i = 0; i < 5; i++) {
      create("group-" + i, spec -> spec.replicas = 2);
    }
    await().atMost(WAIT).until(() -> deployment("group-0") != null);
    harness.stopOperator();
    harness.startOperator();

    await()
        .atMost(WAIT)
        .until(
            () ->
                client.apps().deployments().inNamespace(NAMESPACE).list().getItems().size() == 5
                    && client
                            .policy()
                            .v1()
                            .podDisruptionBudget()
                            .inNamespace(NAMESPACE)
                            .list()
                            .getItems()
                            .size()
                        == 5);
    assertThat(client.configMaps().inNamespace(NAMESPACE).list().getItems())
        .filteredOn(c -> c.getMetadata().getName().endsWith("-runtime"))
        .hasSize(5);
    assertThat(client.serviceAccounts().inNamespace(NAMESPACE).list().getItems()).hasSize(5);
    assertThat(client.services().inNamespace(NAMESPACE).list().getItems()).hasSize(5);
  }

  @Test
  void aConflictOnTheStatusWriteIsRetriedUntilStatusFollowsTheSpec() {
    create("orders", spec -> {});
    await().atMost(WAIT).until(() -> deployment("orders") != null);
    actAsKubelet("orders", 1, 1);
    await().atMost(WAIT).until(() -> "True".equals(ready("orders").getStatus()));
    // What a real server answers when another writer got there first.
    IntSupplier conflictsLeft =
        harness
            .front()
            .failNext(
                2,
                "PATCH",
                "/apis/drover.io/v1alpha1/namespaces/"
                    + NAMESPACE
                    + "/consumergroups/orders/status",
                409);

    ConsumerGroup changed =
        Conflicts.edit(
            cg("orders"),
            g -> {
              g.getSpec().replicas = 2;
              return g;
            });

    awaitObserved("orders", changed);
    assertThat(conflictsLeft.getAsInt()).isZero();
    assertThat(deployment("orders").getSpec().getReplicas()).isEqualTo(2);
  }

  private ConsumerGroup create(String name, Consumer<ConsumerGroupSpec> customise) {
    ConsumerGroup group = new ConsumerGroup();
    group.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NAMESPACE).build());
    ConsumerGroupSpec spec = new ConsumerGroupSpec();
    spec.bootstrapServers = "kafka:9092";
    spec.topics = List.of("orders");
    spec.consumer = new ConsumerGroupSpec.ConsumerKind();
    spec.consumer.http = new ConsumerGroupSpec.HttpSink();
    spec.consumer.http.url = "http://sink.shop:8080/events";
    customise.accept(spec);
    group.setSpec(spec);
    return client.resource(group).create();
  }

  /** Waits until the operator's status describes {@code edited}'s generation. */
  private void awaitObserved(String name, ConsumerGroup edited) {
    Long generation = edited.getMetadata().getGeneration();
    await().atMost(WAIT).until(() -> generation.equals(group(name).getStatus().observedGeneration));
  }

  private Resource<ConsumerGroup> cg(String name) {
    return client.resources(ConsumerGroup.class).inNamespace(NAMESPACE).withName(name);
  }

  private ConsumerGroup group(String name) {
    return cg(name).get();
  }

  private Condition ready(String name) {
    ConsumerGroup group = group(name);
    if (group.getStatus() == null) {
      return null;
    }
    return group.getStatus().conditions.stream()
        .filter(c -> c.getType().equals("Ready"))
        .findFirst()
        .orElse(null);
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  private ConfigMap configMap(String name) {
    return client.configMaps().inNamespace(NAMESPACE).withName(name + "-runtime").get();
  }

  private PodDisruptionBudget pdb(String name) {
    return client.policy().v1().podDisruptionBudget().inNamespace(NAMESPACE).withName(name).get();
  }

  private String configHash(String name) {
    return deployment(name)
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(DeploymentModel.CONFIG_HASH);
  }

  private List<Event> warnings() {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> "Warning".equals(e.getType()))
        .toList();
  }

  /** Writes the Deployment's status as the kubelet and the deployment controller would. */
  private void actAsKubelet(String name, int replicas, int ready) {
    Deployment deployment = deployment(name);
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .build());
    client.resource(deployment).updateStatus();
  }
}
