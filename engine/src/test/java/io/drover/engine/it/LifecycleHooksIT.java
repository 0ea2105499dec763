package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.records;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.Engine;
import io.drover.engine.ShutdownOutcome;
import io.drover.engine.config.DeadLetterConfig;
import io.drover.engine.lifecycle.Lifecycle;
import io.drover.engine.lifecycle.Stage;
import io.drover.testing.kafka.KafkaTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Lifecycle hooks fire around the real engine's stages in order: start, loops, each consume wrapped
 * by its around hook, the error handling and the give-up of a poison message, and the shutdown
 * last.
 */
class LifecycleHooksIT {

  @Test
  void hooksWrapTheStagesOfARealRun() {
    String topic = unique("hooks");
    String deadLetters = unique("hooks-dlq");
    String group = unique("hooks-group");
    Queue<String> calls = new ConcurrentLinkedQueue<>();
    Lifecycle lifecycle = new Lifecycle();
    for (Stage stage : List.of(Stage.START, Stage.ERROR, Stage.FAILURE, Stage.SHUTDOWN)) {
      lifecycle.before(stage, c -> calls.add("before " + stage));
      lifecycle.after(stage, c -> calls.add("after " + stage));
    }
    lifecycle.around(
        Stage.CONSUME,
        (context, next) -> {
          calls.add("around-in " + context.messages().first().valueAsString());
          next.proceed();
          calls.add("around-out");
        });
    lifecycle.before(Stage.LOOP, c -> calls.add("loop"));
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 1);
      kafka.createTopic(deadLetters, 1);
      kafka.produce(topic, records(0, "m", 2));

      Engine engine =
          Engine.builder(
                  config(group, topic)
                      .deadLetter(new DeadLetterConfig(deadLetters, 0, false))
                      .kafka(Map.of("max.poll.records", "1"))
                      .build(),
                  tp ->
                      new ScriptedConsumer(
                          new ConcurrentLinkedQueue<>(),
                          (consumer, message) -> {
                            calls.add("consume " + message.valueAsString());
                            if (message.offset() == 1) {
                              throw new IllegalStateException("poison");
                            }
                          }))
              .lifecycle(lifecycle)
              .build();
      engine.start();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> Fixtures.committed(kafka, group, topic, 0) == 2);
      assertThat(engine.stop()).isEqualTo(ShutdownOutcome.CLEAN);
    }

    List<String> withoutLoops = calls.stream().filter(c -> !c.equals("loop")).toList();
    assertThat(withoutLoops.subList(0, 8))
        .containsExactly(
            "before START",
            "after START",
            "around-in m0",
            "consume m0",
            "around-out",
            "around-in m1",
            "consume m1",
            "before ERROR");
    // The ERROR stage decides on the poll thread and hands the dead letter to a worker, where the
    // FAILURE stage runs; the two may interleave, but each is in order and FAILURE follows ERROR.
    assertThat(withoutLoops.subList(8, 11))
        .containsExactlyInAnyOrder("after ERROR", "before FAILURE", "after FAILURE");
    assertThat(withoutLoops.indexOf("before FAILURE"))
        .isLessThan(withoutLoops.indexOf("after FAILURE"));
    assertThat(withoutLoops.subList(11, withoutLoops.size()))
        .containsExactly("before SHUTDOWN", "after SHUTDOWN");
    List<String> all = List.copyOf(calls);
    assertThat(all.indexOf("loop"))
        .as("the first loop turns after the start hooks")
        .isGreaterThan(all.indexOf("after START"));
  }
}
