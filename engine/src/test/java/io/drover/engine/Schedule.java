package io.drover.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The knobs of one simulated run: how much data, which faults and how often. A seed picks the knobs
 * and then every random choice of the run, so a seed replays a run exactly; {@link #simpler()}
 * offers the smaller variants a failing run is shrunk to.
 *
 * @param seed drives every random choice of the run
 * @param partitions how many partitions the topic has
 * @param recordsPerPartition how many records each partition's log holds
 * @param poisonRate the share of records that fail on every attempt
 * @param failureRate the share of deliveries that throw once (an exception or an {@code Error})
 * @param pauseRate the share of deliveries where the consumer pauses itself
 * @param slowRate the share of jobs that take long (past the revoke or shutdown timeout)
 * @param commitFailureRate the share of commits and committed-offset reads that fail
 * @param deadLetterFailureRate the share of dead-letter writes that fail
 * @param rebalances how many rebalances (some of them losing partitions) the fault phase has
 * @param restarts how many times a member stops cleanly and a new one starts
 * @param crashes how many times a member dies without committing anything more
 * @param deadLetter whether there is a dead-letter topic
 * @param independent whether progress since the last failure restarts the count
 * @param maxRetries retries before a message is dead-lettered
 * @param concurrency the worker pool's size
 */
record Schedule(
    long seed,
    int partitions,
    int recordsPerPartition,
    double poisonRate,
    double failureRate,
    double pauseRate,
    double slowRate,
    double commitFailureRate,
    double deadLetterFailureRate,
    int rebalances,
    int restarts,
    int crashes,
    boolean deadLetter,
    boolean independent,
    int maxRetries,
    int concurrency) {

  /** Draws the knobs of the run with {@code seed}. */
  static Schedule random(long seed) {
    Random random = new Random(seed);
    return new Schedule(
        seed,
        1 + random.nextInt(4),
        random.nextInt(40),
        pick(random, 0, 0.02, 0.1),
        pick(random, 0, 0.05, 0.2),
        pick(random, 0, 0.03, 0.1),
        pick(random, 0, 0.05, 0.2),
        pick(random, 0, 0.05, 0.3),
        pick(random, 0, 0.1, 0.5),
        random.nextInt(6),
        random.nextInt(3),
        random.nextInt(3),
        random.nextBoolean(),
        random.nextBoolean(),
        random.nextInt(4),
        1 + random.nextInt(3));
  }

  private static double pick(Random random, double... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** Whether any fault can lose a failure count (a failed commit or a crash): attempts may grow. */
  boolean countsCanBeLost() {
    return commitFailureRate > 0 || crashes > 0;
  }

  /** The variants with one knob turned down, for shrinking a failing run; same seed. */
  List<Schedule> simpler() {
    List<Schedule> variants = new ArrayList<>();
    variant(variants, partitions > 1, k -> k.partitions--);
    variant(variants, recordsPerPartition > 0, k -> k.recordsPerPartition /= 2);
    variant(variants, poisonRate > 0, k -> k.poisonRate = 0);
    variant(variants, failureRate > 0, k -> k.failureRate = 0);
    variant(variants, pauseRate > 0, k -> k.pauseRate = 0);
    variant(variants, slowRate > 0, k -> k.slowRate = 0);
    variant(variants, commitFailureRate > 0, k -> k.commitFailureRate = 0);
    variant(variants, deadLetterFailureRate > 0, k -> k.deadLetterFailureRate = 0);
    variant(variants, rebalances > 0, k -> k.rebalances--);
    variant(variants, restarts > 0, k -> k.restarts--);
    variant(variants, crashes > 0, k -> k.crashes--);
    variant(variants, concurrency > 1, k -> k.concurrency = 1);
    return variants;
  }

  private void variant(List<Schedule> variants, boolean applies, Consumer<Knobs> change) {
    if (applies) {
      Knobs knobs = new Knobs(this);
      change.accept(knobs);
      variants.add(knobs.schedule());
    }
  }

  /** A schedule's knobs, to change one at a time. */
  private static final class Knobs {
    final long seed;
    int partitions;
    int recordsPerPartition;
    double poisonRate;
    double failureRate;
    double pauseRate;
    double slowRate;
    double commitFailureRate;
    double deadLetterFailureRate;
    int rebalances;
    int restarts;
    int crashes;
    final boolean deadLetter;
    final boolean independent;
    final int maxRetries;
    int concurrency;

    Knobs(Schedule s) {
      seed = s.seed;
      partitions = s.partitions;
      recordsPerPartition = s.recordsPerPartition;
      poisonRate = s.poisonRate;
      failureRate = s.failureRate;
      pauseRate = s.pauseRate;
      slowRate = s.slowRate;
      commitFailureRate = s.commitFailureRate;
      deadLetterFailureRate = s.deadLetterFailureRate;
      rebalances = s.rebalances;
      restarts = s.restarts;
      crashes = s.crashes;
      deadLetter = s.deadLetter;
      independent = s.independent;
      maxRetries = s.maxRetries;
      concurrency = s.concurrency;
    }

    Schedule schedule() {
      return new Schedule(
          seed,
          partitions,
          recordsPerPartition,
          poisonRate,
          failureRate,
          pauseRate,
          slowRate,
          commitFailureRate,
          deadLetterFailureRate,
          rebalances,
          restarts,
          crashes,
          deadLetter,
          independent,
          maxRetries,
          concurrency);
    }
  }
}
