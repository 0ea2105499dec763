package io.drover.runtime.reliability;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP endpoint of a reliability run: records every delivery, refuses the poison keys for ever
 * (500), can be down for a while (503), can close every connection after answering, and can be
 * slow.
 */
final class RecordingEndpoint implements AutoCloseable {

  /**
   * The prefix of the keys whose records the endpoint never accepts. There are several such keys,
   * so that poison lands on every partition: under one key it would all land on one partition,
   * which then spends its time in back-off and never catches up.
   */
  static final String POISON_PREFIX = "poison-";

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(8);
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final boolean closeConnections;
  private volatile long downUntil;

  RecordingEndpoint(boolean closeConnections, long delayMillis) throws IOException {
    this.closeConnections = closeConnections;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/events",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          if (delayMillis > 0) {
            // A slow endpoint: each answer takes this long, as a loaded service's does.
            LockSupport.parkNanos(delayMillis * 1_000_000);
          }
          var headers = exchange.getRequestHeaders();
          String key = decode(headers.getFirst("ce-kafkakey"));
          int status;
          if (System.nanoTime() < downUntil) {
            status = 503;
          } else if (key != null && key.startsWith(POISON_PREFIX)) {
            status = 500;
          } else {
            status = 200;
          }
          deliveries.add(
              new Delivery(
                  Integer.parseInt(headers.getFirst("ce-kafkapartition")),
                  Long.parseLong(headers.getFirst("ce-kafkaoffset")),
                  key,
                  status,
                  System.currentTimeMillis()));
          if (closeConnections) {
            exchange.getResponseHeaders().add("Connection", "close");
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.setExecutor(threads);
    server.start();
  }

  private static String decode(String value) {
    return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
  }

  /** Answers 503 to everything for {@code millis}. */
  void outage(long millis) {
    downUntil = System.nanoTime() + millis * 1_000_000;
  }

  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
