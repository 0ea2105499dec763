package io.drover.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The worker pool of a simulated run. A submitted job is given a duration by the world and runs, on
 * the loop's own thread, once the simulated clock has reached its end: in a poll that waits long
 * enough, or in a revocation that waits for it. A wait shorter than the job times out and moves the
 * clock by the wait, as it would on a real thread.
 */
final class SimulatedJobs extends AbstractExecutorService {

  private final SimulatedWorld world;
  private final List<Job<?>> pending = new ArrayList<>();
  private boolean shutdown;
  private long lastDoneAt = Long.MIN_VALUE;

  SimulatedJobs(SimulatedWorld world) {
    this.world = world;
  }

  /** When the earliest pending job finishes, or {@link Long#MAX_VALUE}. */
  long nextDoneAt() {
    return pending.stream().mapToLong(job -> job.doneAt).min().orElse(Long.MAX_VALUE);
  }

  /**
   * Starts watching for the last job to finish: the pending ones and every one submitted from now
   * on; see {@link #lastDoneAt()}.
   */
  void watchFromNow() {
    lastDoneAt = pending.stream().mapToLong(job -> job.doneAt).max().orElse(Long.MIN_VALUE);
  }

  /** When the last job watched finishes (or finished), or {@link Long#MIN_VALUE}. */
  long lastDoneAt() {
    return lastDoneAt;
  }

  /** Runs every job whose time has come, earliest first; returns whether any ran. */
  boolean runDue() {
    List<Job<?>> due =
        pending.stream()
            .filter(job -> job.doneAt <= world.nanos())
            .sorted(Comparator.comparingLong(job -> job.doneAt))
            .toList();
    due.forEach(Job::finish);
    return !due.isEmpty();
  }

  @Override
  protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
    long doneAt = world.nanos() + world.jobDuration();
    lastDoneAt = Math.max(lastDoneAt, doneAt);
    return new Job<>(callable, doneAt, world.assignmentEpoch());
  }

  @Override
  public void execute(Runnable command) {
    if (!(command instanceof Job<?> job)) {
      throw new IllegalArgumentException("only submitted jobs run here");
    }
    pending.add(job);
  }

  @Override
  public void shutdown() {
    shutdown = true;
  }

  @Override
  public List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> abandoned = new ArrayList<>(pending);
    pending.clear();
    return abandoned;
  }

  @Override
  public boolean isShutdown() {
    return shutdown;
  }

  @Override
  public boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  /** A job that finishes at a simulated time. */
  private final class Job<T> extends FutureTask<T> {
    private final long doneAt;
    private final long epoch;

    Job(Callable<T> callable, long doneAt, long epoch) {
      super(callable);
      this.doneAt = doneAt;
      this.epoch = epoch;
    }

    void finish() {
      pending.remove(this);
      world.runningJobEpoch(epoch);
      try {
        run();
      } finally {
        world.runningJobEpoch(-1);
      }
    }

    @Override
    public T get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      if (!isDone()) {
        long deadline = world.nanos() + unit.toNanos(timeout);
        if (doneAt > deadline) {
          world.advanceTo(deadline);
          throw new TimeoutException("simulated job still running");
        }
        world.advanceTo(doneAt);
        finish();
      }
      return super.get();
    }
  }
}
