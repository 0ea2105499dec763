package io.drover.testing.kubernetes;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI v3 documents of the custom resource groups, which the standalone CRD server does not
 * publish (its {@code /openapi/v3} lists only its own API). kubectl reads them to learn that the
 * server validates fields itself ({@code fieldValidation} on PATCH); without them {@code kubectl
 * apply} falls back to validating on the client, which needs {@code /openapi/v2}, which the server
 * does not serve either, and fails. The documents say only that: the server still validates every
 * object against the CRD's own schema.
 */
final class CustomResourceOpenApi {

  private static final String PREFIX = "/openapi/v3/";

  private CustomResourceOpenApi() {}

  /** The real server's index with an entry for each served version of each CRD. */
  static Map<String, Object> index(
      Map<String, Object> realIndex, List<CustomResourceDefinition> crds) {
    @SuppressWarnings("unchecked")
    Map<String, Object> paths =
        new LinkedHashMap<>((Map<String, Object>) realIndex.getOrDefault("paths", Map.of()));
    for (CustomResourceDefinition crd : crds) {
      for (CustomResourceDefinitionVersion version : served(crd)) {
        String groupVersion = "apis/" + crd.getSpec().getGroup() + "/" + version.getName();
        paths.put(groupVersion, Map.of("serverRelativeURL", PREFIX + groupVersion));
      }
    }
    Map<String, Object> index = new LinkedHashMap<>(realIndex);
    index.put("paths", paths);
    return index;
  }

  /** The document of {@code /openapi/v3/apis/<group>/<version>}, if a CRD serves it. */
  static Optional<Map<String, Object>> document(String path, List<CustomResourceDefinition> crds) {
    if (!path.startsWith(PREFIX + "apis/")) {
      return Optional.empty();
    }
    String[] groupVersion = path.substring((PREFIX + "apis/").length()).split("/");
    if (groupVersion.length != 2) {
      return Optional.empty();
    }
    Map<String, Object> paths = new LinkedHashMap<>();
    for (CustomResourceDefinition crd : crds) {
      if (!crd.getSpec().getGroup().equals(groupVersion[0])) {
        continue;
      }
      for (CustomResourceDefinitionVersion version : served(crd)) {
        if (version.getName().equals(groupVersion[1])) {
          paths.put(itemPath(crd, version), Map.of("patch", patch(crd, version)));
        }
      }
    }
    if (paths.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Map.of(
            "openapi",
            "3.0.0",
            "info",
            Map.of("title", "Drover local front", "version", groupVersion[1]),
            "paths",
            paths));
  }

  private static List<CustomResourceDefinitionVersion> served(CustomResourceDefinition crd) {
    return crd.getSpec().getVersions().stream()
        .filter(CustomResourceDefinitionVersion::getServed)
        .toList();
  }

  private static String itemPath(
      CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
    String namespaced =
        "Namespaced".equals(crd.getSpec().getScope()) ? "namespaces/{namespace}/" : "";
    return "/apis/"
        + crd.getSpec().getGroup()
        + "/"
        + version.getName()
        + "/"
        + namespaced
        + crd.getSpec().getNames().getPlural()
        + "/{name}";
  }

  private static Map<String, Object> patch(
      CustomResourceDefinition crd, CustomResourceDefinitionVersion version) {
    return Map.of(
        "x-kubernetes-group-version-kind",
        Map.of(
            "group",
            crd.getSpec().getGroup(),
            "version",
            version.getName(),
            "kind",
            crd.getSpec().getNames().getKind()),
        "parameters",
        List.of(
            Map.of(
                "name",
                "fieldValidation",
                "in",
                "query",
                "description",
                "The real server validates fields itself: Ignore, Warn or Strict.",
                "schema",
                Map.of("type", "string"))),
        "responses",
        Map.of("200", Map.of("description", "OK")));
  }
}
