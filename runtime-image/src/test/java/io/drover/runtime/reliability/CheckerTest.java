package io.drover.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker's verdicts on small, hand-made runs: each rule can fail a run. */
class CheckerTest {

  private static final long END_OF_FAULTS = 100_000;

  private final List<Workload.Produced> produced = new ArrayList<>();
  private final List<Delivery> deliveries = new ArrayList<>();
  private final List<Checker.DeadLetter> deadLetters = new ArrayList<>();
  private final List<Checker.Fault> faults = new ArrayList<>();

  @Test
  void aRunWhereEveryRecordArrivesOnceInOrderPasses() {
    good(0, 0, 101_000);
    good(0, 1, 101_100);

    Report report = check(true);

    assertThat(report.problems()).isEmpty();
    assertThat(report.delivered()).isEqualTo(2);
  }

  @Test
  void aRecordNeitherDeliveredNorDeadLetteredIsLost() {
    good(0, 0, 101_000);
    produced.add(new Workload.Produced(0, 1, "key-1", false));

    Report report = check(true);

    assertThat(report.lost()).isEqualTo(1);
    assertThat(report.problems()).anyMatch(p -> p.contains("1 lost"));
  }

  @Test
  void aFirstDeliveryAfterALaterOffsetsIsOutOfOrder() {
    good(0, 0, 101_200);
    good(0, 1, 101_100);

    assertThat(check(true).outOfOrder()).isEqualTo(1);
  }

  @Test
  void aRepeatShortlyAfterAKillIsExplainedByIt() {
    good(0, 0, 90_000);
    faults.add(new Checker.Fault("kill -9", 92_000));
    deliveries.add(new Delivery(0, 0, "key-0", 200, 105_000));

    Report report = check(true);

    assertThat(report.problems()).isEmpty();
    assertThat(report.duplicateCauses()).isEqualTo(Map.of("kill -9", 1));
    assertThat(report.oldestRepeatMillis()).isEqualTo(2_000);
  }

  @Test
  void aRepeatWithoutAFaultOrLongAfterItsFirstDeliveryIsUnexplained() {
    good(0, 0, 10_000);
    faults.add(new Checker.Fault("kill -9", 10_000 + Checker.REPEAT_WINDOW_MILLIS + 1));
    deliveries.add(new Delivery(0, 0, "key-0", 200, 101_000));
    good(1, 0, 101_000);
    deliveries.add(new Delivery(1, 0, "key-1", 200, 101_500));

    Report report = check(true);

    assertThat(report.duplicateCauses()).isEqualTo(Map.of(Checker.UNEXPLAINED, 2));
    assertThat(report.problems()).anyMatch(p -> p.contains("2 duplicates that no fault explains"));
  }

  @Test
  void aPoisonRecordNeedsOneDeadLetterAndAGoodOneNone() {
    poison(0, 0);
    good(0, 1, 101_000);
    deadLetters.add(new Checker.DeadLetter(0, 1, 101_000));

    List<String> problems = check(true).problems();

    assertThat(problems)
        .contains("poison 0@0 never dead-lettered", "good record 0@1 dead-lettered");
  }

  @Test
  void withoutADeadLetterPolicyThePoisonHoldsItsPartitionAndIsRetriedToTheEnd() {
    good(0, 0, 101_000);
    poison(0, 1);
    deliveries.add(new Delivery(0, 1, "poison-0", 500, 101_100));
    deliveries.add(new Delivery(0, 1, "poison-0", 500, 109_000));
    produced.add(new Workload.Produced(0, 2, "key-2", false));

    Report report = check(false);

    assertThat(report.problems()).isEmpty();
    assertThat(report.held()).isEqualTo(2);
    assertThat(report.lost()).isZero();
  }

  @Test
  void withoutADeadLetterPolicyARecordDeliveredPastThePoisonIsASkip() {
    poison(0, 0);
    deliveries.add(new Delivery(0, 0, "poison-0", 500, 101_000));
    deliveries.add(new Delivery(0, 0, "poison-0", 500, 102_000));
    good(0, 1, 103_000);

    assertThat(check(false).problems()).contains("0@1 delivered past the poison at offset 0");
  }

  @Test
  void withoutADeadLetterPolicyAPoisonNoLongerTriedAfterTheFaultsIsAProblem() {
    poison(0, 0);
    deliveries.add(new Delivery(0, 0, "poison-0", 500, 90_000));
    deliveries.add(new Delivery(0, 0, "poison-0", 500, 95_000));

    assertThat(check(false).problems())
        .contains("poison 0@0 was not retried until the end (2 attempts)");
  }

  @Test
  void aPartitionSilentLongerThanTheBoundAfterTheFaultsIsAStall() {
    good(0, 0, 101_000);
    good(0, 1, 140_000);

    Report report = check(true);

    assertThat(report.longestStallMillis()).isEqualTo(39_000);
    assertThat(report.problems()).anyMatch(p -> p.contains("no progress for 39000 ms"));
  }

  @Test
  void aCleanStopThatExitedOtherThanZeroFailsTheRun() {
    good(0, 0, 101_000);

    Report report =
        Checker.check(
            "test",
            produced,
            deliveries,
            deadLetters,
            new Checker.Allowance(faults, 30_000, true, List.of(0, 2)),
            END_OF_FAULTS);

    assertThat(report.problems()).contains("clean stops exited with [0, 2]");
  }

  private void good(int partition, long offset, long acceptedAt) {
    produced.add(new Workload.Produced(partition, offset, "key-" + offset, false));
    deliveries.add(new Delivery(partition, offset, "key-" + offset, 200, acceptedAt));
  }

  private void poison(int partition, long offset) {
    produced.add(new Workload.Produced(partition, offset, "poison-0", true));
  }

  private Report check(boolean deadLetterPolicy) {
    return Checker.check(
        "test",
        produced,
        deliveries,
        deadLetters,
        new Checker.Allowance(faults, 30_000, deadLetterPolicy, List.of()),
        END_OF_FAULTS);
  }
}
