package io.drover.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.testing.kafka.SharedKafkaBroker;
import org.junit.jupiter.api.Test;

/**
 * The reliability scenarios, short: real runtime processes started through the image's entrypoint,
 * a real broker and a real HTTP endpoint, under faults. A regression in what the suite measures
 * fails the build; the full suite (docs/reliability.md) runs the same scenarios longer.
 */
class ReliabilityIT {

  private static final long SEED = 20261130L;

  private final Scenarios scenarios =
      new Scenarios(Scenarios.Scale.BUILD, SharedKafkaBroker.get().bootstrapServers(), SEED);

  @Test
  void hardKillsLoseNothingAndKeepOrder() throws Exception {
    assertThat(scenarios.hardKills().problems()).isEmpty();
  }

  @Test
  void cleanStopsCauseNoDuplicates() throws Exception {
    assertThat(scenarios.rollingRestarts().problems()).isEmpty();
  }

  @Test
  void endpointFaultsLoseNothingAndDeadLetterEachPoisonOnce() throws Exception {
    assertThat(scenarios.endpointFaults().problems()).isEmpty();
  }

  @Test
  void aRebalanceStormOfCleanJoinsAndLeavesRepeatsNothing() throws Exception {
    assertThat(scenarios.rebalanceStorm().problems()).isEmpty();
  }

  @Test
  void aSlowEndpointCausesNoRebalanceAndNoDuplicates() throws Exception {
    assertThat(scenarios.slowEndpoint().problems()).isEmpty();
  }

  @Test
  void aDeadLetterTopicCreatedLateGetsEachPoisonOnce() throws Exception {
    assertThat(scenarios.deadLetterTopicLate().problems()).isEmpty();
  }

  @Test
  void aKeyRefusedForEverWithoutDeadLettersHoldsItsPartitionAndSkipsNothing() throws Exception {
    assertThat(scenarios.poisonWithoutDeadLetters().problems()).isEmpty();
  }

  @Test
  void brokerRestartsLoseNothing() throws Exception {
    assertThat(Scenarios.brokerRestarts(Scenarios.Scale.BUILD, SEED).problems()).isEmpty();
  }
}
