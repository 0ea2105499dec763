package io.drover.engine.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The monitor delivers by name from a closed list, and a failing listener breaks nothing. */
class MonitorTest {

  private final Monitor monitor = new Monitor();

  @Test
  void subscribingToAnUnknownEventFailsAndNamesTheKnownOnes() {
    assertThatThrownBy(() -> monitor.subscribe("consumer.consumd", event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown event 'consumer.consumd'")
        .hasMessageContaining("consumer.consumed");
  }

  @Test
  void deliversOnlyToSubscribersOfThatEventAndSurvivesAFailingListener() {
    List<Event> received = new ArrayList<>();
    monitor.subscribe(
        "app.running",
        event -> {
          throw new IllegalStateException("broken listener");
        });
    monitor.subscribe("app.running", received::add);
    monitor.subscribe("app.stopping", received::add);

    monitor.publish(new Event.AppRunning("orders"));

    assertThat(received).containsExactly(new Event.AppRunning("orders"));
  }
}
