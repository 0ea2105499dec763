package io.drover.helm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The contract test's metric-name extraction finds metrics and nothing else. */
class MetricNamesTest {

  @Test
  void findsMetricsButNotFunctionsLabelsKeywordsOrDurations() {
    assertThat(
            MetricsContractIT.metricNames(
                "histogram_quantile(0.99, sum by (namespace, le) (rate(drover_batch_duration_seconds_bucket{job=\"drover-runtime\", area=~\"heap|x\"}[$__rate_interval])))"))
        .containsExactly("drover_batch_duration_seconds_bucket");
    assertThat(
            MetricsContractIT.metricNames(
                "max by (a) (x_desired{job=\"j\"}) - on (a) group_left max by (a) (y_ready) > 0 and absent(up{job=\"drover-operator\"} == 1) or vector(0)"))
        .containsExactlyInAnyOrder("x_desired", "y_ready", "up");
  }
}
