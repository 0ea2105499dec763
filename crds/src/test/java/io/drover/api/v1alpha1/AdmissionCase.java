package io.drover.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One row of {@code admission-cases.yaml}: a change to a valid spec that admission must refuse, the
 * CRD rule it breaks, and the HTTP status, field and message the API server answers with (422 with
 * the field in the status causes; 400, for an unknown field, with both in the message).
 */
record AdmissionCase(String rule, JsonNode specPatch, int code, String field, String message) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Every case in the table. */
  static List<AdmissionCase> all() {
    try (InputStream in = AdmissionCase.class.getResourceAsStream("/admission-cases.yaml")) {
      List<AdmissionCase> cases = new ArrayList<>();
      for (JsonNode row : YAML.readTree(in)) {
        cases.add(
            new AdmissionCase(
                row.path("rule").asText(),
                expand(row.path("spec")),
                row.path("code").asInt(422),
                row.path("field").asText(),
                row.path("message").asText()));
      }
      return cases;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code base} with this case's merge patch applied (RFC 7386: null removes a field). */
  ObjectNode applyTo(ObjectNode base) {
    ObjectNode spec = base.deepCopy();
    merge(spec, specPatch);
    return spec;
  }

  @Override
  public String toString() {
    return rule + " -> " + field;
  }

  private static void merge(ObjectNode target, JsonNode patch) {
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> entry = fields.next();
      JsonNode value = entry.getValue();
      if (value.isNull()) {
        target.remove(entry.getKey());
      } else if (value.isObject() && target.path(entry.getKey()).isObject()) {
        merge((ObjectNode) target.get(entry.getKey()), value);
      } else {
        target.set(entry.getKey(), value.deepCopy());
      }
    }
  }

  /**
   * Expands generated values, which keep the table short: {@code @repeat:x:n} (a string of n
   * x's), {@code @list:p:n} (n strings), {@code @map:p:n} (n entries), {@code @envs:n} and {@code
   * @tolerations:n} (n valid items).
   */
  private static JsonNode expand(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = NODES.objectNode();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), expand(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = NODES.arrayNode();
      node.forEach(item -> copy.add(expand(item)));
      return copy;
    }
    if (!node.isTextual() || !node.asText().startsWith("@")) {
      return node;
    }
    String[] parts = node.asText().substring(1).split(":");
    int count = Integer.parseInt(parts[parts.length - 1]);
    return switch (parts[0]) {
      case "repeat" -> NODES.textNode(parts[1].repeat(count));
      case "list" -> {
        ArrayNode list = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
          list.add(parts[1] + i);
        }
        yield list;
      }
      case "map" -> {
        ObjectNode map = NODES.objectNode();
        for (int i = 0; i < count; i++) {
          map.put(parts[1] + i, "v");
        }
        yield map;
      }
      case "envs" -> {
        ArrayNode list = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
          list.addObject().put("name", "E" + i).put("value", "v");
        }
        yield list;
      }
      case "tolerations" -> {
        ArrayNode list = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
          list.addObject().put("key", "k" + i).put("operator", "Exists");
        }
        yield list;
      }
      default -> throw new IllegalArgumentException("unknown generator " + node.asText());
    };
  }
}
