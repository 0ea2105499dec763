package io.drover.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Grafana dashboards the chart ships, parsed. */
final class Dashboards {

  static final Path DIRECTORY = Chart.DIRECTORY.resolve("files/dashboards");

  /**
   * One query of one panel.
   *
   * @param dashboard the dashboard's file name
   * @param panel the panel's title
   * @param expr the PromQL, with Grafana's variables still in it
   */
  record Query(String dashboard, String panel, String expr) {}

  private Dashboards() {}

  static List<Path> files() {
    try (Stream<Path> files = Files.list(DIRECTORY)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every panel that is not a row. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    dashboard
        .path("panels")
        .forEach(
            panel -> {
              if (!panel.path("type").asText().equals("row")) {
                panels.add(panel);
              }
            });
    return panels;
  }

  /** Every panel query of one dashboard file. */
  static List<Query> queries(Path file) {
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels(read(file))) {
      panel
          .path("targets")
          .forEach(
              target ->
                  queries.add(
                      new Query(
                          file.getFileName().toString(),
                          panel.path("title").asText(),
                          target.path("expr").asText())));
    }
    return queries;
  }
}
