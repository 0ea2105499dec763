package io.drover.engine.processing;

import io.drover.engine.BaseConsumer;
import io.drover.engine.timetrackers.MonotonicClock;
import io.drover.engine.timetrackers.PauseTracker;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The state of one assigned topic-partition: its persistent consumer, its marked and committed
 * offsets, its consecutive failures and its pause.
 *
 * <p>The poll thread owns this state. Worker threads only mark offsets and post pause requests
 * through the {@link PartitionContext} side, which is thread-safe.
 */
public final class Coordinator implements PartitionContext {

  private final TopicPartition partition;
  private final BaseConsumer consumer;
  private final PauseTracker pause;
  private final AtomicLong marked = new AtomicLong(-1);
  private volatile int attempt = 1;
  private volatile PauseRequest pauseRequest;
  private volatile boolean resumeRequest;

  private int failures;
  private long failedAt = -1;
  private long committed = -1;
  private String committedMetadata = "";
  private Future<?> job;
  private boolean offsetsKnown;
  private DeadLetterOrder deadLetterOrder;
  private boolean fetchPaused;
  private long lastTick;

  /** Creates the state of a newly assigned partition and binds its consumer to it. */
  public Coordinator(TopicPartition partition, BaseConsumer consumer, MonotonicClock clock) {
    this.partition = partition;
    this.consumer = consumer;
    this.pause = new PauseTracker(clock);
    this.lastTick = clock.nanos();
    consumer.attach(this);
  }

  // --- The consumer's side (worker threads). ---

  @Override
  public TopicPartition partition() {
    return partition;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  @Override
  public void mark(long nextOffset) {
    marked.accumulateAndGet(nextOffset, Math::max);
  }

  @Override
  public void requestPause(long offset, Duration timeout) {
    resumeRequest = false;
    pauseRequest = new PauseRequest(offset, timeout);
  }

  @Override
  public void requestResume() {
    pauseRequest = null;
    resumeRequest = true;
  }

  // --- The engine's side (poll thread). ---

  /** Returns the consumer of this partition. */
  public BaseConsumer consumer() {
    return consumer;
  }

  /** Returns the pause of this partition. */
  public PauseTracker pause() {
    return pause;
  }

  /** Returns the next offset to commit: everything before it is consumed; -1 if unknown. */
  public long marked() {
    return marked.get();
  }

  /** Returns the number of consecutive failures. */
  public int failures() {
    return failures;
  }

  /**
   * Takes over the failures a previous owner recorded in the committed offset's metadata, so that a
   * restart or a rebalance does not hand a poison message a fresh set of retries.
   */
  public void restore(long committedOffset, int previousFailures) {
    offsetsKnown = true;
    mark(committedOffset);
    committed = committedOffset;
    if (previousFailures > 0) {
      failures = Math.min(previousFailures, AttemptsMetadata.MAX_FAILURES);
      failedAt = committedOffset;
      attempt = failures + 1;
      committedMetadata = AttemptsMetadata.encode(previousFailures);
    }
  }

  /** Records that the partition has no committed offset: it starts fresh, where Kafka puts it. */
  public void noCommittedOffset() {
    offsetsKnown = true;
  }

  /**
   * Returns whether the committed offset and failure count are known. Until they are, nothing may
   * be fetched: a poison message would get a fresh set of retries.
   */
  public boolean offsetsKnown() {
    return offsetsKnown;
  }

  /**
   * Records a failed batch and returns the number of the attempt that failed.
   *
   * @param seekOffset the first unmarked offset of the failed batch
   * @param independent whether progress since the previous failure restarts the count
   */
  public int recordFailure(long seekOffset, boolean independent) {
    if (independent && failedAt >= 0 && seekOffset > failedAt) {
      failures = 0;
    }
    mark(seekOffset);
    failures = Math.min(failures + 1, AttemptsMetadata.MAX_FAILURES);
    failedAt = seekOffset;
    attempt = failures + 1;
    return failures;
  }

  /** Records a successful batch: the attempt counter resets. */
  public void recordSuccess() {
    failures = 0;
    failedAt = -1;
    attempt = 1;
  }

  /** Records that every message before {@code nextOffset} was dead-lettered or consumed. */
  public void skipTo(long nextOffset) {
    mark(nextOffset);
    recordSuccess();
  }

  /** Returns the offset to commit with its metadata, or null when nothing changed. */
  public OffsetAndMetadata pendingCommit() {
    long offset = marked.get();
    String metadata = failures > 0 && failedAt == offset ? AttemptsMetadata.encode(failures) : "";
    if (offset < 0 || (offset == committed && metadata.equals(committedMetadata))) {
      return null;
    }
    return new OffsetAndMetadata(offset, metadata);
  }

  /** Records what the broker has acknowledged as committed. */
  public void committed(OffsetAndMetadata offset) {
    if (offset.offset() >= committed) {
      committed = offset.offset();
      committedMetadata = offset.metadata();
    }
  }

  /** Records that a job for this partition was submitted. */
  public void started(Future<?> submitted) {
    job = submitted;
  }

  /** Records that the partition's job has finished. */
  public void finished() {
    job = null;
  }

  /** Returns whether a job of this partition is in flight. */
  public boolean busy() {
    return job != null;
  }

  /** Waits up to {@code timeout} for the in-flight job; returns whether it has finished. */
  public boolean awaitJob(Duration timeout) {
    Future<?> current = job;
    if (current == null) {
      return true;
    }
    try {
      current.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (ExecutionException e) {
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Records the dead letter being written for this partition, or null once it is written. */
  public void deadLetterOrdered(DeadLetterOrder order) {
    deadLetterOrder = order;
  }

  /** Returns the dead letter whose write is pending (retried after a pause), or null. */
  public DeadLetterOrder deadLetterOrder() {
    return deadLetterOrder;
  }

  /** Returns whether the consumer has asked for a pause that is not applied yet. */
  public boolean hasPauseRequest() {
    return pauseRequest != null;
  }

  /** Forgets the pause and resume the consumer asked for during a call that then failed. */
  public void discardRequests() {
    pauseRequest = null;
    resumeRequest = false;
  }

  /** Takes the pause the consumer asked for during its last call, if any. */
  public PauseRequest takePauseRequest() {
    PauseRequest request = pauseRequest;
    pauseRequest = null;
    return request;
  }

  /** Takes the resume the consumer asked for during its last call. */
  public boolean takeResumeRequest() {
    boolean request = resumeRequest;
    resumeRequest = false;
    return request;
  }

  /** Returns whether fetching is paused in the Kafka client. */
  public boolean fetchPaused() {
    return fetchPaused;
  }

  /** Records whether fetching is paused in the Kafka client. */
  public void fetchPaused(boolean paused) {
    fetchPaused = paused;
  }

  /** Returns when {@code tick()} last ran, in clock nanoseconds. */
  public long lastTick() {
    return lastTick;
  }

  /** Records that {@code tick()} was scheduled at {@code nanos}. */
  public void ticked(long nanos) {
    lastTick = nanos;
  }

  /**
   * A pause the consumer asked for.
   *
   * @param offset where to resume, or -1 for the first unmarked offset
   * @param timeout how long to pause
   */
  public record PauseRequest(long offset, Duration timeout) {}

  @Override
  public String toString() {
    return partition.toString();
  }
}
