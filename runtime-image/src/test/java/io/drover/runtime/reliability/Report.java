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

  /** The table's column headers, in the order of {@link #cells()}. */
  static final List<String> COLUMNS =
      List.of(
          "produced",
          "delivered",
          "dead-lettered",
          "held",
          "lost",
          "out of order",
          "duplicates",
          "longest stall",
          "kills",
          "clean stops");

  /** One line: the figures and the verdict. */
  String line() {
    List<String> cells = cells();
    StringBuilder line = new StringBuilder(scenario).append(':');
    for (int i = 0; i < COLUMNS.size(); i++) {
      line.append(i == 0 ? " " : ", ").append(COLUMNS.get(i)).append(' ').append(cells.get(i));
    }
    return line.append(": ").append(passed() ? "PASS" : "FAIL " + problems).toString();
  }

  /** One row of the table in docs/reliability.md. */
  String row() {
    return "| "
        + scenario
        + " | "
        + String.join(" | ", cells())
        + " | "
        + (passed() ? "pass" : "FAIL")
        + " |";
  }

  private List<String> cells() {
    return List.of(
        count(produced),
        count(delivered),
        count(deadLettered),
        count(held),
        count(lost),
        count(outOfOrder),
        duplicatesWithCauses(),
        String.format(Locale.ROOT, "%.1f s", longestStallMillis / 1000.0),
        count(kills),
        count(cleanStops));
  }

  private static String count(int value) {
    return String.format(Locale.ROOT, "%,d", value);
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
