package io.drover.runtime.reliability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges a run from what was produced, what the endpoint saw and what the dead-letter topic holds:
 * nothing lost, first deliveries in offset order per partition, a dead letter for every poison
 * record and none for a good one (or, without a dead-letter policy, each poison record's partition
 * held at it and nothing after it delivered), every duplicate explained by a fault that can cause
 * one, and no partition without progress for longer than a bound once the faults ended.
 */
final class Checker {

  /** A copy in the dead-letter topic, by original coordinates. */
  record DeadLetter(int partition, long offset, long millis) {}

  /** A fault that may repeat records: a member's SIGKILL, a broker's restart. */
  record Fault(String cause, long millis) {}

  /**
   * What a run may show.
   *
   * @param faults the faults that can explain a duplicate
   * @param stallBoundMillis the longest a partition may go without progress after the faults
   * @param deadLetterPolicy whether poison records are dead-lettered (or hold their partition)
   * @param cleanExitCodes exit codes of the members stopped with SIGTERM (all must be 0)
   */
  record Allowance(
      List<Fault> faults,
      long stallBoundMillis,
      boolean deadLetterPolicy,
      List<Integer> cleanExitCodes) {}

  /**
   * How long before a fault a record may have been delivered and still come again because of it:
   * the commit interval (5 s), plus a session timeout during which a rebalance in progress can
   * refuse every commit, plus 2 s for the commit's own round trip.
   */
  static final long REPEAT_WINDOW_MILLIS =
      5_000 + ReliabilityRun.SESSION_TIMEOUT.toMillis() + 2_000;

  /** The cause given to a duplicate that no fault explains. */
  static final String UNEXPLAINED = "unexplained";

  /** A request in flight when its member died is recorded by the endpoint a little later. */
  private static final long IN_FLIGHT_MILLIS = 1_000;

  private final Allowance allowance;
  private final long faultsEndedMillis;
  private final List<String> problems = new ArrayList<>();
  private final Map<String, Integer> duplicateCauses = new TreeMap<>();
  private final Map<Integer, List<Long>> progress = new HashMap<>();
  private long oldestRepeatMillis;

  private Checker(Allowance allowance, long faultsEndedMillis) {
    this.allowance = allowance;
    this.faultsEndedMillis = faultsEndedMillis;
  }

  static Report check(
      String scenario,
      List<Workload.Produced> produced,
      List<Delivery> deliveries,
      List<DeadLetter> deadLetters,
      Allowance allowance,
      long faultsEndedMillis) {
    return new Checker(allowance, faultsEndedMillis)
        .judge(scenario, produced, deliveries, deadLetters);
  }

  private Report judge(
      String scenario,
      List<Workload.Produced> produced,
      List<Delivery> deliveries,
      List<DeadLetter> deadLetters) {
    Map<String, List<Long>> accepted = new HashMap<>();
    Map<String, List<Long>> attempted = new HashMap<>();
    for (Delivery delivery : deliveries) {
      String coordinates = delivery.partition() + "@" + delivery.offset();
      attempted.computeIfAbsent(coordinates, c -> new ArrayList<>()).add(delivery.millis());
      if (delivery.accepted()) {
        accepted.computeIfAbsent(coordinates, c -> new ArrayList<>()).add(delivery.millis());
      }
    }
    Map<String, List<Long>> deadLettered = new HashMap<>();
    for (DeadLetter dead : deadLetters) {
      deadLettered
          .computeIfAbsent(dead.partition() + "@" + dead.offset(), c -> new ArrayList<>())
          .add(dead.millis());
    }
    Map<Integer, Long> heldAt = allowance.deadLetterPolicy() ? Map.of() : firstPoison(produced);
    if (!allowance.deadLetterPolicy() && heldAt.isEmpty()) {
      problems.add("no poison record was produced, so holding a partition was not tested");
    }
    int lost = 0;
    int delivered = 0;
    int held = 0;
    int deadLetteredRecords = 0;
    List<String> lostExamples = new ArrayList<>();
    Map<Integer, List<long[]>> firstAcceptance = new HashMap<>(); // partition: {time, offset}
    for (Workload.Produced record : produced) {
      String coordinates = record.partition() + "@" + record.offset();
      List<Long> acceptances = accepted.getOrDefault(coordinates, List.of());
      List<Long> copies = deadLettered.getOrDefault(coordinates, List.of());
      Long holdingOffset = heldAt.get(record.partition());
      if (holdingOffset != null && record.offset() >= holdingOffset) {
        held++;
        if (record.offset() == holdingOffset) {
          checkStillRetried(coordinates, attempted.getOrDefault(coordinates, List.of()));
        } else if (!acceptances.isEmpty()) {
          problems.add(coordinates + " delivered past the poison at offset " + holdingOffset);
        }
        continue;
      }
      if (!copies.isEmpty()) {
        deadLetteredRecords++;
        progress.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(min(copies));
        explainRepeats(copies);
      }
      if (record.poison()) {
        if (copies.isEmpty()) {
          problems.add("poison " + coordinates + " never dead-lettered");
        }
        continue;
      }
      if (!copies.isEmpty()) {
        problems.add("good record " + coordinates + " dead-lettered");
      }
      if (acceptances.isEmpty()) {
        if (copies.isEmpty()) {
          lost++;
          if (lostExamples.size() < 5) {
            lostExamples.add(coordinates);
          }
        }
        continue;
      }
      delivered++;
      long first = min(acceptances);
      firstAcceptance
          .computeIfAbsent(record.partition(), p -> new ArrayList<>())
          .add(new long[] {first, record.offset()});
      progress.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(first);
      explainRepeats(acceptances);
    }
    if (lost > 0) {
      problems.add(lost + " lost, for example " + lostExamples);
    }
    int outOfOrder = outOfOrder(firstAcceptance);
    if (outOfOrder > 0) {
      problems.add(outOfOrder + " first deliveries out of offset order");
    }
    int unexplained = duplicateCauses.getOrDefault(UNEXPLAINED, 0);
    if (unexplained > 0) {
      problems.add(unexplained + " duplicates that no fault explains");
    }
    long longestStall = longestStall();
    if (longestStall > allowance.stallBoundMillis()) {
      problems.add("a partition made no progress for " + longestStall + " ms after the faults");
    }
    if (allowance.cleanExitCodes().stream().anyMatch(code -> code != 0)) {
      problems.add("clean stops exited with " + allowance.cleanExitCodes());
    }
    return new Report(
        scenario,
        produced.size(),
        delivered,
        deadLetteredRecords,
        held,
        lost,
        outOfOrder,
        Map.copyOf(duplicateCauses),
        oldestRepeatMillis,
        longestStall,
        (int) allowance.faults().stream().filter(f -> f.cause().equals("kill -9")).count(),
        allowance.cleanExitCodes().size(),
        List.copyOf(problems));
  }

