package io.drover.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every rule the generated CRD states under {@code spec} has at least one case in {@code
 * admission-cases.yaml}, so a new annotation on the model cannot go untested on the real server.
 */
class AdmissionTableTest {

  private static final List<String> KEYWORDS =
      List.of(
          "minimum",
          "maximum",
          "pattern",
          "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "minProperties",
          "maxProperties",
          "enum");

  @Test
  void everyRuleOfTheCrdHasACase() throws Exception {
    Set<String> rules = new TreeSet<>();
    collect(CrdSchema.openApiSchema().at("/properties/spec"), "spec", rules);
    Set<String> covered =
        AdmissionCase.all().stream().map(AdmissionCase::rule).collect(Collectors.toSet());

    assertThat(rules).hasSizeGreaterThan(50);
    assertThat(covered).containsAll(rules);
  }

  private static void collect(JsonNode schema, String path, Set<String> rules) {
    for (String keyword : KEYWORDS) {
      if (schema.has(keyword)) {
        rules.add(path + "#" + keyword);
      }
    }
    schema.path("required").forEach(field -> rules.add(path + "." + field.asText() + "#required"));
    JsonNode validations = schema.path("x-kubernetes-validations");
    for (int i = 0; i < validations.size(); i++) {
      rules.add(path + "#x-kubernetes-validations[" + i + "]");
    }
    schema
        .path("properties")
        .fields()
        .forEachRemaining(p -> collect(p.getValue(), path + "." + p.getKey(), rules));
    if (schema.has("items")) {
      collect(schema.path("items"), path + "[]", rules);
    }
  }
}
