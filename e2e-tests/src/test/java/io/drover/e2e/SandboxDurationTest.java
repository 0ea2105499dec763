package io.drover.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The sandbox runs as long as it is told: hours and compound forms included. */
class SandboxDurationTest {

  @ParameterizedTest
  @CsvSource({"90s, 90", "2m, 120", "1m30s, 90", "2h, 7200", "1h30m, 5400", "45, 45", "2M, 120"})
  void readsEveryForm(String value, long seconds) {
    assertThat(SandboxDuration.parse(value)).contains(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "soon", "2d", "1.5m", "-3s", "0s", "m"})
  void refusesWhatItCannotRead(String value) {
    assertThat(SandboxDuration.parse(value)).isEmpty();
  }
}
