package io.drover.testing.kubernetes;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Discovery for the core objects the mock stands in for. The mock server serves objects but no
 * discovery, and the real server serves discovery only for its own groups, without the {@code /api}
 * and {@code /apis} roots; this table fills the gap, so clients that discover (kubectl) work
 * against the front. It lists only the kinds Drover and its tests use.
 */
final class CoreDiscovery {

  private record Kind(String plural, String kind, boolean namespaced, String shortName) {}

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** Built-in group versions and their kinds; "v1" is the core group. */
  private static final Map<String, List<Kind>> BUILT_IN =
      Map.of(
          "v1",
          List.of(
              new Kind("configmaps", "ConfigMap", true, "cm"),
              new Kind("events", "Event", true, "ev"),
              new Kind("namespaces", "Namespace", false, "ns"),
              new Kind("pods", "Pod", true, "po"),
              new Kind("secrets", "Secret", true, null),
              new Kind("serviceaccounts", "ServiceAccount", true, "sa"),
              new Kind("services", "Service", true, "svc")),
          "apps/v1",
          List.of(
              new Kind("deployments", "Deployment", true, "deploy"),
              new Kind("replicasets", "ReplicaSet", true, "rs")),
          "policy/v1",
          List.of(new Kind("poddisruptionbudgets", "PodDisruptionBudget", true, "pdb")),
          "coordination.k8s.io/v1",
          List.of(new Kind("leases", "Lease", true, null)),
          "events.k8s.io/v1",
          List.of(new Kind("events", "Event", true, "ev")),
          "rbac.authorization.k8s.io/v1",
          List.of(
              new Kind("roles", "Role", true, null),
              new Kind("rolebindings", "RoleBinding", true, null),
              new Kind("clusterroles", "ClusterRole", false, null),
              new Kind("clusterrolebindings", "ClusterRoleBinding", false, null)));

  private CoreDiscovery() {}

  /** Whether a group (not the core one) is stood in by the mock. */
  static boolean isBuiltIn(String group) {
    return BUILT_IN.keySet().stream().anyMatch(gv -> gv.startsWith(group + "/"));
  }

  /** Whether the front answers {@code path} from this table. */
  static boolean servesItself(String path) {
    return path.equals("/api")
        || path.equals("/apis")
        || resourceList(path).isPresent()
        || builtInGroup(path).isPresent();
  }

  /** The {@code /api} document. */
  static APIVersions coreVersions() {
    return new APIVersionsBuilder().withVersions("v1").build();
  }

  /** The {@code /apis} document: the built-in groups plus the real server's groups. */
  static APIGroupList groups(List<APIGroup> realGroups) {
    List<APIGroup> groups = new ArrayList<>();
    BUILT_IN.keySet().stream()
        .filter(gv -> gv.contains("/"))
        .sorted()
        .forEach(gv -> groups.add(group(gv)));
    groups.addAll(realGroups);
    return new APIGroupListBuilder().withGroups(groups).build();
  }

  /** The resource list for {@code /api/v1} or {@code /apis/<built-in group>/<version>}. */
  static Optional<APIResourceList> resourceList(String path) {
    String groupVersion = path.equals("/api/v1") ? "v1" : path.replaceFirst("^/apis/", "");
    if (!path.startsWith("/api") || !BUILT_IN.containsKey(groupVersion)) {
      return Optional.empty();
    }
    List<APIResource> resources =
        BUILT_IN.get(groupVersion).stream().map(CoreDiscovery::resource).toList();
    return Optional.of(
        new APIResourceListBuilder()
            .withGroupVersion(groupVersion)
            .withResources(resources)
            .build());
  }

  /** The group document for {@code /apis/<built-in group>}. */
  static Optional<APIGroup> builtInGroup(String path) {
    if (!path.startsWith("/apis/") || path.indexOf('/', "/apis/".length()) >= 0) {
      return Optional.empty();
    }
    String name = path.substring("/apis/".length());
    return BUILT_IN.keySet().stream()
        .filter(gv -> gv.startsWith(name + "/"))
        .findFirst()
        .map(CoreDiscovery::group);
  }

  private static APIGroup group(String groupVersion) {
    GroupVersionForDiscovery version =
        new GroupVersionForDiscovery(
            groupVersion, groupVersion.substring(groupVersion.indexOf('/') + 1));
    return new APIGroupBuilder()
        .withName(groupVersion.substring(0, groupVersion.indexOf('/')))
        .withVersions(version)
        .withPreferredVersion(version)
        .build();
  }

  private static APIResource resource(Kind kind) {
    APIResourceBuilder builder =
        new APIResourceBuilder()
            .withName(kind.plural())
            .withSingularName(kind.kind().toLowerCase(java.util.Locale.ROOT))
            .withKind(kind.kind())
            .withNamespaced(kind.namespaced())
            .withVerbs(VERBS);
    if (kind.shortName() != null) {
      builder.withShortNames(kind.shortName());
    }
    return builder.build();
  }
}
