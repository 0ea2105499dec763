package io.drover.runtime.reliability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Judges a run from what was produced, what the endpoint accepted and what the dead-letter topic
 * holds: nothing lost, first deliveries in offset order per partition, a dead letter for every
 * poison record and none for a good one, duplicates (deliveries and dead letters beyond the first)
 * within what the run's faults allow, and no partition without progress for longer than a bound
 * once the faults ended.
 */
final class Checker {

  /** A copy in the dead-letter topic, by original coordinates. */
  record DeadLetter(int partition, long offset, long millis) {}

  /**
   * What a run may show.
   *
   * @param duplicatesAllowed how many acceptances beyond the first the faults can explain
   * @param stallBoundMillis the longest a partition may go without progress after the faults
   * @param kills members killed
   * @param cleanExitCodes exit codes of the members stopped with SIGTERM (all must be 0)
   */
  record Allowance(
      int duplicatesAllowed, long stallBoundMillis, int kills, List<Integer> cleanExitCodes) {}

  private Checker() {}

  static Report check(
      String scenario,
      List<Workload.Produced> produced,
      List<Delivery> deliveries,
      List<DeadLetter> deadLetters,
      Allowance allowance,
      long faultsEndedMillis) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> accepted = new HashMap<>();
    Map<Integer, TreeMap<Long, Long>> firstAcceptance =
        new HashMap<>(); // partition -> time -> offset
    Map<String, Long> firstAcceptedAt = new HashMap<>();
    for (Delivery delivery : deliveries) {
      if (!delivery.accepted()) {
        continue;
      }
      String coordinates = delivery.partition() + "@" + delivery.offset();
      if (accepted.merge(coordinates, 1, Integer::sum) == 1) {
        firstAcceptedAt.put(coordinates, delivery.millis());
      }
    }
    Map<String, Integer> deadLetterCopies = new HashMap<>();
    Map<Integer, List<Long>> progress = new HashMap<>();
    for (DeadLetter dead : deadLetters) {
      if (deadLetterCopies.merge(dead.partition() + "@" + dead.offset(), 1, Integer::sum) == 1) {
        progress.computeIfAbsent(dead.partition(), p -> new ArrayList<>()).add(dead.millis());
      }
    }
    int lost = 0;
    int delivered = 0;
    int extraDeadLetters = 0;
    List<String> lostExamples = new ArrayList<>();
    for (Workload.Produced record : produced) {
      String coordinates = record.partition() + "@" + record.offset();
      int copies = deadLetterCopies.getOrDefault(coordinates, 0);
      if (record.poison()) {
        if (copies == 0) {
          problems.add("poison " + coordinates + " never dead-lettered");
        }
        // A hard kill between a dead letter and the commit past it makes the next owner write it
        // again: a duplicate like any other, allowed where duplicates are.
        extraDeadLetters += Math.max(0, copies - 1);
        continue;
      }
      if (copies > 0) {
        problems.add("good record " + coordinates + " dead-lettered");
      }
      Long at = firstAcceptedAt.get(coordinates);
      if (at == null && copies == 0) {
        lost++;
        if (lostExamples.size() < 5) {
          lostExamples.add(coordinates);
        }
      } else if (at != null) {
        delivered++;
        firstAcceptance
            .computeIfAbsent(record.partition(), p -> new TreeMap<>())
            .put(at, record.offset());
        progress.computeIfAbsent(record.partition(), p -> new ArrayList<>()).add(at);
      }
    }
    if (lost > 0) {
      problems.add(lost + " lost, for example " + lostExamples);
    }
    int outOfOrder = 0;
    for (TreeMap<Long, Long> timeline : firstAcceptance.values()) {
      long highest = -1;
      for (long offset : timeline.values()) {
        if (offset < highest) {
          outOfOrder++;
        }
        highest = Math.max(highest, offset);
      }
    }
    if (outOfOrder > 0) {
      problems.add(outOfOrder + " first deliveries out of offset order");
    }
    int duplicates = accepted.values().stream().mapToInt(n -> n - 1).sum() + extraDeadLetters;
    if (duplicates > allowance.duplicatesAllowed()) {
      problems.add(
          duplicates
              + " duplicates ("
              + extraDeadLetters
              + " of them dead letters), more than the "
              + allowance.duplicatesAllowed()
              + " allowed");
    }
    long longestStall = longestStall(progress, faultsEndedMillis);
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
        deadLetterCopies.size(),
        lost,
        outOfOrder,
        duplicates,
        longestStall,
        allowance.kills(),
        allowance.cleanExitCodes().size(),
        List.copyOf(problems));
  }

  /** The longest gap between two progress events of a partition, from the end of the faults. */
  private static long longestStall(Map<Integer, List<Long>> progress, long from) {
    long longest = 0;
    for (List<Long> times : progress.values()) {
      List<Long> after = new ArrayList<>(times.stream().filter(t -> t >= from).toList());
      if (after.isEmpty()) {
        continue;
      }
      after.sort(Comparator.naturalOrder());
      long previous = from;
      for (long time : after) {
        longest = Math.max(longest, time - previous);
        previous = time;
      }
    }
    return longest;
  }
}
