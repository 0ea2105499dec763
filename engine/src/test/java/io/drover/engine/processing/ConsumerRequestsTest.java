package io.drover.engine.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.engine.BaseConsumer;
import io.drover.engine.RetryAfter;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.lifecycle.Lifecycle;
import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;
import io.drover.engine.processing.strategies.DefaultStrategy;
import io.drover.engine.timetrackers.Backoff;
import io.drover.engine.timetrackers.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a consumer asks of the engine from inside its calls (marks, pauses, resumes) is applied
 * exactly, and whatever a call throws ends its job with a result: nothing is skipped, nothing
 * hangs. Runs on kafka-clients' MockConsumer and a manual clock, in one thread.
 */
class ConsumerRequestsTest {

  private static final TopicPartition ORDERS_0 = new TopicPartition("orders", 0);

  private static final ErrorPolicy POLICY =
      new ErrorPolicy(
          new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), true, 0, () -> 0),
          new DefaultStrategy(),
          false);

  private final ManualClock clock = new ManualClock();
  private final Monitor monitor = new Monitor();
  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final MockConsumer<byte[], byte[]> kafka =
      new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
  private final PartitionPositions client =
      new PartitionPositions() {
        @Override
        public void seek(TopicPartition partition, long offset) {
          kafka.seek(partition, offset);
        }

        @Override
        public void commitAsync(
            Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
          kafka.commitAsync(offsets, callback);
        }

        @Override
        public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
          kafka.commitSync(offsets, timeout);
        }
      };
  private final Lifecycle lifecycle = new Lifecycle();
  private final WorkerPool pool = new WorkerPool(1, result -> {});
  private final Jobs jobs = new Jobs(monitor, lifecycle, null, clock);
  private final ResultHandler handler =
      new ResultHandler(
          client,
          monitor,
          lifecycle,
          POLICY,
          new Pauses(monitor, POLICY),
          new OffsetCommitter(client, monitor, clock, Duration.ofSeconds(5)),
          pool,
          jobs);

  ConsumerRequestsTest() {
    monitor.subscribeAll(events::add);
    kafka.assign(List.of(ORDERS_0));
    kafka.updateBeginningOffsets(Map.of(ORDERS_0, 0L));
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow(Duration.ofSeconds(1));
  }

  @Test
  void aPauseTheConsumerAsksForLeavesTheRestOfTheBatchUnmarked() throws Exception {
    // Karafka's rate-limit pattern: handle 0-4, pause at 5, return.
    Coordinator coordinator =
        coordinator(
            (consumer, messages) -> {
              for (Message message : messages.list()) {
                if (message.offset() == 5) {
                  consumer.pause(5, Duration.ofSeconds(1));
                  return;
                }
                consumer.markAsConsumed(message);
              }
            });

    JobResult result = jobs.consume(coordinator, batch(0, 10)).call();

    assertThat(result).isInstanceOf(JobResult.Consumed.class);
    assertThat(coordinator.marked()).isEqualTo(5);
  }

  @Test
  void aPauseAskedForByACallThatThrowsDoesNotOutliveIt() throws Exception {
    Coordinator coordinator =
        coordinator(
            (consumer, messages) -> {
              consumer.pause(Duration.ofMinutes(10));
              throw new IllegalStateException("failed after asking for a pause");
            });

    JobResult result = jobs.consume(coordinator, batch(0, 3)).call();

    assertThat(result).isInstanceOf(JobResult.ConsumeFailed.class);
    assertThat(coordinator.takePauseRequest()).isNull();
  }

  @Test
  void messagesMarkedBeforeAFailureAreCountedAsConsumed() throws Exception {
    Coordinator coordinator =
        coordinator(
            (consumer, messages) -> {
              for (Message message : messages.list()) {
                if (message.offset() == 3) {
                  throw new IllegalStateException("fails at 3");
                }
                consumer.markAsConsumed(message);
              }
            });
    coordinator.restore(0, 0);

    handler.apply(jobs.consume(coordinator, batch(0, 6)).call(), false);

    assertThat(events)
        .filteredOn(Event.BatchConsumed.class::isInstance)
        .map(Event.BatchConsumed.class::cast)
        .singleElement()
        .satisfies(
            consumed -> {
              assertThat(consumed.size()).isEqualTo(3);
              assertThat(consumed.firstOffset()).isZero();
              assertThat(consumed.lastOffset()).isEqualTo(2);
            });
  }

  @Test
  void aRetryAfterLongerThanTheBackOffSetsThePause() throws Exception {
    Coordinator coordinator =
        coordinator(
            (consumer, messages) -> {
              throw sneaky(new TooManyRequests(Duration.ofSeconds(20)));
            });
    coordinator.restore(0, 0);

    handler.apply(jobs.consume(coordinator, batch(0, 1)).call(), false);

    assertThat(events)
        .filteredOn(Event.PartitionPaused.class::isInstance)
        .map(e -> ((Event.PartitionPaused) e).pause())
        .containsExactly(Duration.ofSeconds(20));
  }

  /** What an HTTP client throws for a 429 with {@code Retry-After}. */
  private static final class TooManyRequests extends Exception implements RetryAfter {
    private final transient Duration wait;

    TooManyRequests(Duration wait) {
      super("429");
      this.wait = wait;
    }

    @Override
    public Duration retryAfter() {
      return wait;
    }
  }

  @Test
  void markAsConsumedRefusesAMessageOfAnotherPartition() {
    Coordinator coordinator = coordinator((consumer, messages) -> {});
    Message other = new Message(new ConsumerRecord<>("orders", 1, 42, null, new byte[0]));

    assertThatThrownBy(() -> coordinator.consumer().markAsConsumed(other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orders-1")
        .hasMessageContaining("orders-0");
    assertThat(coordinator.marked()).isEqualTo(-1);
  }

  @Test
  void aThrowableOfAnyKindEndsTheJobWithAFailureNotAHang() throws Exception {
    List<Throwable> thrown =
        List.of(
            new ServiceConfigurationError("no provider"),
            new java.io.IOError(new java.io.IOException("disk")),
            new OutOfMemoryError("heap"),
            new Throwable("a bare Throwable"));
    List<JobResult> results = new ArrayList<>();
    for (Throwable throwable : thrown) {
      Coordinator coordinator =
          coordinator(
              (consumer, messages) -> {
                throw sneaky(throwable);
              });
      results.add(jobs.consume(coordinator, batch(0, 2)).call());
    }

    assertThat(results).allSatisfy(r -> assertThat(r).isInstanceOf(JobResult.ConsumeFailed.class));
  }

  @Test
  void aPauseAskedForFromTickBeforeAnyOffsetIsKnownPausesWithoutSeeking() throws Exception {
    Coordinator coordinator = ticking(consumer -> consumer.pause(Duration.ofSeconds(5)));

    handler.apply(jobs.tick(coordinator).call(), false);

    assertThat(coordinator.pause().paused()).isTrue();
    assertThat(events).anyMatch(Event.PartitionPaused.class::isInstance);
    // No seek to -1: fetching goes on from where the client would start anyway.
    assertThat(kafka.position(ORDERS_0)).isZero();
  }

  @Test
  void aResumeTheConsumerAsksForIsPublished() throws Exception {
    boolean[] resume = {false};
    Coordinator coordinator =
        ticking(
            consumer -> {
              if (resume[0]) {
                consumer.resume();
              } else {
                consumer.pause(0, Duration.ofMinutes(5));
              }
            });
    handler.apply(jobs.tick(coordinator).call(), false);
    resume[0] = true;

    handler.apply(jobs.tick(coordinator).call(), false);

    assertThat(coordinator.pause().paused()).isFalse();
    assertThat(events).filteredOn(Event.PartitionResumed.class::isInstance).hasSize(1);
  }

  /** A coordinator whose consumer runs {@code body} with itself and each batch. */
  private Coordinator coordinator(BiConsumer<BaseConsumer, Messages> body) {
    BaseConsumer consumer =
        new BaseConsumer() {
          @Override
          public void consume(Messages messages) {
            body.accept(this, messages);
          }
        };
    return new Coordinator(ORDERS_0, consumer, clock);
  }

  /** A coordinator whose consumer runs {@code body} with itself on each tick. */
  private Coordinator ticking(Consumer<BaseConsumer> body) {
    BaseConsumer consumer =
        new BaseConsumer() {
          @Override
          public void consume(Messages messages) {}

          @Override
          public void tick() {
            body.accept(this);
          }
        };
    return new Coordinator(ORDERS_0, consumer, clock);
  }

  private static Messages batch(long from, int count) {
    List<Message> list =
        LongStream.range(from, from + count)
            .mapToObj(o -> new Message(new ConsumerRecord<>("orders", 0, o, null, new byte[0])))
            .toList();
    return new Messages("orders", 0, list);
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
    throw (T) t;
  }
}
