package io.drover.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds keys that the configuration records do not have, by walking the parsed document against the
 * record types, so that a typo is reported with its path instead of being ignored.
 */
final class UnknownKeys {

  private UnknownKeys() {}

  static void find(JsonNode node, Class<?> type, String path, List<Violation> violations) {
    if (node == null || !node.isObject() || !type.isRecord()) {
      return;
    }
    Map<String, RecordComponent> components =
        Arrays.stream(type.getRecordComponents())
            .collect(Collectors.toMap(RecordComponent::getName, c -> c));
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
      RecordComponent component = components.get(field.getKey());
      if (component == null) {
        violations.add(
            new Violation(
                fieldPath,
                "is not a known key (known here: "
                    + String.join(", ", sorted(components.keySet()))
                    + ")"));
      } else if (component.getType().isRecord()) {
        find(field.getValue(), component.getType(), fieldPath, violations);
      } else if (List.class.equals(component.getType()) && field.getValue().isArray()) {
        Class<?> element = elementType(component.getGenericType());
        for (int i = 0; i < field.getValue().size(); i++) {
          find(field.getValue().get(i), element, fieldPath + "[" + i + "]", violations);
        }
      }
    }
  }

  private static Class<?> elementType(Type type) {
    if (type instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
      return element;
    }
    return Object.class;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
