package io.drover.runtime.reliability;

import java.util.List;
import java.util.Locale;

/**
 * The figures of one reliability run, and what it violated.
 *
 * @param scenario its name
 * @param produced records acknowledged by the broker
 * @param delivered records the endpoint accepted at least once
 * @param deadLettered records in the dead-letter topic (copies counted once)
 * @param lost records neither accepted nor dead-lettered
 * @param outOfOrder first acceptances that came after a later offset's, per partition
 * @param duplicates acceptances beyond the first, and dead letters beyond the first
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
    int lost,
    int outOfOrder,
    int duplicates,
    long longestStallMillis,
    int kills,
    int cleanStops,
    List<String> problems) {

  boolean passed() {
    return problems.isEmpty();
  }

  /** One line: the figures and the verdict. */
  String line() {
    return String.format(
        Locale.ROOT,
        "%s: produced %d, delivered %d, dead-lettered %d, lost %d, out of order %d, duplicates %d"
            + " (%s), longest stall %.1f s, kills %d, clean stops %d: %s",
        scenario,
        produced,
        delivered,
        deadLettered,
        lost,
        outOfOrder,
        duplicates,
        kills == 0
            ? "none allowed"
            : String.format(Locale.ROOT, "%.0f per kill", duplicates / (double) kills),
        longestStallMillis / 1000.0,
        kills,
        cleanStops,
        passed() ? "PASS" : "FAIL " + problems);
  }

  /** One row of the table in docs/reliability.md. */
  String row() {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %d | %d | %d | %d | %d | %.1f s | %d | %d | %s |",
        scenario,
        produced,
        delivered,
        deadLettered,
        lost,
        outOfOrder,
        duplicates,
        longestStallMillis / 1000.0,
        kills,
        cleanStops,
        passed() ? "pass" : "FAIL");
  }
}
