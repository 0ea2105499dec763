package io.drover.engine.it;

import static io.drover.engine.it.Fixtures.config;
import static io.drover.engine.it.Fixtures.kafka;
import static io.drover.engine.it.Fixtures.records;
import static io.drover.engine.it.Fixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.Engine;
import io.drover.engine.config.DeadLetterConfig;
import io.drover.engine.dlq.DeadLetterHeaders;
import io.drover.engine.processing.AttemptsMetadata;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The failure count of a poison message survives a SIGKILL: an engine killed after two failed
 * attempts is replaced by a new one on the same group, which dead-letters the message after
 * maxRetries + 1 attempts in total, not after a fresh set of retries.
 */
class AttemptsSurviveRestartIT {

  private static final int MAX_RETRIES = 3;

  @Test
  void aKilledEnginesAttemptsCountTowardsTheDeadLetterLimit() throws Exception {
    String topic = unique("restart");
    String deadLetters = unique("restart-dlq");
    String group = unique("restart-group");
    String instance = unique("member");
    try (KafkaTestClient kafka = kafka()) {
      kafka.createTopic(topic, 1);
      kafka.createTopic(deadLetters, 1);
      kafka.produce(topic, records(0, "poison", 1));

      Process child = startChild(topic, deadLetters, group, instance);
      Queue<String> childAttempts = new ConcurrentLinkedQueue<>();
      Thread reader = readLines(child, childAttempts);
      try {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> committedFailures(kafka, group, topic) == 2);
      } finally {
        child.destroyForcibly().waitFor();
        reader.join(5_000);
      }
      assertThat(childAttempts).containsExactly("ATTEMPT 1", "ATTEMPT 2");

      Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();
      try (Engine replacement =
          Engine.builder(
                  config(group, topic)
                      .groupInstanceId(instance)
                      .deadLetter(new DeadLetterConfig(deadLetters, MAX_RETRIES, false))
                      .build(),
                  tp ->
                      new ScriptedConsumer(
                          deliveries,
                          (c, m) -> {
                            throw new IllegalStateException("poison");
                          }))
              .build()) {
        replacement.start();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> Fixtures.committed(kafka, group, topic, 0) == 1);
      }

      assertThat(deliveries).extracting(Delivery::attempt).containsExactly(3, 4);
      assertThat(kafka.readAll(deadLetters))
          .singleElement()
          .satisfies(
              record ->
                  assertThat(KafkaTestClient.headers(record))
                      .containsEntry(DeadLetterHeaders.ATTEMPTS, String.valueOf(MAX_RETRIES + 1)));
    }
  }

  private static int committedFailures(KafkaTestClient kafka, String group, String topic) {
    OffsetAndMetadata offset = kafka.committedOffsets(group).get(new TopicPartition(topic, 0));
    return offset == null ? 0 : AttemptsMetadata.decode(offset.metadata());
  }

  private static Process startChild(String topic, String deadLetters, String group, String instance)
      throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            List.of(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                PoisonEngineMain.class.getName(),
                SharedKafkaBroker.get().bootstrapServers(),
                topic,
                deadLetters,
                group,
                instance,
                String.valueOf(MAX_RETRIES),
                // Long enough that no third attempt starts before the kill.
                "3000"))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static Thread readLines(Process process, Queue<String> attempts) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().filter(l -> l.startsWith("ATTEMPT")).forEach(attempts::add);
              } catch (IOException e) {
                // The process was killed; what was read is all there is.
              }
            });
    reader.start();
    return reader;
  }
}
