package io.drover.testing.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Through the front, custom resources reach the real server (admission and defaulting happen), core
 * objects reach the mock, discovery lists both, watches stream, and an injected fault is answered
 * instead of forwarded.
 */
class LocalKubernetesIT {

  private static final ResourceDefinitionContext WIDGETS =
      new ResourceDefinitionContext.Builder()
          .withGroup("example.io")
          .withVersion("v1")
          .withKind("Widget")
          .withPlural("widgets")
          .withNamespaced(true)
          .build();

  private static LocalKubernetes api;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    api =
        LocalKubernetes.start(
            LocalKubernetesIT.class.getResourceAsStream("/widgets.example.io.yaml"));
    client = api.client();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void customResourcesGetRealAdmissionAndDefaults() {
    GenericKubernetesResource created =
        client
            .genericKubernetesResources(WIDGETS)
            .inNamespace("a")
            .resource(widget("w1", null))
            .create();

    assertThat(created.getAdditionalProperties().get("spec")).isEqualTo(Map.of("size", 3));
    assertThatThrownBy(
            () ->
                client
                    .genericKubernetesResources(WIDGETS)
                    .inNamespace("a")
                    .resource(widget("w2", 0))
                    .create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422));
  }

  @Test
  void coreObjectsLiveInTheMockNotTheRealServer() {
    client
        .configMaps()
        .inNamespace("b")
        .resource(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build())
        .create();

    assertThat(client.configMaps().inNamespace("b").withName("c").get()).isNotNull();
    try (KubernetesClient real = api.real().client()) {
      // The real server serves no core API: it answers 404, which the client reads as absent.
      assertThat(real.configMaps().inNamespace("b").withName("c").get()).isNull();
    }
  }

  @Test
  void discoveryListsTheBuiltInGroupsAndTheRealServersGroups() {
    List<String> groups =
        client.getApiGroups().getGroups().stream().map(APIGroup::getName).toList();
    List<String> widgetNames =
        client.getApiResources("example.io/v1").getResources().stream()
            .map(APIResource::getName)
            .toList();
    List<String> core =
        client.getApiResources("v1").getResources().stream().map(APIResource::getName).toList();

    assertThat(groups).contains("apps", "policy", "apiextensions.k8s.io", "example.io");
    assertThat(widgetNames).contains("widgets");
    assertThat(core).contains("configmaps", "events", "secrets");
  }

  @Test
  void watchesOfCustomResourcesStreamThroughTheFront() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (Watch watch =
        client
            .genericKubernetesResources(WIDGETS)
            .inNamespace("c")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, GenericKubernetesResource resource) {
                    seen.add(action + " " + resource.getMetadata().getName());
                  }

                  @Override
                  public void onClose(WatcherException cause) {
                    seen.add("closed " + cause);
                  }
                })) {
      client
          .genericKubernetesResources(WIDGETS)
          .inNamespace("c")
          .resource(widget("w3", 5))
          .create();

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(seen).contains("ADDED w3"));
    }
  }

  @Test
  void anInjectedFaultIsAnsweredInsteadOfForwarded() {
    var left = api.front().failNext(1, "GET", "/apis/example.io/v1/namespaces/d/widgets/w4", 409);

    assertThatThrownBy(
            () -> client.genericKubernetesResources(WIDGETS).inNamespace("d").withName("w4").get())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(left.getAsInt()).isZero();
    assertThat(client.genericKubernetesResources(WIDGETS).inNamespace("d").withName("w4").get())
        .isNull();
  }

  private static GenericKubernetesResource widget(String name, Integer size) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("example.io/v1")
        .withKind("Widget")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", size == null ? Map.of() : Map.of("size", size)))
        .build();
  }
}
