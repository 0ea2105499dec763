package io.drover.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP endpoint for the runtime's HTTP sink: it accepts every message except those whose
 * body starts with {@value #POISON}, which it answers with 500 so that they are retried and, with a
 * dead-letter policy, dead-lettered.
 */
public final class SinkEndpoint implements AutoCloseable {

  /** Bodies starting with this fail every time. */
  public static final String POISON = "poison";

  /**
   * One accepted message.
   *
   * @param topic its topic
   * @param partition its partition
   * @param offset its offset
   * @param body its body
   */
  public record Delivery(String topic, int partition, long offset, String body) {}

  private final HttpServer server;
  private final List<Delivery> accepted = new CopyOnWriteArrayList<>();
  private final AtomicLong rejected = new AtomicLong();

  private SinkEndpoint(HttpServer server) {
    this.server = server;
  }

  /** Starts on a free loopback port. */
  public static SinkEndpoint start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    SinkEndpoint sink = new SinkEndpoint(server);
    server.createContext(
        "/events",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          int status = 200;
          if (body.startsWith(POISON)) {
            sink.rejected.incrementAndGet();
            status = 500;
          } else {
            var headers = exchange.getRequestHeaders();
            sink.accepted.add(
                new Delivery(
                    headers.getFirst("ce-kafkatopic"),
                    Integer.parseInt(headers.getFirst("ce-kafkapartition")),
                    Long.parseLong(headers.getFirst("ce-kafkaoffset")),
                    body));
          }
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return sink;
  }

  /** The URL the HTTP sink posts to. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
  }

  /** Every accepted message, in arrival order. */
  public List<Delivery> accepted() {
    return List.copyOf(accepted);
  }

  /** How many poison deliveries were refused. */
  public long rejected() {
    return rejected.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
