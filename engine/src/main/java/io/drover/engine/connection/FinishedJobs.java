package io.drover.engine.connection;

import io.drover.engine.processing.Coordinator;
import io.drover.engine.processing.Coordinators;
import io.drover.engine.processing.JobResult;
import io.drover.engine.processing.ResultHandler;
import java.util.Collection;
import java.util.Iterator;
import java.util.Queue;

/**
 * The results workers have handed back and the poll thread has not applied yet. The loop applies
 * them each turn; a revocation applies those of the leaving partitions before its final commit, so
 * that a dead letter written or a failure counted just before the revocation is not lost with the
 * partition (and written or counted again by its next owner).
 */
final class FinishedJobs {

  private final Queue<JobResult> results;
  private final ResultHandler handler;
  private final Coordinators coordinators;

  FinishedJobs(Queue<JobResult> results, ResultHandler handler, Coordinators coordinators) {
    this.results = results;
    this.handler = handler;
    this.coordinators = coordinators;
  }

  /** Applies every waiting result of a partition that is still assigned. */
  void applyAll(boolean stopping) {
    for (JobResult result = results.poll(); result != null; result = results.poll()) {
      if (coordinators.isCurrent(result.coordinator())) {
        handler.apply(result, stopping);
      }
    }
  }

  /**
   * Applies the waiting results of {@code leaving} as a stop does: a failure is counted and
   * committed with its seek offset, never retried or dead-lettered now, as the partition is going.
   */
  void settle(Collection<Coordinator> leaving) {
    for (Iterator<JobResult> it = results.iterator(); it.hasNext(); ) {
      JobResult result = it.next();
      if (leaving.contains(result.coordinator()) && results.remove(result)) {
        handler.apply(result, true);
      }
    }
  }
}
