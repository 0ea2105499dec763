package io.drover.engine.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.drover.engine.BaseConsumer;
import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.lifecycle.Lifecycle;
import io.drover.engine.messages.Messages;
import io.drover.engine.processing.AttemptsMetadata;
import io.drover.engine.processing.Coordinator;
import io.drover.engine.processing.Coordinators;
import io.drover.engine.processing.Jobs;
import io.drover.engine.processing.OffsetCommitter;
import io.drover.engine.processing.WorkerPool;
import io.drover.engine.timetrackers.ManualClock;
import io.drover.engine.timetrackers.PollTracker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A newly assigned partition starts from its committed offset and failure count, even when the
 * first reads of them fail (a group coordinator moving): the partition gets its coordinator at
 * once, stays unfetched, and the read is retried until it succeeds. Runs on MockConsumer and a
 * manual clock.
 */
class AssignmentOffsetsTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);
  private static final TopicPartition ORDERS_1 = new TopicPartition("orders", 1);

  private final ManualClock clock = new ManualClock();
  private final Monitor monitor = new Monitor();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final AtomicInteger failingReads = new AtomicInteger(2);
  private final MockConsumer<byte[], byte[]> kafka =
      new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name()) {
        @Override
        public synchronized Map<TopicPartition, OffsetAndMetadata> committed(
            Set<TopicPartition> partitions, Duration timeout) {
          if (failingReads.getAndDecrement() > 0) {
            throw new TimeoutException("the group coordinator is moving");
          }
          return super.committed(partitions, timeout);
        }
      };
  private final Client client = new Client(kafka);
  private final Coordinators coordinators = new Coordinators();
  private final WorkerPool pool = new WorkerPool(1, result -> {});
  private final OffsetRestorer offsets = new OffsetRestorer(client, monitor, clock);
  private final RebalanceHandler handler =
      new RebalanceHandler(
          client,
          coordinators,
          partition ->
              new BaseConsumer() {
                @Override
                public void consume(Messages messages) {}
              },
          pool,
          new Jobs(monitor, new Lifecycle(), null, clock),
          new OffsetCommitter(client, monitor, clock, Duration.ofSeconds(5)),
          monitor,
          clock,
          Duration.ofSeconds(1),
          offsets,
          // No job runs in this test, so no result ever needs a handler.
          new FinishedJobs(new ConcurrentLinkedQueue<>(), null, coordinators),
          new PollTracker(clock, Duration.ofSeconds(60)));

  AssignmentOffsetsTest() {
    monitor.subscribeAll(events::add);
    kafka.assign(List.of(ORDERS_0, ORDERS_1));
    kafka.commitSync(Map.of(ORDERS_0, new OffsetAndMetadata(7, AttemptsMetadata.encode(2))));
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow(Duration.ofSeconds(1));
  }

  @Test
  void failedReadsOfCommittedOffsetsAreRetriedWhileThePartitionsStayUnfetched() {
    handler.onPartitionsAssigned(List.of(ORDERS_0, ORDERS_1));

    assertThat(coordinators.all()).hasSize(2).noneMatch(Coordinator::offsetsKnown);
    assertThat(kafka.paused()).containsExactlyInAnyOrder(ORDERS_0, ORDERS_1);
    assertThat(events)
        .filteredOn(Event.ErrorOccurred.class::isInstance)
        .map(e -> ((Event.ErrorOccurred) e).type())
        .containsExactly(ErrorType.CONNECTION_COMMITTED);

    offsets.restoreDue(coordinators.all()); // too soon: no second read yet
    assertThat(failingReads.get()).isEqualTo(1);
    clock.advance(OffsetRestorer.RETRY_INTERVAL);
    offsets.restoreDue(coordinators.all()); // fails again
    clock.advance(OffsetRestorer.RETRY_INTERVAL);
    offsets.restoreDue(coordinators.all()); // succeeds

    assertThat(coordinators.all()).allMatch(Coordinator::offsetsKnown);
    Coordinator restored = coordinators.get(ORDERS_0);
    assertThat(restored.marked()).isEqualTo(7);
    assertThat(restored.failures()).isEqualTo(2);
    assertThat(restored.attempt()).isEqualTo(3);
    assertThat(coordinators.get(ORDERS_1).failures()).isZero();
  }
}
