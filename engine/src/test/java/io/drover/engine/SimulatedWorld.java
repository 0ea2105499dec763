package io.drover.engine;

import io.drover.engine.timetrackers.MonotonicClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Time, chance and the trace of a simulated run. Everything runs on one thread, so a seed decides
 * every choice and a run replays exactly.
 */
final class SimulatedWorld implements MonotonicClock {

  private static final int TRACE_LINES = Integer.getInteger("drover.simulation.trace", 60);

  private final Schedule schedule;
  private final Random random;
  private final List<String> trace = new ArrayList<>();
  private long nanos = Duration.ofHours(1).toNanos();
  private boolean calm;
  private long assignmentEpoch;
  private long runningJobEpoch = -1;

  SimulatedWorld(Schedule schedule) {
    this.schedule = schedule;
    this.random = new Random(schedule.seed() * 31 + 7);
  }

  Schedule schedule() {
    return schedule;
  }

  Random random() {
    return random;
  }

  @Override
  public long nanos() {
    return nanos;
  }

  /** Moves the clock to {@code target}, never backwards. */
  void advanceTo(long target) {
    nanos = Math.max(nanos, target);
  }

  /** Ends the fault phase: from now on nothing fails but poison, and every job is quick. */
  void calm() {
    calm = true;
    note("calm: faults end");
  }

  boolean isCalm() {
    return calm;
  }

  /** Whether a fault with {@code rate} strikes now (never once calm). */
  boolean strikes(double rate) {
    return !calm && rate > 0 && random.nextDouble() < rate;
  }

  /** How long the next job runs. */
  long jobDuration() {
    if (strikes(schedule.slowRate())) {
      return Duration.ofMillis(500 + random.nextInt(45_000)).toNanos();
    }
    return Duration.ofMillis(random.nextInt(calm ? 20 : 60)).toNanos();
  }

  /** Counts an assignment change and returns its number. */
  long nextAssignmentEpoch() {
    return ++assignmentEpoch;
  }

  /** The number of the latest assignment change. */
  long assignmentEpoch() {
    return assignmentEpoch;
  }

  /** Records which assignment the job now running was submitted under (-1: none). */
  void runningJobEpoch(long epoch) {
    runningJobEpoch = epoch;
  }

  /** The assignment the job now running was submitted under, or -1 outside a job. */
  long runningJobEpoch() {
    return runningJobEpoch;
  }

  /** Records what happened, for the report of a failing run. */
  void note(String line) {
    trace.add(String.format("%9.3fs %s", (nanos - Duration.ofHours(1).toNanos()) / 1e9, line));
  }

  /** The last lines of the trace. */
  List<String> traceTail() {
    return trace.subList(Math.max(0, trace.size() - TRACE_LINES), trace.size());
  }
}
