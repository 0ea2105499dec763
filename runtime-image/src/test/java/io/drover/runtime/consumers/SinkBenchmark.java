package io.drover.runtime.consumers;

import io.drover.engine.messages.Message;
import io.drover.runtime.consumers.RawHttpServer.Manners;
import io.drover.runtime.consumers.RawHttpServer.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The HTTP sink's throughput and failures against an endpoint that keeps connections alive and one
 * that closes them after every response, side by side with the client the sink had before (the
 * JDK's HttpClient, which reuses a connection the server has closed and does not resend). Not a
 * test; see docs/benchmarks.md.
 *
 * <p>Each round sends {@code messages} POSTs from {@code workers} threads, back to back, as the
 * runtime's workers do; a failed POST counts as a failure and is sent again at once (the engine
 * would pause the partition instead, which only makes a failure cost more).
 */
public final class SinkBenchmark {

  private SinkBenchmark() {}

  /** A way to POST one message. */
  private interface Client extends AutoCloseable {
    void post(Message message) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = Integer.getInteger("rounds", 5);
    int messages = Integer.getInteger("messages", 5_000);
    int workers = Integer.getInteger("workers", 2);
    System.out.printf(
        "HTTP sink benchmark: %d rounds of %d POSTs from %d workers%n", rounds, messages, workers);
    for (Manners manners : List.of(Manners.KEEP_ALIVE, Manners.CLOSE_SILENTLY)) {
      try (RawHttpServer server = new RawHttpServer(manners, 30_000, request -> Response.ok())) {
        URI url = URI.create(server.url("/events"));
        List<Double> ratios = new ArrayList<>();
        int[] failures = new int[2];
        double[] rates = new double[2];
        for (int round = 0; round <= rounds; round++) {
          Result before = run(jdkClient(url), messages, workers);
          Result after = run(drover(url, workers), messages, workers);
          if (round == 0) {
            continue; // warm-up
          }
          ratios.add(after.rate() / before.rate());
          failures[0] += before.failures();
          failures[1] += after.failures();
          rates[0] += before.rate() / rounds;
          rates[1] += after.rate() / rounds;
          System.out.printf(
              Locale.ROOT,
              "%-13s round %d: before %7.0f msg/s %5d failures | after %7.0f msg/s %5d failures |"
                  + " after/before %.2f%n",
              manners,
              round,
              before.rate(),
              before.failures(),
              after.rate(),
              after.failures(),
              after.rate() / before.rate());
        }
        Collections.sort(ratios);
        System.out.printf(
            Locale.ROOT,
            "SUMMARY %-13s after/before median %.2f [%.2f .. %.2f]; mean msg/s before %.0f,"
                + " after %.0f; failures in %d POSTs: before %d, after %d%n",
            manners,
            ratios.get(ratios.size() / 2),
            ratios.get(0),
            ratios.get(ratios.size() - 1),
            rates[0],
            rates[1],
            rounds * messages,
            failures[0],
            failures[1]);
      }
    }
  }

  private record Result(double rate, int failures) {}

  private static Result run(Client client, int messages, int workers) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(workers);
    long start = System.nanoTime();
    try (client) {
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        running.add(
            threads.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < messages; i = next.getAndIncrement()) {
                    Message message = message(i);
                    while (true) {
                      try {
                        client.post(message);
                        break;
                      } catch (Exception e) {
                        failures.incrementAndGet();
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : running) {
        worker.get();
      }
    } finally {
      threads.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(messages / seconds, failures.get());
  }

  private static Message message(int i) {
    return new Message(
        new ConsumerRecord<>(
            "orders", 0, i, null, ("event " + i).getBytes(StandardCharsets.UTF_8)));
  }

  private static Client drover(URI url, int workers) {
    HttpSink sink =
        HttpSink.create(url, Duration.ofSeconds(10), HttpSink.ContentMode.BINARY, workers + 1);
    return new Client() {
      @Override
      public void post(Message message) throws Exception {
        sink.deliver(message);
      }

      @Override
      public void close() throws IOException {
        sink.close();
      }
    };
  }

  /** The sink's request path before: the JDK client, as the runtime configured it. */
  private static Client jdkClient(URI url) {
    HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new Client() {
      @Override
      public void post(Message message) throws Exception {
        HttpRequest request =
            HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.value()))
                .header("ce-specversion", "1.0")
                .header(
                    "ce-id", message.topic() + "-" + message.partition() + "-" + message.offset())
                .header("ce-source", "/kafka/" + message.topic())
                .header("ce-type", CloudEventMapper.EVENT_TYPE)
                .header("Content-Type", "application/octet-stream")
                .build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
          throw new IOException("status " + response.statusCode());
        }
      }

      @Override
      public void close() {
        // The JDK 17 client has no close; its connections die with the JVM.
      }
    };
  }
}
