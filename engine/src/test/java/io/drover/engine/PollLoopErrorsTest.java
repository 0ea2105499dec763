package io.drover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.EventName;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.lifecycle.Lifecycle;
import io.drover.engine.lifecycle.Stage;
import io.drover.engine.messages.Messages;
import java.time.Duration;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * User code that runs on the poll thread (lifecycle hooks, monitor listeners) cannot end the loop
 * with an {@code Error} and leave the Kafka consumer open: an ordinary Error is reported and the
 * loop goes on; a fatal one (the JVM out of memory) stops the loop through its normal shutdown,
 * which closes the consumer. Runs the engine on MockConsumer.
 */
class PollLoopErrorsTest {

  private final MockConsumer<byte[], byte[]> kafka =
      new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
  private final Monitor monitor = new Monitor();
  private final Lifecycle lifecycle = new Lifecycle();
  private final List<Event> errors = new CopyOnWriteArrayList<>();
  private Engine engine;

  PollLoopErrorsTest() {
    monitor.subscribe(EventName.ERROR_OCCURRED, errors::add);
  }

  @AfterEach
  void stop() {
    engine.stop();
  }

  @Test
  void anErrorFromAHookIsReportedAndTheLoopGoesOn() {
    AtomicInteger turns = new AtomicInteger();
    lifecycle.before(
        Stage.LOOP,
        context -> {
          if (turns.incrementAndGet() == 2) {
            throw new ServiceConfigurationError("a provider is missing");
          }
        });
    engine = start();

    await().atMost(Duration.ofSeconds(10)).until(() -> turns.get() >= 5);

    assertThat(engine.running()).isTrue();
    assertThat(errors).hasSize(1);
    assertThat(engine.stop()).isEqualTo(ShutdownOutcome.CLEAN);
    assertThat(kafka.closed()).isTrue();
  }

  @Test
  void anErrorFromAMonitorListenerIsContained() {
    AtomicInteger turns = new AtomicInteger();
    lifecycle.before(Stage.LOOP, context -> turns.incrementAndGet());
    monitor.subscribe(
        EventName.APP_RUNNING,
        event -> {
          throw new AssertionError("a listener's own bug");
        });
    engine = start();

    await().atMost(Duration.ofSeconds(10)).until(() -> turns.get() >= 3);

    assertThat(engine.running()).isTrue();
  }

  @Test
  void aFatalErrorStopsTheLoopAndClosesTheConsumer() {
    lifecycle.before(
        Stage.LOOP,
        context -> {
          throw new OutOfMemoryError("Java heap space");
        });
    engine = start();

    await().atMost(Duration.ofSeconds(10)).until(() -> !engine.running());

    assertThat(kafka.closed()).isTrue();
    assertThat(errors).isNotEmpty();
    assertThat(engine.stop()).isEqualTo(ShutdownOutcome.FAILED);
  }

  @Test
  void aStartThatFailsIsNotReportedClean() {
    lifecycle.before(
        Stage.START,
        context -> {
          throw new IllegalStateException("the subscription was refused");
        });
    engine = start();

    await().atMost(Duration.ofSeconds(10)).until(() -> !engine.running());

    assertThat(engine.stop()).isEqualTo(ShutdownOutcome.FAILED);
    assertThat(kafka.closed()).isTrue();
  }

  private Engine start() {
    Engine started =
        Engine.builder(
                TestConfigs.orders().build(),
                partition ->
                    new BaseConsumer() {
                      @Override
                      public void consume(Messages messages) {}
                    })
            .monitor(monitor)
            .lifecycle(lifecycle)
            .kafkaConsumer(properties -> kafka)
            .logging(false)
            .build();
    started.start();
    return started;
  }
}
