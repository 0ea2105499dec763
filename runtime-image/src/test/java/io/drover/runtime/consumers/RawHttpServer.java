package io.drover.runtime.consumers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An HTTP/1.1 endpoint on a plain socket, to misbehave as real ones do: close each connection right
 * after its response without saying so, answer as HTTP/1.0, or drop idle connections after a
 * keep-alive timeout shorter than the client's.
 */
final class RawHttpServer implements AutoCloseable {

  /** How the server treats a connection after a response. */
  enum Manners {
    /** Keeps it open until it has been idle for the idle timeout. */
    KEEP_ALIVE,
    /** Closes it after every response, without a {@code Connection: close} header. */
    CLOSE_SILENTLY,
    /** Answers {@code HTTP/1.0} and closes, as HTTP/1.0 does. */
    HTTP_1_0
  }

  /** One request as received. */
  record Request(String method, String path, Map<String, String> headers, byte[] body) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** A response to send: status, extra headers, body. */
  record Response(int status, Map<String, String> headers, String body) {
    static Response ok() {
      return new Response(200, Map.of(), "");
    }
  }

  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final Manners manners;
  private final int idleTimeoutMillis;
  private final Function<Request, Response> answer;

  RawHttpServer(Manners manners, int idleTimeoutMillis, Function<Request, Response> answer)
      throws IOException {
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.manners = manners;
    this.idleTimeoutMillis = idleTimeoutMillis;
    this.answer = answer;
    threads.execute(this::accept);
  }

  String url(String path) {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        open.add(connection);
        threads.execute(() -> serve(connection));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      connection.setSoTimeout(idleTimeoutMillis);
      InputStream in = connection.getInputStream();
      OutputStream out = connection.getOutputStream();
      while (true) {
        Request request = read(in);
        if (request == null) {
          return;
        }
        requests.add(request);
        write(out, answer.apply(request));
        if (manners != Manners.KEEP_ALIVE) {
          return;
        }
      }
    } catch (IOException e) {
      // Idle timeout or the client went away: the connection ends, as a real server's would.
    } finally {
      open.remove(connection);
    }
  }

  private static Request read(InputStream in) throws IOException {
    String requestLine = line(in);
    if (requestLine == null || requestLine.isEmpty()) {
      return null;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      headers.put(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    String[] parts = requestLine.split(" ");
    return new Request(parts[0], parts[1], headers, body);
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private void write(OutputStream out, Response response) throws IOException {
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    String version = manners == Manners.HTTP_1_0 ? "HTTP/1.0" : "HTTP/1.1";
    lines.add(version + " " + response.status() + " " + reason(response.status()));
    lines.add("Content-Length: " + body.length);
    response.headers().forEach((name, value) -> lines.add(name + ": " + value));
    out.write((String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private static String reason(int status) {
    return status < 300 ? "OK" : status < 400 ? "Redirect" : "Error";
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : open) {
      connection.close();
    }
    threads.shutdownNow();
  }
}
