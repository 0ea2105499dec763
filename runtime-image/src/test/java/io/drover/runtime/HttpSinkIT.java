package io.drover.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.engine.dlq.DeadLetterHeaders;
import io.drover.runtime.consumers.SinkException;
import io.drover.testing.kafka.FreePort;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import io.drover.testing.kafka.TestRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP sink, in a real runtime process against a local server: each message arrives as a
 * binary-mode CloudEvent with its Kafka coordinates, key and headers; a 500 and a timeout are
 * retried after the back-off, a 400 goes straight to the dead-letter topic, and nothing is lost.
 */
class HttpSinkIT {

  private static final long PAUSE_MS = 300;

  private SinkServer sink;

  @BeforeEach
  void startSink() throws Exception {
    sink =
        SinkServer.start(
            (body, seenBefore) -> {
              if (body.equals("flaky") && seenBefore == 0) {
                return 500;
              }
              if (body.equals("bad")) {
                return 400;
              }
              if (body.equals("slow") && seenBefore == 0) {
                // Longer than the sink's timeout: the runtime gives up on this request.
                Thread.sleep(2_000);
              }
              return 200;
            });
  }

  @AfterEach
  void stopSink() {
    sink.close();
  }

  @Test
  void deliversCloudEventsRetriesTransientFailuresAndDeadLettersRejections(@TempDir Path dir)
      throws Exception {
    String topic = "sink-" + UUID.randomUUID();
    String deadLetters = topic + "-dlq";
    String group = topic + "-group";
    int port = FreePort.onLoopback();
    Path config = dir.resolve("runtime.yaml");
    Files.writeString(
        config,
        """
        apiVersion: runtime.drover.io/v1alpha1
        kind: RuntimeConfig
        kafka: {bootstrapServers: "%s", groupId: %s}
        topics: [%s]
        consumer:
          type: http
          http: {url: "%s", timeoutMs: 500}
        errorHandling:
          pauseTimeoutMs: %d
          deadLetter: {topic: %s, maxRetries: 5}
        http: {port: %d}
        """
            .formatted(
                SharedKafkaBroker.get().bootstrapServers(),
                group,
                topic,
                sink.url(),
                PAUSE_MS,
                deadLetters,
                port));
    try (KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get());
        RuntimeProcess runtime = RuntimeProcess.start(config)) {
      kafka.createTopic(topic, 1);
      kafka.createTopic(deadLetters, 1);
      kafka.produce(
          topic,
          List.of(
              TestRecord.of("order 1", "ok").withHeader("trace-id", "t-1"),
              TestRecord.of("k", "flaky"),
              TestRecord.of("k", "bad"),
              TestRecord.of("k", "slow"),
              TestRecord.of("k", "last")));

      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> kafka.committedOffsets(group).values().stream().anyMatch(o -> o.offset() == 5));

      assertThat(sink.received())
          .extracting(SinkServer.Received::body)
          .containsExactly("ok", "flaky", "flaky", "bad", "slow", "slow", "last");
      SinkServer.Received first = sink.received().get(0);
      assertThat(first.headers())
          .containsEntry("ce-specversion", "1.0")
          .containsEntry("ce-id", topic + "-0-0")
          .containsEntry("ce-type", "io.drover.kafka.message")
          .containsEntry("ce-source", "/kafka/" + topic)
          .containsEntry("ce-kafkatopic", topic)
          .containsEntry("ce-kafkapartition", "0")
          .containsEntry("ce-kafkaoffset", "0")
          .containsEntry("ce-kafkakey", "order%201")
          .containsEntry("kafka-header-trace-id", "t-1")
          .containsEntry("content-type", "application/octet-stream")
          .containsKey("ce-time");
      List<SinkServer.Received> flaky =
          sink.received().stream().filter(r -> r.body().equals("flaky")).toList();
      assertThat(Duration.ofNanos(flaky.get(1).nanos() - flaky.get(0).nanos()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(PAUSE_MS));
      assertThat(kafka.readAll(deadLetters))
          .singleElement()
          .satisfies(
              dead -> {
                assertThat(dead.value()).isEqualTo("bad");
                assertThat(KafkaTestClient.headers(dead))
                    .containsEntry(
                        DeadLetterHeaders.EXCEPTION_CLASS,
                        "io.drover.runtime.consumers.NonRetryableSinkException")
                    // Not independent: "flaky" failed just before in the same retried batch, so
                    // the partition's count was at 2 when "bad" was given up on its first try.
                    .containsEntry(DeadLetterHeaders.ATTEMPTS, "2")
                    .containsEntry(SinkException.STATUS_HEADER, "400")
                    .containsEntry(SinkException.RESPONSE_HEADER, "refused with 400");
              });

      runtime.terminate();
      assertThat(runtime.awaitExit(Duration.ofSeconds(30))).isEqualTo(0);
    }
  }
}
