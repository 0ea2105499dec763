package io.drover.engine.instrumentation;

import io.drover.engine.ClusterState;
import io.drover.engine.ShutdownOutcome;
import java.time.Duration;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * What the monitor carries. Every event is a small record; none holds a message key or payload, so
 * any subscriber may log or export it.
 */
public sealed interface Event {

  /** Returns the event's name. */
  EventName name();

  /**
   * An error, wherever it happened.
   *
   * @param type where it happened
   * @param error the exception
   * @param caller the consumer or component that raised it
   * @param partition the partition concerned, or null
   * @param seekOffset for consume errors, the first unmarked offset of the batch; otherwise -1
   * @param attempt for consume errors, the attempt that failed (from 1); otherwise 0
   */
  record ErrorOccurred(
      ErrorType type,
      Throwable error,
      Object caller,
      TopicPartition partition,
      long seekOffset,
      int attempt)
      implements Event {
    @Override
    public EventName name() {
      return EventName.ERROR_OCCURRED;
    }
  }

  /**
   * A batch consumed without error.
   *
   * @param partition where it came from
   * @param size how many messages it held
   * @param firstOffset the offset of its first message
   * @param lastOffset the offset of its last message
   * @param duration how long {@code consume} took
   * @param attempt the attempt that succeeded (from 1)
   */
  record BatchConsumed(
      TopicPartition partition,
      int size,
      long firstOffset,
      long lastOffset,
      Duration duration,
      int attempt)
      implements Event {
    @Override
    public EventName name() {
      return EventName.CONSUMER_CONSUMED;
    }
  }

  /**
   * A partition paused.
   *
   * @param partition the paused partition
   * @param offset where it resumes
   * @param attempt the consecutive failures so far, or 0 for a pause the consumer asked for
   * @param pause how long it stays paused
   * @param cause the error behind the pause, or null for a pause the consumer asked for
   */
  record PartitionPaused(
      TopicPartition partition, long offset, int attempt, Duration pause, Throwable cause)
      implements Event {
    @Override
    public EventName name() {
      return EventName.CONSUMER_PAUSED;
    }
  }

  /**
   * A paused partition resumed fetching.
   *
   * @param partition the partition
   * @param offset where fetching resumes
   * @param nextAttempt the attempt the next batch will be (1 after a pause the consumer asked for)
   */
  record PartitionResumed(TopicPartition partition, long offset, int nextAttempt) implements Event {
    @Override
    public EventName name() {
      return EventName.CONSUMER_RESUMED;
    }
  }

  /**
   * A partition succeeded after failing.
   *
   * @param partition the partition
   * @param offset the first offset of the batch that succeeded
   * @param failedAttempts how many attempts failed before
   */
  record PartitionRecovered(TopicPartition partition, long offset, int failedAttempts)
      implements Event {
    @Override
    public EventName name() {
      return EventName.CONSUMER_RECOVERED;
    }
  }

  /**
   * A message given up on and written to the dead-letter topic.
   *
   * @param partition where the message came from
   * @param offset its offset
   * @param deadLetterTopic where it went
   * @param attempts the attempt count when it was given up (see DeadLetterHeaders.ATTEMPTS)
   * @param errorClass the class of the last error
   */
  record DeadLetterDispatched(
      TopicPartition partition,
      long offset,
      String deadLetterTopic,
      int attempts,
      String errorClass)
      implements Event {
    @Override
    public EventName name() {
      return EventName.DEAD_LETTER_DISPATCHED;
    }
  }

  /**
   * Partitions added to this member.
   *
   * @param partitions the added partitions
   */
  record PartitionsAssigned(Set<TopicPartition> partitions) implements Event {
    @Override
    public EventName name() {
      return EventName.PARTITIONS_ASSIGNED;
    }
  }

  /**
   * Partitions taken from this member.
   *
   * @param partitions the partitions
   * @param lost true when they were lost (the member was fenced) and nothing could be committed
   */
  record PartitionsRevoked(Set<TopicPartition> partitions, boolean lost) implements Event {
    @Override
    public EventName name() {
      return EventName.PARTITIONS_REVOKED;
    }
  }

  /**
   * A managed resource reconnected.
   *
   * @param resource the resource's name
   * @param attempts how many connection attempts it took
   * @param errorClass the class of the error that dropped the connection
   */
  record ResourceReconnected(String resource, int attempts, String errorClass) implements Event {
    @Override
    public EventName name() {
      return EventName.RESOURCE_RECONNECTED;
    }
  }

  /**
   * The connection to the cluster changed.
   *
   * @param previous the state before
   * @param state the state now
   * @param bootstrapServers the address the client was given, to name in messages (never a
   *     credential)
   * @param errorClass for a refusal, the class of the client's error; otherwise null
   */
  record ClusterStateChanged(
      ClusterState previous, ClusterState state, String bootstrapServers, String errorClass)
      implements Event {
    @Override
    public EventName name() {
      return EventName.CLUSTER_STATE_CHANGED;
    }
  }

  /**
   * The engine runs.
   *
   * @param groupId its consumer group
   */
  record AppRunning(String groupId) implements Event {
    @Override
    public EventName name() {
      return EventName.APP_RUNNING;
    }
  }

  /**
   * A stop began.
   *
   * @param timeout how long it may take
   */
  record AppStopping(Duration timeout) implements Event {
    @Override
    public EventName name() {
      return EventName.APP_STOPPING;
    }
  }

  /**
   * The engine stopped.
   *
   * @param outcome clean or timed out
   * @param took how long the stop took
   */
  record AppStopped(ShutdownOutcome outcome, Duration took) implements Event {
    @Override
    public EventName name() {
      return EventName.APP_STOPPED;
    }
  }
}
