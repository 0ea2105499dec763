package io.drover.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.drover.testing.kafka.FreePort;
import io.drover.testing.kafka.KafkaTestClient;
import io.drover.testing.kafka.SharedKafkaBroker;
import io.drover.testing.kafka.TestRecord;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's consumer class in a jar in the plugin directory is loaded and used; while it drains on
 * SIGTERM the pod is live but not ready; and a handler stuck past the shutdown timeout exits 2.
 */
class PluginConsumerIT {

  private static final String PLUGIN =
      """
      package com.example;

      import io.drover.engine.BaseConsumer;
      import io.drover.engine.messages.Message;
      import io.drover.engine.messages.Messages;
      import java.nio.file.*;

      public class RecordingConsumer extends BaseConsumer {
        @Override
        public void consume(Messages messages) throws Exception {
          for (Message message : messages) {
            if ("stuck".equals(message.valueAsString())) {
              Thread.sleep(Long.MAX_VALUE);
            }
            Files.writeString(Path.of(System.getenv("PLUGIN_OUT")), message.valueAsString() + "\\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
          }
        }

        @Override
        public void shutdown() throws Exception {
          // A slow clean-up: the drain lasts long enough to be seen from outside.
          Thread.sleep(2_000);
        }
      }
      """;

  @TempDir static Path plugins;

  @BeforeAll
  static void buildPluginJar(@TempDir Path sources) throws Exception {
    Path source = sources.resolve("com/example/RecordingConsumer.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, PLUGIN);
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                null,
                "-cp",
                RuntimeProcess.imageClasspath(),
                "-d",
                sources.toString(),
                source.toString());
    assertThat(compiled).isZero();
    try (OutputStream file = Files.newOutputStream(plugins.resolve("recording-consumer.jar"));
        JarOutputStream jar = new JarOutputStream(file)) {
      jar.putNextEntry(new JarEntry("com/example/RecordingConsumer.class"));
      jar.write(Files.readAllBytes(sources.resolve("com/example/RecordingConsumer.class")));
      jar.closeEntry();
    }
  }

  @Test
  void thePluginConsumesAndTheDrainIsLiveButNotReady(@TempDir Path dir) throws Exception {
    Fixture fixture = new Fixture(dir, 20_000);
    try (KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get());
        RuntimeProcess runtime = fixture.start()) {
      kafka.createTopic(fixture.topic, 1);
      kafka.produce(fixture.topic, List.of(TestRecord.of("k", "one"), TestRecord.of("k", "two")));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> Files.exists(fixture.out) && Files.readAllLines(fixture.out).size() == 2);
      assertThat(Files.readAllLines(fixture.out)).containsExactly("one", "two");
      assertThat(status(fixture.port, "/readyz")).isEqualTo(200);

      runtime.terminate();
      await().atMost(Duration.ofSeconds(10)).until(() -> status(fixture.port, "/readyz") == 503);
      assertThat(status(fixture.port, "/healthz")).isEqualTo(200);
      assertThat(runtime.awaitExit(Duration.ofSeconds(30))).isEqualTo(0);
    }
  }

  @Test
  void aHandlerStuckPastTheShutdownTimeoutExitsTwo(@TempDir Path dir) throws Exception {
    Fixture fixture = new Fixture(dir, 1_000);
    try (KafkaTestClient kafka = new KafkaTestClient(SharedKafkaBroker.get());
        RuntimeProcess runtime = fixture.start()) {
      kafka.createTopic(fixture.topic, 1);
      kafka.produce(fixture.topic, List.of(TestRecord.of("k", "stuck")));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                HttpResponse<String> metrics = RuntimeProcess.get(fixture.port, "/metrics");
                return metrics != null
                    && metrics
                        .body()
                        .contains(
                            "drover_partitions_assigned{consumergroup=\""
                                + fixture.group
                                + "\"} 1.0");
              });

      runtime.terminate();
      assertThat(runtime.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
      assertThat(runtime.output()).contains("exiting with 2 (SHUTDOWN_TIMED_OUT)");
    }
  }

  private static int status(int port, String path) throws InterruptedException {
    HttpResponse<String> response = RuntimeProcess.get(port, path);
    return response == null ? -1 : response.statusCode();
  }

  /** A topic, a group, a port and a config file that names the plugin class. */
  private static final class Fixture {
    final String topic = "plugin-" + UUID.randomUUID();
    final String group = topic + "-group";
    final int port = FreePort.onLoopback();
    final Path out;
    final Path config;

    Fixture(Path dir, long shutdownTimeoutMs) throws Exception {
      out = dir.resolve("consumed.txt");
      config = dir.resolve("runtime.yaml");
      Files.writeString(
          config,
          """
          apiVersion: runtime.drover.io/v1alpha1
          kind: RuntimeConfig
          kafka: {bootstrapServers: "%s", groupId: %s}
          topics: [%s]
          consumer: {type: class, className: com.example.RecordingConsumer}
          shutdownTimeoutMs: %d
          http: {port: %d}
          """
              .formatted(
                  SharedKafkaBroker.get().bootstrapServers(),
                  group,
                  topic,
                  shutdownTimeoutMs,
                  port));
    }

    RuntimeProcess start() throws Exception {
      return RuntimeProcess.start(
          config, Map.of("DROVER_PLUGIN_DIR", plugins.toString(), "PLUGIN_OUT", out.toString()));
    }
  }
}
