package io.drover.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboards take their data source from a variable, never a fixed UID, and the consumer-group
 * dashboard has a panel for each thing an on-call engineer looks for.
 */
class DashboardsTest {

  @Test
  void everyPanelAndQueryUsesTheDatasourceVariable() {
    assertThat(Dashboards.files()).hasSize(2);
    for (Path file : Dashboards.files()) {
      JsonNode dashboard = Dashboards.read(file);
      assertThat(dashboard.path("uid").asText()).startsWith("drover-");
      JsonNode datasource = variable(dashboard, "datasource");
      assertThat(datasource.path("type").asText()).isEqualTo("datasource");
      assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
      for (JsonNode panel : Dashboards.panels(dashboard)) {
        assertThat(panel.path("datasource").path("uid").asText())
            .as(file + ": " + panel.path("title"))
            .isEqualTo("${datasource}");
        assertThat(panel.path("targets")).isNotEmpty();
        panel
            .path("targets")
            .forEach(
                target -> {
                  assertThat(target.path("datasource").path("uid").asText())
                      .isEqualTo("${datasource}");
                  assertThat(target.path("expr").asText()).isNotBlank();
                });
        assertThat(panel.path("description").asText()).as("what to make of it").isNotBlank();
      }
    }
  }

  @Test
  void theConsumerGroupDashboardCoversWhatOnCallNeeds() {
    JsonNode dashboard = Dashboards.read(Dashboards.DIRECTORY.resolve("consumer-groups.json"));
    List<String> queries = new ArrayList<>();
    Dashboards.panels(dashboard)
        .forEach(p -> p.path("targets").forEach(t -> queries.add(t.path("expr").asText())));

    assertThat(String.join("\n", queries))
        .contains(
            "drover_messages_consumed_total",
            "kafka_consumer_fetch_manager_records_lag",
            "drover_errors_total",
            "drover_partition_paused",
            "drover_partition_backoff_seconds",
            "drover_retries_total",
            "drover_dead_letters_total",
            "drover_batch_duration_seconds_bucket",
            "drover_rebalances_total",
            "drover_runtime_ready");
    assertThat(variable(dashboard, "namespace").path("includeAll").asBoolean()).isTrue();
    assertThat(variable(dashboard, "consumergroup").path("includeAll").asBoolean()).isTrue();
  }

  @Test
  void theOperatorDashboardCoversReconcilesFailuresQueueAndJvm() {
    String queries =
        String.join(
            "\n",
            Dashboards.queries(Dashboards.DIRECTORY.resolve("operator.json")).stream()
                .map(Dashboards.Query::expr)
                .toList());
    assertThat(queries)
        .contains(
            "operator_sdk_reconciliations_started_total",
            "operator_sdk_reconciliations_failed_total",
            "operator_sdk_reconciliations_queue_size_consumergroup",
            "jvm_memory_used_bytes",
            "jvm_gc_pause_seconds");
  }

  private static JsonNode variable(JsonNode dashboard, String name) {
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("name").asText().equals(name)) {
        return variable;
      }
    }
    throw new AssertionError("no variable " + name);
  }
}
