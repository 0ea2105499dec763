package io.drover.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The alert rules pass `promtool check rules` and the unit cases of `promtool test rules` (for
 * example, a partition paused for 15 minutes fires even though each retry briefly resumes it); each
 * alert has a duration, a severity, a summary, a description and a runbook.
 */
class AlertRulesTest {

  private static final Path UNIT_TESTS = Path.of("src/test/promtool/drover-rules-test.yaml");

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    Promtool.Result result =
        Promtool.run(Path.of("."), "check", "rules", AlertRules.FILE.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS: " + AlertRules.all().size() + " rules found");
  }

  @Test
  void promtoolUnitCasesPass() throws Exception {
    Promtool.Result result =
        Promtool.run(UNIT_TESTS.getParent(), "test", "rules", UNIT_TESTS.getFileName().toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasADurationASeverityAnnotationsAndAUnitCase() throws Exception {
    Set<String> tested = new HashSet<>();
    new ObjectMapper(new YAMLFactory())
        .readTree(UNIT_TESTS.toFile())
        .path("tests")
        .forEach(
            test ->
                test.path("alert_rule_test")
                    .forEach(
                        check -> {
                          if (!check.path("exp_alerts").isEmpty()) {
                            tested.add(check.path("alertname").asText());
                          }
                        }));
    String runbooks = Files.readString(Path.of("../docs/alerts.md"));

    for (JsonNode rule : AlertRules.all()) {
      String name = rule.path("alert").asText();
      assertThat(name).as("every rule is an alert").isNotEmpty();
      assertThat(rule.path("for").asText()).as(name + " for").matches("[0-9]+m");
      assertThat(rule.path("labels").path("severity").asText())
          .as(name + " severity")
          .isIn("warning", "critical");
      assertThat(rule.path("annotations").path("summary").asText()).as(name).isNotBlank();
      assertThat(rule.path("annotations").path("description").asText()).as(name).isNotBlank();
      assertThat(rule.path("annotations").path("runbook_url").asText())
          .endsWith("docs/alerts.md#" + name.toLowerCase(Locale.ROOT));
      assertThat(runbooks).as("docs/alerts.md has a section for " + name).contains("## " + name);
      assertThat(tested).as("a promtool case where " + name + " fires").contains(name);
    }
  }
}
