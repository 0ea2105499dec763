package io.drover.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {

  @Test
  void defaultsWatchEverythingWithTheReleasesRuntimeImage() {
    OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of());
    assertThat(settings.watchNamespaces()).isEmpty();
    assertThat(settings.runtimeImage())
        .startsWith("ghcr.io/drover-io/drover-runtime:")
        .doesNotContain("${");
    assertThat(settings.leaderElection()).isFalse();
    assertThat(settings.httpPort()).isEqualTo(8080);
  }

  @Test
  void readsEverySetting() {
    OperatorSettings settings =
        OperatorSettings.fromEnvironment(
            Map.of(
                OperatorSettings.WATCH_NAMESPACES, " shop, payments ,",
                OperatorSettings.RUNTIME_IMAGE, "example.com/runtime:1",
                OperatorSettings.LEADER_ELECTION, "true",
                OperatorSettings.LEASE_NAMESPACE, "drover-system",
                OperatorSettings.HTTP_PORT, "9090"));
    assertThat(settings.watchNamespaces()).containsExactlyInAnyOrder("shop", "payments");
    assertThat(settings.runtimeImage()).isEqualTo("example.com/runtime:1");
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.leaseNamespace()).isEqualTo("drover-system");
    assertThat(settings.httpPort()).isEqualTo(9090);
  }

  @Test
  void namesEveryBadSetting() {
    assertThatThrownBy(
            () ->
                OperatorSettings.fromEnvironment(
                    Map.of(
                        OperatorSettings.WATCH_NAMESPACES, "Shop_1",
                        OperatorSettings.LEADER_ELECTION, "yes",
                        OperatorSettings.HTTP_PORT, "80x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DROVER_WATCH_NAMESPACES: 'Shop_1'")
        .hasMessageContaining("DROVER_LEADER_ELECTION: 'yes'")
        .hasMessageContaining("DROVER_HTTP_PORT: '80x'");
  }
}
