package io.drover.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.LintResult;
import io.drover.operator.reconciler.ConsumerGroupReconciler;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chart, linted and rendered by real Helm: strict lint with every values file; least-privilege
 * RBAC derived from the operator's own dependents; the restricted Pod Security Standard;
 * configurable images; standard labels; optional monitoring; and a schema that rejects typos.
 */
class HelmChartTest {

  private static final Set<String> FULL_CONTROL =
      Set.of("get", "list", "watch", "create", "update", "patch", "delete");

  @Test
  void lintsStrictlyWithTheDefaultValues() {
    LintResult result = Chart.lint();
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  static Stream<Path> ciValues() throws IOException {
    return Files.list(Chart.DIRECTORY.resolve("ci")).sorted();
  }

  @ParameterizedTest
  @MethodSource("ciValues")
  void lintsStrictlyWithEachCiValuesFile(Path values, @TempDir Path scratch) throws IOException {
    LintResult result = Chart.lint(values, scratch);
    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    assertThat(Chart.render(values)).isNotEmpty();
  }

  @Test
  void watchingAllNamespacesGrantsOneClusterRoleWithExactlyWhatTheOperatorUses() {
    List<HasMetadata> objects = Chart.render("{}");

    ClusterRole role = only(objects, ClusterRole.class);
    assertThat(grants(role.getRules())).isEqualTo(operatorNeeds());
    assertThat(kinds(objects)).contains("ClusterRoleBinding");
    // The only namespaced binding is leader election's, in the release namespace.
    assertThat(objects)
        .filteredOn(RoleBinding.class::isInstance)
        .extracting(o -> o.getMetadata().getNamespace())
        .containsExactly(Chart.NAMESPACE);
  }

  @Test
  void watchingAListGrantsARolePerNamespaceAndNothingClusterWide() {
    List<HasMetadata> objects = Chart.render("watchNamespaces: [team-a, team-b]");

    assertThat(kinds(objects)).doesNotContain("ClusterRole", "ClusterRoleBinding");
    for (String namespace : List.of("team-a", "team-b")) {
      Role role = inNamespace(objects, Role.class, namespace);
      assertThat(grants(role.getRules())).isEqualTo(operatorNeeds());
      RoleBinding binding = inNamespace(objects, RoleBinding.class, namespace);
      assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
      assertThat(binding.getSubjects())
          .singleElement()
          .satisfies(s -> assertThat(s.getNamespace()).isEqualTo(Chart.NAMESPACE));
    }
    assertThat(env(operator(objects))).containsEntry("DROVER_WATCH_NAMESPACES", "team-a,team-b");
  }

  @Test
  void leaderElectionGetsALeaseRoleInTheReleaseNamespaceOnly() {
    Role lease = inNamespace(Chart.render("{}"), Role.class, Chart.NAMESPACE);
    assertThat(grants(lease.getRules()))
        .isEqualTo(Map.of("coordination.k8s.io/leases", Set.of("get", "create", "update")));

    List<HasMetadata> without = Chart.render("leaderElection: {enabled: false}");
    assertThat(without).noneMatch(o -> o instanceof Role);
    assertThat(env(operator(without))).containsEntry("DROVER_LEADER_ELECTION", "false");
  }

  @Test
  void noRuleUsesWildcardsOrReadsSecretsInBulk() {
    Stream.of(Chart.render("{}"), Chart.render("watchNamespaces: [team-a]"))
        .flatMap(List::stream)
        .flatMap(HelmChartTest::rules)
        .forEach(
            rule -> {
              assertThat(rule.getVerbs()).doesNotContain("*");
              assertThat(rule.getResources()).doesNotContain("*");
              assertThat(rule.getApiGroups()).doesNotContain("*");
              if (rule.getResources().contains("secrets")) {
                assertThat(rule.getVerbs()).containsExactly("get");
              }
            });
  }

  @Test
  void theOperatorPodMeetsTheRestrictedPodSecurityStandard() {
    Deployment deployment = only(Chart.render("{}"), Deployment.class);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getHostPath()).isNull());
    Container container = pod.getContainers().get(0);
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getResources().getLimits()).containsKey("memory");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
  }

  @Test
  void bothImagesTheJvmOptionsAndTheServiceAccountComeFromValues() {
    Deployment deployment =
        only(
            Chart.render(Chart.DIRECTORY.resolve("ci/custom-images-values.yaml")),
            Deployment.class);
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(container.getImage()).isEqualTo("registry.example.com/drover/operator:1.2.3");
    assertThat(container.getImagePullPolicy()).isEqualTo("Always");
    assertThat(env(deployment))
        .containsEntry("DROVER_RUNTIME_IMAGE", "registry.example.com/drover/runtime:1.2.3")
        .containsEntry("JAVA_OPTS", "-XX:MaxRAMPercentage=60");
    assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets())
        .singleElement()
        .satisfies(s -> assertThat(s.getName()).isEqualTo("registry-credentials"));
    assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo("drover");
  }

  @Test
  void imageTagsDefaultToTheChartsAppVersion() throws IOException {
    String appVersion =
        Files.readAllLines(Chart.DIRECTORY.resolve("Chart.yaml")).stream()
            .filter(line -> line.startsWith("appVersion:"))
            .map(line -> line.substring("appVersion:".length()).strip().replace("\"", ""))
            .findFirst()
            .orElseThrow();
    Deployment deployment = only(Chart.render("{}"), Deployment.class);

    assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
        .isEqualTo("ghcr.io/drover-io/drover-operator:" + appVersion);
    assertThat(env(deployment))
        .containsEntry("DROVER_RUNTIME_IMAGE", "ghcr.io/drover-io/drover-runtime:" + appVersion);
  }

  @Test
  void everyObjectCarriesTheStandardLabels() {
    Stream.of(
            Chart.render("{}"),
            Chart.render(Chart.DIRECTORY.resolve("ci/monitoring-values.yaml")),
            Chart.render(Chart.DIRECTORY.resolve("ci/watch-namespaces-values.yaml")))
        .flatMap(List::stream)
        .forEach(
            object ->
                assertThat(object.getMetadata().getLabels())
                    .as(object.getKind() + " " + object.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/name", "drover")
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsEntry("app.kubernetes.io/part-of", "drover")
                    .containsKeys("app.kubernetes.io/version", "helm.sh/chart"));
  }

  @Test
  void monitoringObjectsAreAbsentByDefault() {
    assertThat(kinds(Chart.render("{}")))
        .doesNotContain("ServiceMonitor", "PodMonitor", "PrometheusRule", "ConfigMap");
  }

  @Test
  void monitorsNeedTheirValueAndTheMonitoringApiWhileDashboardsNeedOnlyTheirValue() {
    // `helm template` knows only the built-in APIs, so monitoring.coreos.com/v1 is missing here,
    // as on a cluster without the Prometheus operator.
    List<HasMetadata> objects = Chart.render(Chart.DIRECTORY.resolve("ci/monitoring-values.yaml"));

    assertThat(kinds(objects)).doesNotContain("ServiceMonitor", "PodMonitor", "PrometheusRule");
    assertThat(objects)
        .filteredOn(o -> o.getKind().equals("ConfigMap"))
        .extracting(o -> o.getMetadata().getName())
        .containsExactlyInAnyOrder("drover-dashboard-consumer-groups", "drover-dashboard-operator");
    assertThat(objects)
        .filteredOn(o -> o.getKind().equals("ConfigMap"))
        .allSatisfy(
            o -> {
              assertThat(o.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
              assertThat(o.getMetadata().getAnnotations())
                  .containsEntry("grafana_folder", "Drover");
            });
  }

  @Test
  void theSchemaRejectsATypoAndAWrongType() {
    assertThatThrownBy(() -> Chart.render("watchNamespace: [team-a]"))
        .hasMessageContaining("watchNamespace")
        .hasMessageContaining("additional propert");
    assertThatThrownBy(
            () -> Chart.render("monitoring: {podMonitor: {enabled: true, enabeld: true}}"))
        .hasMessageContaining("enabeld");
    assertThatThrownBy(() -> Chart.render("watchNamespaces: [Team_A]"))
        .hasMessageContaining("watchNamespaces");
    assertThatThrownBy(() -> Chart.render("podLabels: {app.kubernetes.io/name: x}"))
        .hasMessageContaining("app.kubernetes.io/name");
  }

  @Test
  void everyValueHasACommentAndAReferenceEntry() throws IOException {
    String reference = Files.readString(Path.of("../docs/helm.md"));
    List<String> lines = Files.readAllLines(Chart.DIRECTORY.resolve("values.yaml"));
    JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(String.join("\n", lines));
    List<String> keys = new ArrayList<>();
    leafKeys("", values, keys);

    assertThat(keys).hasSizeGreaterThan(25);
    for (String key : keys) {
      assertThat(reference).as("docs/helm.md documents " + key).contains("| `" + key + "` |");
    }
    for (String key : keys) {
      int line = lineOf(key, lines);
      assertThat(lines.get(line - 1).strip()).as("a comment above " + key).startsWith("#");
    }
  }

  /** The line that declares a dotted key, found by walking down its path's indentation. */
  private static int lineOf(String key, List<String> lines) {
    int line = 0;
    String[] path = key.split("\\.");
    for (int depth = 0; depth < path.length; depth++) {
      String declaration = " ".repeat(2 * depth) + path[depth] + ":";
      while (!lines.get(line).startsWith(declaration)) {
        line++;
      }
    }
    return line;
  }

  private static void leafKeys(String prefix, JsonNode node, List<String> keys) {
    node.properties()
        .forEach(
            field -> {
              String key = prefix + field.getKey();
              JsonNode value = field.getValue();
              boolean isSection =
                  value.isObject()
                      && !value.isEmpty()
                      && !key.endsWith("labels")
                      && !key.equals("resources");
              if (isSection) {
                leafKeys(key + ".", value, keys);
              } else {
                keys.add(key);
              }
            });
  }

  /**
   * What the operator's code uses: full control of each dependent's kind, read access to
   * ConsumerGroups, status writes, Secrets by name and its Events.
   */
  private static Map<String, Set<String>> operatorNeeds() {
    Map<String, Set<String>> needs = new TreeMap<>();
    Workflow workflow = ConsumerGroupReconciler.class.getAnnotation(Workflow.class);
    for (Dependent dependent : workflow.dependents()) {
      Class<?> kind =
          (Class<?>)
              ((ParameterizedType) dependent.type().getGenericSuperclass())
                  .getActualTypeArguments()[0];
      @SuppressWarnings("unchecked")
      Class<? extends HasMetadata> resource = (Class<? extends HasMetadata>) kind;
      needs.put(
          HasMetadata.getGroup(resource) + "/" + HasMetadata.getPlural(resource), FULL_CONTROL);
    }
    needs.put("drover.io/consumergroups", Set.of("get", "list", "watch"));
    needs.put("drover.io/consumergroups/status", Set.of("patch", "update"));
    needs.put("/secrets", Set.of("get"));
    needs.put("/events", Set.of("create", "patch"));
    return needs;
  }

  private static Map<String, Set<String>> grants(List<PolicyRule> rules) {
    Map<String, Set<String>> grants = new TreeMap<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          grants
              .computeIfAbsent(group + "/" + resource, k -> new TreeSet<>())
              .addAll(rule.getVerbs());
        }
      }
    }
    return grants;
  }

  private static Stream<PolicyRule> rules(HasMetadata object) {
    if (object instanceof ClusterRole role) {
      return role.getRules().stream();
    }
    if (object instanceof Role role) {
      return role.getRules().stream();
    }
    return Stream.empty();
  }

  private static List<String> kinds(List<HasMetadata> objects) {
    return objects.stream().map(HasMetadata::getKind).toList();
  }

  private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> type) {
    List<T> matching = objects.stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(matching).as(type.getSimpleName()).hasSize(1);
    return matching.get(0);
  }

  private static <T extends HasMetadata> T inNamespace(
      List<HasMetadata> objects, Class<T> type, String namespace) {
    return only(
        objects.stream().filter(o -> namespace.equals(o.getMetadata().getNamespace())).toList(),
        type);
  }

  private static Deployment operator(List<HasMetadata> objects) {
    return only(objects, Deployment.class);
  }

  private static Map<String, String> env(Deployment deployment) {
    Map<String, String> env = new TreeMap<>();
    for (EnvVar var :
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
      env.put(var.getName(), var.getValue());
    }
    return env;
  }
}
