package io.drover.runtime.reliability;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of one reliability run, and what it violated.
 *
 * @param scenario its name
 * @param produced records acknowledged by the broker
 * @param delivered records the endpoint accepted at least once
 * @param deadLettered records in the dead-letter topic (copies counted once)
 * @param held records held behind a poison record, without a dead-letter policy
 * @param lost records neither accepted, dead-lettered nor held
 * @param outOfOrder first acceptances that came after a later offset's, per partition
 * @param duplicateCauses acceptances and dead letters beyond the first, by the fault that explains
 *     them ({@link Checker#UNEXPLAINED} for none)
 * @param oldestRepeatMillis the longest a repeated record had been delivered before the fault that
 *     repeated it
 * @param longestStallMillis the longest a partition made no progress after the last fault ended
 * @param kills members killed with SIGKILL
 * @param cleanStops members stopped with SIGTERM
 * @param problems what the run violated; empty when it held
 */
record Report(
    String scenario,
    int produced,
    int delivered,
    int deadLettered,
    int held,
    int lost,
    int outOfOrder,
    Map<String, Integer> duplicateCauses,
    long oldestRepeatMillis,
    long longestStallMillis,
    int kills,
    int cleanStops,
    List<String> problems) {

  boolean passed() {
    return problems.isEmpty();
  }

  int duplicates() {
    return duplicateCauses.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** One line: the figures and the verdict. */
  String line() {
    return String.format(
        Locale.ROOT,
        "%s: produced %d, delivered %d, dead-lettered %d, held %d, lost %d, out of order %d,"
            + " duplicates %s, longest stall %.1f s, kills %d, clean stops %d: %s",
        scenario,
        produced,
        delivered,
        deadLettered,
        held,
        lost,
        outOfOrder,
        duplicatesWithCauses(),
        longestStallMillis / 1000.0,
        kills,
        cleanStops,
        passed() ? "PASS" : "FAIL " + problems);
  }

  /** One row of the table in docs/reliability.md. */
  String row() {
    return String.format(
        Locale.ROOT,
        "| %s | %,d | %,d | %,d | %,d | %d | %d | %s | %.1f s | %d | %d | %s |",
        scenario,
        produced,
        delivered,
        deadLettered,
        held,
        lost,
        outOfOrder,
        duplicatesWithCauses(),
        longestStallMillis / 1000.0,
        kills,
        cleanStops,
        passed() ? "pass" : "FAIL");
  }

  /** "0", or "1,590 (kill -9: 1,590; oldest 4.2 s before its fault)". */
  private String duplicatesWithCauses() {
    if (duplicateCauses.isEmpty()) {
      return "0";
    }
    String causes =
        duplicateCauses.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> String.format(Locale.ROOT, "%s: %,d", e.getKey(), e.getValue()))
            .collect(Collectors.joining("; "));
    return String.format(
        Locale.ROOT,
        "%,d (%s; oldest %.1f s before its fault)",
        duplicates(),
        causes,
        oldestRepeatMillis / 1000.0);
  }
}
