package io.drover.runtime;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A local HTTP endpoint for the HTTP sink, answering each request as the test decides. */
final class SinkServer implements AutoCloseable {

  /**
   * One request the sink received.
   *
   * @param headers its headers, lower-case names, first values
   * @param body its body as text
   * @param nanos when it arrived
   */
  record Received(Map<String, String> headers, String body, long nanos) {}

  /** Decides the answer to a request. */
  @FunctionalInterface
  interface Answer {
    /**
     * Returns the status for a body.
     *
     * @param body the request body
     * @param seenBefore how many earlier requests had the same body
     */
    int status(String body, long seenBefore) throws InterruptedException;
  }

  private final Queue<Received> received = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> seen = new ConcurrentHashMap<>();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  private SinkServer(Answer answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/events",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Map<String, String> headers = new HashMap<>();
          exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
          long before = seen.merge(body, 1L, Long::sum) - 1;
          synchronized (received) {
            received.add(new Received(headers, body, System.nanoTime()));
            received.notifyAll();
          }
          int status;
          try {
            status = answer.status(body, before);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 503;
          }
          if (status < 300) {
            exchange.sendResponseHeaders(status, -1);
          } else {
            // An answer that says why, as real endpoints give.
            byte[] reason = ("refused with " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reason.length);
            exchange.getResponseBody().write(reason);
          }
          exchange.close();
        });
    server.setExecutor(executor);
    server.start();
  }

  static SinkServer start(Answer answer) throws IOException {
    return new SinkServer(answer);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Waits until a request with this body has arrived; false after the timeout. */
  boolean awaitBody(String body, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (received) {
      while (received.stream().noneMatch(r -> r.body().equals(body))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(received, left);
      }
      return true;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
