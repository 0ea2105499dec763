package io.drover.engine.processing;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The bounded pool that runs jobs: {@code concurrency} threads. The poll thread submits at most one
 * job per partition at a time, so the queue is bounded by the number of assigned partitions.
 */
public final class WorkerPool {

  private final ExecutorService executor;
  private final Consumer<JobResult> onResult;

  /**
   * Creates the pool.
   *
   * @param concurrency the number of worker threads
   * @param onResult receives every job's result, on the worker thread
   */
  public WorkerPool(int concurrency, Consumer<JobResult> onResult) {
    this(Executors.newFixedThreadPool(concurrency, daemonThreads()), onResult);
  }

  /**
   * Creates the pool on {@code executor}; the engine's simulation passes one that runs jobs when
   * the simulated world says so.
   */
  public WorkerPool(ExecutorService executor, Consumer<JobResult> onResult) {
    this.executor = executor;
    this.onResult = onResult;
  }

  /** Runs {@code job} on a worker and hands its result on. */
  public Future<?> submit(Callable<JobResult> job) {
    return executor.submit(
        () -> {
          onResult.accept(job.call());
          return null;
        });
  }

  /** Interrupts the jobs still running and waits up to {@code timeout} for the workers to end. */
  public void shutdownNow(Duration timeout) {
    executor.shutdownNow();
    try {
      executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "drover-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
