package io.drover.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import io.drover.testing.kubernetes.PrometheusServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics contract, against a real Prometheus scraping a real runtime (with poison messages
 * retried, paused and dead-lettered) and the real operator (with one ConsumerGroup whose reconciles
 * fail): every dashboard query and every alert expression parses and evaluates, every
 * consumer-group panel returns data, no query names a metric that does not exist, and the alerts
 * that the situation calls for become active.
 */
class MetricsContractIT {

  private static final int GOOD = 300;
  private static final int POISON = 6;
  private static final String RATE_WINDOW = "30s";

  /** Names in a PromQL expression that are followed by "(" are functions; these are keywords. */
  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "inf",
          "nan");

  @TempDir static Path dir;
  private static MonitoredStack stack;
  private static PrometheusServer prometheus;

  @BeforeAll
  static void scrapeARuntimeThatMetPoisonAndAnOperatorThatFails() throws Exception {
    stack = MonitoredStack.start(dir, GOOD, POISON);
    await().atMost(Duration.ofSeconds(90)).until(() -> stack.delivered() >= GOOD);
    try (KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get())) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> kafka.readAll(stack.deadLetterTopic()).size() == POISON);
    }
    prometheus =
        PrometheusServer.start(
            dir,
            """
            global: {scrape_interval: 1s, evaluation_interval: 1s}
            rule_files: ["%s"]
            scrape_configs:
              - job_name: drover-runtime
                static_configs:
                  - targets: ["127.0.0.1:%d"]
                    labels: {namespace: %s, pod: %s-7c9d-x2x4q}
              - job_name: drover-operator
                static_configs:
                  - targets: ["127.0.0.1:%d"]
                    labels: {namespace: drover-system, pod: drover-5f6b-kq2m9}
            """
                .formatted(
                    AlertRules.FILE.toAbsolutePath(),
                    stack.runtimePort(),
                    MonitoredStack.NAMESPACE,
                    MonitoredStack.CONSUMER_GROUP,
                    stack.operatorPort()));
    // Until both targets are up, rate() has two samples, per-partition lag is registered, and
    // the failing group has failed at least once.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              for (String promql :
                  List.of(
                      "sum(up{job=~\"drover-runtime|drover-operator\"}) == 2",
                      "rate(drover_messages_consumed_total[" + RATE_WINDOW + "])",
                      "kafka_consumer_fetch_manager_records_lag",
                      "operator_sdk_reconciliations_failed_total")) {
                assertThat(values(promql)).as(promql).isNotEmpty();
              }
            });
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyConsumerGroupPanelReturnsData() throws Exception {
    for (Dashboards.Query query :
        Dashboards.queries(Dashboards.DIRECTORY.resolve("consumer-groups.json"))) {
      assertReturnsData(query);
    }
  }

  @Test
  void everyOperatorPanelReturnsData() throws Exception {
    for (Dashboards.Query query :
        Dashboards.queries(Dashboards.DIRECTORY.resolve("operator.json"))) {
      assertReturnsData(query);
    }
  }

  @Test
  void everyDashboardVariableFindsValues() throws Exception {
    Pattern labelValues = Pattern.compile("label_values\\((.*), *(\\w+)\\)");
    for (Path file : Dashboards.files()) {
      for (JsonNode variable : Dashboards.read(file).path("templating").path("list")) {
        if (!variable.path("type").asText().equals("query")) {
          continue;
        }
        Matcher matcher = labelValues.matcher(variable.path("definition").asText());
        assertThat(matcher.matches()).as(variable.toString()).isTrue();
        String selector = substitute(matcher.group(1));
        assertThat(values("count by (" + matcher.group(2) + ") (" + selector + ")"))
            .as(file.getFileName() + " variable " + variable.path("name").asText())
            .isNotEmpty();
      }
    }
  }

  @Test
  void everyAlertRuleEvaluatesWithoutError() throws Exception {
    List<String> evaluated = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              evaluated.clear();
              for (JsonNode group : prometheus.rules()) {
                for (JsonNode rule : group.path("rules")) {
                  assertThat(rule.path("health").asText())
                      .as(rule.path("name").asText() + ": " + rule.path("lastError").asText())
                      .isEqualTo("ok");
                  evaluated.add(rule.path("name").asText());
                }
              }
            });
    assertThat(evaluated)
        .containsExactlyInAnyOrderElementsOf(
            AlertRules.all().stream().map(r -> r.path("alert").asText()).toList());
  }

  @Test
  void theAlertsThisSituationCallsForBecomeActive() throws Exception {
    // Poison is dead-lettered while Prometheus watches; no kubelet makes the groups' pods ready;
    // one group's reconciles fail. Each alert has a `for:`, so pending is what to expect here.
    stack.producePoison(2);
    try (KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get())) {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> kafka.readAll(stack.deadLetterTopic()).size() == POISON + 2);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(activeAlerts())
                    .contains(
                        "DroverMessagesDeadLettered",
                        "DroverConsumerGroupNotReady",
                        "DroverReplicasUnavailable",
                        "DroverReconcileFailing")
                    .doesNotContain("DroverOperatorDown"));
  }

  @Test
  void scrapedWithoutHonorLabelsNoLabelCollidesWithTheTargetsOwn() throws Exception {
    // The scrape above sets namespace and pod on both targets, as Kubernetes discovery does, and
    // honors nothing: a metric carrying one of these (or job) itself would arrive renamed.
    for (String label : List.of("namespace", "pod", "job", "instance", "consumergroup")) {
      assertThat(values("count({exported_" + label + "=~\".+\"})"))
          .as("series with exported_" + label)
          .isEmpty();
    }
    assertThat(values("drover_consumergroup_ready{consumergroup_namespace=\"shop\"}")).isNotEmpty();
    assertThat(values("drover_messages_consumed_total{consumergroup=\"orders\"}")).isNotEmpty();
  }

  @Test
  void noQueryNamesAMetricThatDoesNotExist() throws Exception {
    Set<String> metrics = new TreeSet<>();
    for (Path file : Dashboards.files()) {
      Dashboards.queries(file).forEach(q -> metrics.addAll(metricNames(q.expr())));
    }
    for (JsonNode rule : AlertRules.all()) {
      metrics.addAll(metricNames(rule.path("expr").asText()));
    }
    assertThat(metrics).contains("drover_partition_paused", "up", "jvm_memory_used_bytes");
    for (String metric : metrics) {
      assertThat(values("count({__name__=\"" + metric + "\"})"))
          .as(metric + " is scraped")
          .isNotEmpty();
    }
  }

  private static void assertReturnsData(Dashboards.Query query) throws Exception {
    String promql = substitute(query.expr());
    JsonNode answer = prometheus.query(promql);
    assertThat(answer.path("status").asText())
        .as(query.dashboard() + " / " + query.panel() + ": " + answer.path("error").asText())
        .isEqualTo("success");
    assertThat(answer.path("data").path("result"))
        .as(query.dashboard() + " / " + query.panel() + " returns data: " + promql)
        .isNotEmpty();
  }

  private static boolean hasData(String promql) throws Exception {
    return !values(promql).isEmpty();
  }

  private static List<JsonNode> values(String promql) throws Exception {
    JsonNode answer = prometheus.query(promql);
    assertThat(answer.path("status").asText())
        .as(promql + ": " + answer.path("error").asText())
        .isEqualTo("success");
    List<JsonNode> result = new ArrayList<>();
    answer.path("data").path("result").forEach(result::add);
    return result;
  }

  private static Set<String> activeAlerts() throws Exception {
    Set<String> names = new TreeSet<>();
    for (JsonNode series : values("ALERTS")) {
      names.add(series.path("metric").path("alertname").asText());
    }
    return names;
  }

  /** Grafana's variables as "All" selects them. */
  private static String substitute(String expr) {
    return expr.replace("$__rate_interval", RATE_WINDOW)
        .replace("$namespace", ".*")
        .replace("$consumergroup", ".*");
  }

  /**
   * The metric names an expression selects: names outside strings and braces that are not
   * functions, keywords, or the label lists of by/without/on/ignoring.
   */
  static Set<String> metricNames(String expr) {
    String bare =
        expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
            .replaceAll("\\[[^]]*]", " ");
    Set<String> names = new TreeSet<>();
    Matcher matcher = Pattern.compile("[A-Za-z_:][A-Za-z0-9_:]*(\\s*\\()?").matcher(bare);
    while (matcher.find()) {
      String name = matcher.group().replaceAll("[\\s(]", "");
      boolean function = matcher.group(1) != null;
      if (!function && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
        names.add(name);
      }
    }
    return names;
  }
}
