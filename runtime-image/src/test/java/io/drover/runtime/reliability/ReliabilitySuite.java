package io.drover.runtime.reliability;

import io.drover.testing.kafka.KafkaBroker;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The full reliability suite (not a test): every scenario at full scale on its own broker; prints
 * one line per scenario and the table for docs/reliability.md. Exits 1 if any scenario failed.
 */
public final class ReliabilitySuite {

  private ReliabilitySuite() {}

  public static void main(String[] args) throws Exception {
    long seed = Long.getLong("seed", 20261130L);
    String only = System.getProperty("scenario", "");
    List<Report> reports = new ArrayList<>();
    try (KafkaBroker broker = KafkaBroker.start(Files.createTempDirectory("drover-suite-broker"))) {
      Scenarios scenarios = new Scenarios(Scenarios.Scale.FULL, broker.bootstrapServers(), seed);
      if (only.isEmpty() || only.equals("kills")) {
        reports.add(scenarios.hardKills());
      }
      if (only.isEmpty() || only.equals("restarts")) {
        reports.add(scenarios.rollingRestarts());
      }
      if (only.isEmpty() || only.equals("storm")) {
        reports.add(scenarios.rebalanceStorm());
      }
      if (only.isEmpty() || only.equals("endpoint")) {
        reports.add(scenarios.endpointFaults());
      }
      if (only.isEmpty() || only.equals("slow")) {
        reports.add(scenarios.slowEndpoint());
      }
      if (only.isEmpty() || only.equals("dlq")) {
        reports.add(scenarios.deadLetterTopicLate());
      }
      if (only.isEmpty() || only.equals("held")) {
        reports.add(scenarios.poisonWithoutDeadLetters());
      }
    }
    if (only.isEmpty() || only.equals("broker")) {
      reports.add(Scenarios.brokerRestarts(Scenarios.Scale.FULL, seed));
    }
    System.out.println();
    System.out.println(
        "| scenario | produced | delivered | dead-lettered | held | lost | out of order |"
            + " duplicates | longest stall | kills | clean stops | verdict |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    reports.forEach(report -> System.out.println(report.row()));
    System.exit(reports.stream().allMatch(Report::passed) ? 0 : 1);
  }
}
