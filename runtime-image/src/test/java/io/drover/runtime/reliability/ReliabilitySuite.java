package io.drover.runtime.reliability;

import io.drover.testing.kafka.KafkaBroker;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

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
      Map<String, Callable<Report>> onThisBroker = new LinkedHashMap<>();
      onThisBroker.put("kills", scenarios::hardKills);
      onThisBroker.put("restarts", scenarios::rollingRestarts);
      onThisBroker.put("storm", scenarios::rebalanceStorm);
      onThisBroker.put("endpoint", scenarios::endpointFaults);
      onThisBroker.put("slow", scenarios::slowEndpoint);
      onThisBroker.put("dlq", scenarios::deadLetterTopicLate);
      onThisBroker.put("held", scenarios::poisonWithoutDeadLetters);
      for (Map.Entry<String, Callable<Report>> scenario : onThisBroker.entrySet()) {
        if (only.isEmpty() || only.equals(scenario.getKey())) {
          reports.add(scenario.getValue().call());
        }
      }
    }
    // The broker scenario restarts and kills its broker, so it has its own.
    if (only.isEmpty() || only.equals("broker")) {
      reports.add(Scenarios.brokerRestarts(Scenarios.Scale.FULL, seed));
    }
    System.out.println();
    System.out.println("| scenario | " + String.join(" | ", Report.COLUMNS) + " | verdict |");
    System.out.println("|---".repeat(Report.COLUMNS.size() + 2) + "|");
    reports.forEach(report -> System.out.println(report.row()));
    System.exit(reports.stream().allMatch(Report::passed) ? 0 : 1);
  }
}