  /** Without a dead-letter policy: each partition's first poison record, where it must hold. */
  private static Map<Integer, Long> firstPoison(List<Workload.Produced> produced) {
    Map<Integer, Long> first = new HashMap<>();
    for (Workload.Produced record : produced) {
      if (record.poison()) {
        first.merge(record.partition(), record.offset(), Math::min);
      }
    }
    return first;
  }

  /** A held poison record is tried again and again, still after the faults ended. */
  private void checkStillRetried(String coordinates, List<Long> attempts) {
    if (attempts.size() < 2
        || attempts.stream().mapToLong(t -> t).max().orElse(0) < faultsEndedMillis) {
      problems.add(
          "poison "
              + coordinates
              + " was not retried until the end ("
              + attempts.size()
              + " attempts)");
    }
  }

  /**
   * Each landing after the first (a delivery accepted again, a dead letter written again) must
   * follow a fault that struck within {@link #REPEAT_WINDOW_MILLIS} after the landing before it:
   * only then can the commit past it have been lost.
   */
  private void explainRepeats(List<Long> landings) {
    if (landings.size() < 2) {
      return;
    }
    List<Long> sorted = landings.stream().sorted().toList();
    for (int i = 1; i < sorted.size(); i++) {
      long previous = sorted.get(i - 1);
      long repeat = sorted.get(i);
      Fault cause =
          allowance.faults().stream()
              .filter(f -> f.millis() >= previous - IN_FLIGHT_MILLIS && f.millis() <= repeat)
              .filter(f -> f.millis() - previous <= REPEAT_WINDOW_MILLIS)
              .min(Comparator.comparingLong(Fault::millis))
              .orElse(null);
      if (cause == null) {
        duplicateCauses.merge(UNEXPLAINED, 1, Integer::sum);
      } else {
        duplicateCauses.merge(cause.cause(), 1, Integer::sum);
        oldestRepeatMillis = Math.max(oldestRepeatMillis, cause.millis() - previous);
      }
    }
  }

  private static long min(List<Long> times) {
    return times.stream().mapToLong(t -> t).min().orElseThrow();
  }

  /** First acceptances, by time, that came after a later offset's (ties count as in order). */
  private static int outOfOrder(Map<Integer, List<long[]>> firstAcceptance) {
    int outOfOrder = 0;
    for (List<long[]> timeline : firstAcceptance.values()) {
      timeline.sort(
          Comparator.<long[]>comparingLong(pair -> pair[0]).thenComparingLong(pair -> pair[1]));
      long highest = -1;
      for (long[] pair : timeline) {
        long offset = pair[1];
        if (offset < highest) {
          outOfOrder++;
        }
        highest = Math.max(highest, offset);
      }
    }
    return outOfOrder;
  }

  /** The longest gap between two progress events of a partition, from the end of the faults. */
  private long longestStall() {
    long longest = 0;
    for (List<Long> times : progress.values()) {
      List<Long> after =
          new ArrayList<>(times.stream().filter(t -> t >= faultsEndedMillis).toList());
      if (after.isEmpty()) {
        continue;
      }
      after.sort(Comparator.naturalOrder());
      long previous = faultsEndedMillis;
      for (long time : after) {
        longest = Math.max(longest, time - previous);
        previous = time;
      }
    }
    return longest;
  }
}
