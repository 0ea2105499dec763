package io.drover.runtime.reliability;

import io.drover.runtime.reliability.ReliabilityRun.DeadLetters;
import io.drover.runtime.reliability.ReliabilityRun.Delivering;
import io.drover.testing.kafka.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;

/**
 * The faults, each a scenario under a steady load, at a scale: the build runs them short, the full
 * suite ({@link ReliabilitySuite}) long. Waits between faults are the fault schedule itself (the
 * load runs on meanwhile), drawn from a seed so that a run can be repeated.
 */
final class Scenarios {

  /**
   * How much of each fault a run injects.
   *
   * @param kills SIGKILLs, each followed by a replacement
   * @param bounces SIGTERMs, each followed by a replacement
   * @param outage how long the endpoint answers 503
   * @param perSecond records produced per second
   * @param deadLetterTopicAfter how long the dead-letter topic is missing
   * @param storm how long members keep joining and leaving
   */
  record Scale(
      int kills,
      int bounces,
      Duration outage,
      int perSecond,
      Duration deadLetterTopicAfter,
      Duration storm) {
    static final Scale BUILD =
        new Scale(3, 3, Duration.ofSeconds(5), 100, Duration.ofSeconds(15), Duration.ofSeconds(15));
    static final Scale FULL =
        new Scale(
            20, 10, Duration.ofSeconds(10), 300, Duration.ofSeconds(60), Duration.ofSeconds(60));
  }

  /** The stall bound: a dead member's partitions move after the session timeout plus a start. */
  static final long STALL_BOUND_MILLIS =
      ReliabilityRun.SESSION_TIMEOUT.plus(Duration.ofSeconds(20)).toMillis();

  private final Scale scale;
  private final String bootstrap;
  private final Random random;

  Scenarios(Scale scale, String bootstrap, long seed) {
    this.scale = scale;
    this.bootstrap = bootstrap;
    this.random = new Random(seed);
  }

  /** SIGKILL members at random moments, each replaced at once; 2 members, 6 partitions. */
  Report hardKills() throws Exception {
    try (ReliabilityRun run = run("kill -9 of members", shape(6).poison(0.01, 16))) {
      for (int i = 0; i < scale.kills(); i++) {
        // Every few seconds: a member killed more often than the session timeout lets the group
        // notice would keep every partition in limbo, which measures nothing.
        waitMillis(3_000 + random.nextInt(5_000));
        run.fleet().killAndReplace(random.nextInt(run.fleet().size()));
      }
      run.faultsEnded();
      // After a hard kill, what the member delivered since its last commit comes again: the
      // checker ties each duplicate to a kill shortly after its first delivery.
      return report(run, run.finish(STALL_BOUND_MILLIS));
    }
  }

  /**
   * SIGTERM members one after another, as a rolling restart does: no duplicates at all. The members
   * run a user's class that throws {@link Error}s (on poison, and now and then on a first attempt),
   * so the stops meet jobs failing with them.
   */
  Report rollingRestarts() throws Exception {
    try (ReliabilityRun run =
        run(
            "SIGTERM of members (rolling restart), a consumer throwing Errors",
            shape(6).poison(0.01, 16).delivering(Delivering.ERROR_THROWING_PLUGIN))) {
      for (int i = 0; i < scale.bounces(); i++) {
        waitMillis(1_000 + random.nextInt(2_000));
        run.fleet().stopAndReplace(i % run.fleet().size());
      }
      run.faultsEnded();
      return report(run, run.finish(STALL_BOUND_MILLIS));
    }
  }

  /** The endpoint is down, closes every connection, and refuses one key for ever. */
  Report endpointFaults() throws Exception {
    // The retry budget (12 retries, back-off up to 2 s: about 20 s) outlasts the outage, so no good
    // record may be dead-lettered; a poison record blocks its partition that long, so they are few.
    double poisonRate = 1.0 / (scale.perSecond() * 20);
    try (ReliabilityRun run =
        run(
            "endpoint outage, closing connections, poison",
            shape(6).poison(poisonRate, 16).closingEndpoint(12))) {
      waitMillis(2_000);
      run.endpoint().outage(scale.outage().toMillis());
      waitMillis(scale.outage().toMillis());
      run.faultsEnded();
      return report(run, run.finish(STALL_BOUND_MILLIS));
    }
  }

  /**
   * A rebalance storm: every few seconds a member joins or one leaves (cleanly), between 1 and 4
   * members, for the scale's storm. Every leave is a clean stop, so nothing may repeat. The members
   * run the class that throws {@link Error}s.
   */
  Report rebalanceStorm() throws Exception {
    try (ReliabilityRun run =
        run(
            "rebalance storm, a consumer throwing Errors",
            shape(8).poison(0.01, 16).delivering(Delivering.ERROR_THROWING_PLUGIN))) {
      long end = System.nanoTime() + scale.storm().toNanos();
      int changes = 0;
      while (System.nanoTime() < end) {
        waitMillis(2_000 + random.nextInt(2_000));
        boolean join = run.fleet().size() == 1 || (run.fleet().size() < 4 && random.nextBoolean());
        if (join) {
          run.fleet().add();
        } else {
          run.fleet().removeNewest();
        }
        changes++;
      }
      System.out.println("rebalance storm: " + changes + " joins and leaves");
      run.faultsEnded();
      return report(run, run.finish(STALL_BOUND_MILLIS));
    }
  }

