package io.drover.operator.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code /healthz} (the informers are healthy), {@code /readyz} (started; with leader election only
 * the leader reconciles, but every replica is ready) and {@code /metrics}.
 */
public final class OperatorHttpServer implements AutoCloseable {

  /**
   * An endpoint's answer.
   *
   * @param status the HTTP status
   * @param contentType its content type
   * @param body its body
   */
  public record Answer(int status, String contentType, String body) {

    /** 200 or 503 with a one-word body. */
    public static Answer check(boolean ok) {
      return new Answer(ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "unavailable\n");
    }
  }

  private final HttpServer server;

  private OperatorHttpServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Serves each path with its answer.
   *
   * @throws IOException when the port cannot be bound
   */
  public static OperatorHttpServer start(int port, Map<String, Supplier<Answer>> endpoints)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    endpoints.forEach(
        (path, answer) ->
            server.createContext(
                path,
                exchange -> {
                  Answer reply = answer.get();
                  byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
                  exchange.getResponseHeaders().set("Content-Type", reply.contentType());
                  exchange.sendResponseHeaders(reply.status(), bytes.length);
                  try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                  }
                }));
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "drover-operator-http");
              thread.setDaemon(true);
              return thread;
            }));
    server.start();
    return new OperatorHttpServer(server);
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
