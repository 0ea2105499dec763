package io.drover.engine.connection;

import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.processing.AttemptsMetadata;
import io.drover.engine.processing.Coordinator;
import io.drover.engine.timetrackers.MonotonicClock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Gives newly assigned partitions their committed offset and the failure count kept in its
 * metadata. A read that fails (a coordinator moving, a broker away) is reported and retried on
 * later turns of the loop; meanwhile those partitions are not fetched, so nothing starts without
 * knowing how often it has already failed.
 */
final class OffsetRestorer {

  /** How long one read may block the poll thread. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  /** How long to wait after a failed read before the next. */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

  private final Client client;
  private final Monitor monitor;
  private final MonotonicClock clock;
  private long nextRetry;

  OffsetRestorer(Client client, Monitor monitor, MonotonicClock clock) {
    this.client = client;
    this.monitor = monitor;
    this.clock = clock;
  }

  /** Reads the offsets of {@code coordinators} now, as a new assignment needs. */
  void restoreNow(Collection<Coordinator> coordinators) {
    read(coordinators.stream().filter(c -> !c.offsetsKnown()).toList());
  }

  /** Retries the read for the coordinators still waiting, once the retry interval has passed. */
  void restoreDue(Collection<Coordinator> coordinators) {
    List<Coordinator> waiting = coordinators.stream().filter(c -> !c.offsetsKnown()).toList();
    if (!waiting.isEmpty() && clock.nanos() - nextRetry >= 0) {
      read(waiting);
    }
  }

  private void read(List<Coordinator> waiting) {
    if (waiting.isEmpty()) {
      return;
    }
    Set<TopicPartition> partitions =
        waiting.stream().map(Coordinator::partition).collect(Collectors.toSet());
    Map<TopicPartition, OffsetAndMetadata> committed;
    try {
      committed = client.committed(partitions, READ_TIMEOUT);
    } catch (RuntimeException e) {
      nextRetry = clock.nanos() + RETRY_INTERVAL.toNanos();
      monitor.publish(
          new Event.ErrorOccurred(ErrorType.CONNECTION_COMMITTED, e, this, null, -1, 0));
      return;
    }
    for (Coordinator coordinator : waiting) {
      OffsetAndMetadata offset = committed.get(coordinator.partition());
      if (offset == null) {
        coordinator.noCommittedOffset();
      } else {
        coordinator.restore(offset.offset(), AttemptsMetadata.decode(offset.metadata()));
      }
    }
  }
}