  /**
   * An endpoint slower than the poll interval (each answer takes 600 ms, the poll timeout is 500
   * ms): the members keep their partitions and repeat nothing.
   */
  Report slowEndpoint() throws Exception {
    try (ReliabilityRun run =
        run(
            "endpoint slower than the poll interval",
            // 4 records/s on 4 partitions: each takes 1/s, and can do 1.6/s at 600 ms a record.
            ReliabilityRun.Shape.steady(4, 2, 4).slowEndpoint(600))) {
      waitMillis(scale.outage().toMillis());
      run.faultsEnded();
      return report(run, run.finish(STALL_BOUND_MILLIS));
    }
  }

  /**
   * The dead-letter topic is missing when the first poison records arrive, and created later: their
   * writes are retried until it exists, then each poison record has one dead letter.
   */
  Report deadLetterTopicLate() throws Exception {
    try (ReliabilityRun run =
        run(
            "dead-letter topic created late",
            shape(6).poison(0.01, 16).deadLetters(DeadLetters.TOPIC_CREATED_LATER))) {
      waitMillis(scale.deadLetterTopicAfter().toMillis());
      run.createDeadLetterTopic();
      run.faultsEnded();
      return report(run, run.finish(STALL_BOUND_MILLIS));
    }
  }

  /**
   * The endpoint refuses one key for ever and there is no dead-letter policy: the partition of that
   * key is held at its first poison record, retried through a clean restart and a kill, and nothing
   * after it is delivered; every other partition flows.
   */
  Report poisonWithoutDeadLetters() throws Exception {
    try (ReliabilityRun run =
        run(
            "one key refused for ever, no dead-letter policy",
            shape(6).poison(0.01, 1).deadLetters(DeadLetters.NO_POLICY))) {
      waitMillis(3_000 + random.nextInt(2_000));
      run.fleet().stopAndReplace(0);
      waitMillis(3_000 + random.nextInt(2_000));
      run.fleet().killAndReplace(1);
      waitMillis(3_000);
      run.faultsEnded();
      return report(run, run.finish(STALL_BOUND_MILLIS));
    }
  }

  /** The broker restarts cleanly, then is killed with SIGKILL and restarted, mid-stream. */
  static Report brokerRestarts(Scale scale, long seed) throws Exception {
    Path directory = Files.createTempDirectory("drover-reliability-broker");
    try (KafkaBroker broker = KafkaBroker.start(directory)) {
      Scenarios scenarios = new Scenarios(scale, broker.bootstrapServers(), seed);
      try (ReliabilityRun run = scenarios.run("broker restart and kill -9", scenarios.shape(4))) {
        waitMillis(3_000);
        // Commits in flight when the broker goes can be lost with it, as with a member's kill.
        run.fault("broker restart");
        broker.restart();
        waitMillis(3_000);
        run.fault("broker kill -9");
        broker.kill();
        broker.restart();
        run.faultsEnded();
        return scenarios.report(run, run.finish(STALL_BOUND_MILLIS));
      }
    }
  }

  /** Two members, the scale's load, the dead-letter topic from the start, a quick endpoint. */
  private ReliabilityRun.Shape shape(int partitions) {
    return ReliabilityRun.Shape.steady(partitions, 2, scale.perSecond());
  }

  private ReliabilityRun run(String name, ReliabilityRun.Shape shape) throws Exception {
    Path directory = Files.createTempDirectory("drover-reliability");
    return new ReliabilityRun(name, bootstrap, shape, random.nextLong(), directory);
  }

  private Report report(ReliabilityRun run, Report report) throws Exception {
    System.out.println(report.line());
    if (!report.passed()) {
      // Each member's whole log, for the post-mortem; the last ones are the final members.
      Path logs = Files.createDirectories(Path.of("target", "reliability"));
      List<String> outputs = run.outputs();
      for (int i = 0; i < outputs.size(); i++) {
        Path log =
            logs.resolve(report.scenario().replaceAll("\\W+", "-") + "-member-" + i + ".log");
        Files.writeString(log, outputs.get(i));
      }
      System.out.println("member logs in " + logs.toAbsolutePath());
    }
    return report;
  }

  /** The fault schedule's own pace; the load and the members run on meanwhile. */
  private static void waitMillis(long millis) {
    LockSupport.parkNanos(Duration.ofMillis(millis).toNanos());
  }
}
