package io.drover.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The alert rules file the chart ships, parsed. */
final class AlertRules {

  static final Path FILE = Chart.DIRECTORY.resolve("files/alerts/drover-rules.yaml");

  private AlertRules() {}

  /** Every rule of every group. */
  static List<JsonNode> all() throws IOException {
    List<JsonNode> rules = new ArrayList<>();
    new ObjectMapper(new YAMLFactory())
        .readTree(FILE.toFile())
        .path("groups")
        .forEach(group -> group.path("rules").forEach(rules::add));
    return rules;
  }
}
