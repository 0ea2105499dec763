package io.drover.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.engine.ClusterState;
import io.drover.engine.instrumentation.Event;
import org.junit.jupiter.api.Test;

/** Each way the cluster can fail a pod becomes one Warning naming it; recovery is said too. */
class ClusterStateOccurrencesTest {

  private static final String BOOTSTRAP = "kafka-0.kafka:9092";

  private static Event.ClusterStateChanged change(ClusterState from, ClusterState to) {
    return new Event.ClusterStateChanged(
        from,
        to,
        BOOTSTRAP,
        to == ClusterState.AUTHENTICATION_FAILED
            ? "org.apache.kafka.common.errors.SaslAuthenticationException"
            : null);
  }

  @Test
  void eachRefusalIsAWarningThatNamesTheCluster() {
    assertThat(Occurrences.of(change(ClusterState.CONNECTING, ClusterState.UNREACHABLE)))
        .hasValueSatisfying(
            o -> {
              assertThat(o.reason()).isEqualTo(EventReason.KafkaUnreachable);
              assertThat(o.message()).contains(BOOTSTRAP).contains("not ready");
            });
    assertThat(Occurrences.of(change(ClusterState.CONNECTED, ClusterState.AUTHENTICATION_FAILED)))
        .hasValueSatisfying(
            o -> {
              assertThat(o.reason()).isEqualTo(EventReason.KafkaAuthenticationFailed);
              assertThat(o.message()).contains(BOOTSTRAP).contains("SaslAuthenticationException");
            });
    assertThat(EventReason.KafkaAuthorizationFailed.type()).isEqualTo(EventReason.Type.WARNING);
  }

  @Test
  void theFirstConnectionIsQuietAndARecoveryIsSaid() {
    assertThat(Occurrences.of(change(ClusterState.CONNECTING, ClusterState.CONNECTED))).isEmpty();
    assertThat(Occurrences.of(change(ClusterState.UNREACHABLE, ClusterState.CONNECTED)))
        .hasValueSatisfying(o -> assertThat(o.reason()).isEqualTo(EventReason.KafkaConnected));
  }
}
