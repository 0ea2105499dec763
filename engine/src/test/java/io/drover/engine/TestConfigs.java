package io.drover.engine;

import io.drover.engine.config.EngineConfig;
import java.time.Duration;

/** The configuration the engine's MockConsumer tests share. */
final class TestConfigs {

  private TestConfigs() {}

  /** Group and topic {@code orders}, no real broker, and a short poll timeout. */
  static EngineConfig.Builder orders() {
    return EngineConfig.builder()
        .bootstrapServers("127.0.0.1:9092")
        .groupId("orders")
        .topics("orders")
        .pollTimeout(Duration.ofMillis(20));
  }
}
