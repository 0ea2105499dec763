package io.drover.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract lists every violation with its path, never just the first. */
class EngineContractTest {

  private static EngineConfig.Builder valid() {
    return EngineConfig.builder()
        .bootstrapServers("127.0.0.1:9092")
        .groupId("orders")
        .topics("orders");
  }

  @Test
  void acceptsAValidConfigurationWithDefaults() {
    assertThat(EngineContract.validate(valid().build())).isEmpty();
  }

  @Test
  void listsEveryViolationWithItsPath() {
    EngineConfig config =
        EngineConfig.builder()
            .bootstrapServers(" ")
            .topics("ok", "bad topic!", "ok")
            .concurrency(0)
            .pauseTimeout(Duration.ofSeconds(10))
            .pauseMaxTimeout(Duration.ofSeconds(1))
            .jitter(1.5)
            .deadLetter(new DeadLetterConfig("ok", -1, false))
            .nonRetryableErrors(List.of("com.example.Fine", "not a class"))
            .shutdownTimeout(Duration.ZERO)
            .groupInstanceId("")
            .kafka(Map.of("enable.auto.commit", "true", "max.poll.records", "10"))
            .build();

    List<Violation> violations = EngineContract.validate(config);

    assertThat(violations)
        .extracting(Violation::path)
        .containsExactlyInAnyOrder(
            "bootstrapServers",
            "groupId",
            "topics[1]",
            "topics[2]",
            "concurrency",
            "pauseMaxTimeout",
            "jitter",
            "deadLetter.topic",
            "deadLetter.maxRetries",
            "nonRetryableErrors[1]",
            "shutdownTimeout",
            "groupInstanceId",
            "kafka.enable.auto.commit");
    assertThat(violations)
        .filteredOn(v -> v.path().equals("deadLetter.topic"))
        .extracting(Violation::message)
        .containsExactly(
            "must not be one of the consumed topics, or dead letters would be consumed again");
  }

  @Test
  void kafkaValuesTheClientsWouldRefuseAreViolationsNamingTheKey() {
    EngineConfig config =
        valid()
            .kafka(
                Map.of(
                    "max.poll.records", "many",
                    "auto.offset.reset", "sometimes",
                    "fetch.min.bytes", "-5",
                    "acks", "2x",
                    "client.id", "orders-reader",
                    "not.a.kafka.key", "ignored"))
            .build();

    List<Violation> violations = EngineContract.validate(config);

    assertThat(violations)
        .extracting(Violation::path)
        .containsExactly(
            "kafka.acks",
            "kafka.auto.offset.reset",
            "kafka.fetch.min.bytes",
            "kafka.max.poll.records");
    assertThat(violations)
        .filteredOn(v -> v.path().equals("kafka.max.poll.records"))
        .extracting(Violation::message)
        .singleElement()
        .asString()
        .contains("max.poll.records", "INT");
  }

  @Test
  void aMaxPollIntervalShorterThanARebalancesWaitIsAViolation() {
    // 30 s revokeTimeout + 5 s for the commit: a rebalance may hold the poll thread 35 s.
    assertThat(
            EngineContract.validate(valid().kafka(Map.of("max.poll.interval.ms", "10000")).build()))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.path()).isEqualTo("kafka.max.poll.interval.ms");
              assertThat(v.message()).contains("35000 ms", "got 10000");
            });
    assertThat(
            EngineContract.validate(valid().kafka(Map.of("max.poll.interval.ms", "35001")).build()))
        .isEmpty();
    assertThat(
            EngineContract.validate(
                valid()
                    .revokeTimeout(Duration.ofSeconds(2))
                    .kafka(Map.of("max.poll.interval.ms", "10000"))
                    .build()))
        .isEmpty();
  }

  @Test
  void aDeadLetterPolicyWithoutATopicIsAViolationNotACrash() {
    EngineConfig config = valid().deadLetter(new DeadLetterConfig(null, 3, false)).build();

    assertThat(EngineContract.validate(config))
        .extracting(Violation::path)
        .containsExactly("deadLetter.topic");
  }

  @Test
  void enforceThrowsWithEveryViolationInTheMessage() {
    EngineConfig config = valid().groupId(null).topics(List.of()).build();

    assertThatThrownBy(() -> EngineContract.enforce(config))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("groupId: must not be blank")
        .hasMessageContaining("topics: must name at least one topic");
  }
}
