package io.drover.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.drover.engine.dlq.DeadLetterHeaders;
import io.drover.testing.kafka.FreePort;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import io.drover.testing.kafka.TestRecord;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
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

  /**
   * One request the sink received.
   *
   * @param headers its headers, lower-case names, first values
   * @param body its body as text
   * @param nanos when it arrived
   */
  record Received(Map<String, String> headers, String body, long nanos) {}

  private final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private HttpServer server;

  @BeforeEach
  void startSink() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/events",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Map<String, String> headers = new java.util.HashMap<>();
          exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
          long before = received.stream().filter(r -> r.body().equals(body)).count();
          received.add(new Received(headers, body, System.nanoTime()));
          int status = 200;
          if (body.equals("flaky") && before == 0) {
            status = 500;
          } else if (body.equals("bad")) {
            status = 400;
          } else if (body.equals("slow") && before == 0) {
            try {
              // Longer than the sink's timeout: the runtime gives up on this request.
              Thread.sleep(2_000);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    server.start();
  }

  @AfterEach
  void stopSink() {
    server.stop(0);
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
          http: {url: "http://127.0.0.1:%d/events", timeoutMs: 500}
        errorHandling:
          pauseTimeoutMs: %d
          deadLetter: {topic: %s, maxRetries: 5}
        http: {port: %d}
        """
            .formatted(
                SharedKafkaBroker.get().bootstrapServers(),
                group,
                topic,
                server.getAddress().getPort(),
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

      assertThat(received)
          .extracting(Received::body)
          .containsExactly("ok", "flaky", "flaky", "bad", "slow", "slow", "last");
      Received first = received.peek();
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
      List<Received> flaky = received.stream().filter(r -> r.body().equals("flaky")).toList();
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
                    .containsEntry(DeadLetterHeaders.ATTEMPTS, "2");
              });

      runtime.terminate();
      assertThat(runtime.awaitExit(Duration.ofSeconds(30))).isEqualTo(0);
    }
  }
}
