package io.drover.runtime.consumers;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.drover.engine.messages.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.apache.kafka.common.header.Header;

/**
 * Delivers messages to one HTTP endpoint as CloudEvents, on a connection pool shared by all
 * partitions of the process.
 *
 * <ul>
 *   <li>An idle connection is not kept longer than {@link #IDLE_BOUND} (or than the endpoint's
 *       {@code Keep-Alive: timeout}, less a second), and is checked before reuse when it has been
 *       idle, so a connection the endpoint has closed is rarely picked.
 *   <li>When one is picked anyway, or the endpoint closes or resets the connection before
 *       answering, the request is sent again at once on another connection ({@link
 *       ResendUnanswered}); that is not a failure.
 *   <li>307 and 308 are followed (with the same method and body); other redirects are refused.
 *   <li>2xx delivers. 5xx, 429 and 408 are retryable, after at least the {@code Retry-After} the
 *       endpoint asks for on 429 and 503; other answers are refused for good.
 * </ul>
 */
public final class HttpSink implements AutoCloseable {

  /** The longest an idle connection is kept, below the common 5 s keep-alive of servers. */
  public static final Duration IDLE_BOUND = Duration.ofSeconds(4);

  /** How much of the endpoint's answer goes into a dead letter's header. */
  static final int RESPONSE_EXCERPT = 256;

  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "host", "content-type", "transfer-encoding");

  private final CloseableHttpClient client;
  private final URI url;
  private final Duration timeout;
  private final ContentMode mode;
  private final Clock clock;

  /** How events are put in requests (CloudEvents HTTP binding). */
  public enum ContentMode {
    /** Attributes as {@code ce-*} headers, the data as the body. */
    BINARY,
    /** The whole event as a JSON body, {@code application/cloudevents+json}. */
    STRUCTURED
  }

  private HttpSink(
      CloseableHttpClient client, URI url, Duration timeout, ContentMode mode, Clock clock) {
    this.client = client;
    this.url = url;
    this.timeout = timeout;
    this.mode = mode;
    this.clock = clock;
  }

  /**
   * Creates the sink.
   *
   * @param timeout the longest wait to connect, and for each read of the answer
   * @param connections the most connections open at once (one per worker is enough)
   */
  public static HttpSink create(URI url, Duration timeout, ContentMode mode, int connections) {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(connections)
            .setMaxConnPerRoute(connections)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(timeout))
                    .setSocketTimeout(Timeout.of(timeout))
                    .setValidateAfterInactivity(TimeValue.ofMilliseconds(200))
                    .build())
            .build();
    CloseableHttpClient client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .setDefaultRequestConfig(
                RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(timeout))
                    .setConnectionRequestTimeout(Timeout.of(timeout))
                    .build())
            .setKeepAliveStrategy(new BoundedKeepAlive(IDLE_BOUND))
            .evictIdleConnections(TimeValue.of(IDLE_BOUND))
            .setRetryStrategy(new ResendUnanswered())
            .setRedirectStrategy(new SameMethodRedirectsOnly())
            .disableCookieManagement()
            .disableContentCompression()
            .disableAuthCaching()
            .setUserAgent("drover-http-sink")
            .build();
    return new HttpSink(client, url, timeout, mode, Clock.systemUTC());
  }

  /** Delivers {@code message}; returns when the endpoint has accepted it. */
  public void deliver(Message message) throws SinkException {
    HttpPost request = request(message);
    try {
      client.execute(
          request,
          response -> {
            check(message, response);
            return null;
          });
    } catch (SinkIoException e) {
      throw e.failure;
    } catch (SocketTimeoutException e) {
      throw new RetryableSinkException(message + ": no answer within " + timeout, e);
    } catch (IOException e) {
      throw new RetryableSinkException(message + ": " + e, e);
    }
  }

  private HttpPost request(Message message) {
    HttpPost post = new HttpPost(url);
    CloudEvent event = CloudEventMapper.toEvent(message);
    byte[][] body = {new byte[0]};
    String[] contentType = {null};
    var writer =
        HttpMessageFactory.createWriter(
            (name, value) -> {
              if (name.equalsIgnoreCase("content-type")) {
                contentType[0] = value;
              } else {
                // The binding asks for percent-encoded values; the SDK leaves them as they are.
                post.addHeader(name, PercentEncoding.encode(value));
              }
            },
            bytes -> body[0] = bytes == null ? new byte[0] : bytes);
    if (mode == ContentMode.STRUCTURED) {
      writer.writeStructured(event, JsonFormat.CONTENT_TYPE);
    } else {
      writer.writeBinary(event);
    }
    passKafkaHeaders(message, post);
    post.setEntity(
        new ByteArrayEntity(
            body[0],
            contentType[0] == null ? null : ContentType.parseLenient(contentType[0]),
            false));
    return post;
  }

  /** Kafka headers go on as HTTP headers: text percent-encoded, other bytes in base64. */
  private static void passKafkaHeaders(Message message, HttpPost post) {
    for (Header header : message.headers()) {
      String name = header.key().toLowerCase(Locale.ROOT);
      if (header.value() == null
          || RESTRICTED.contains(name)
          || name.startsWith("ce_")
          || !isToken(name)) {
        continue;
      }
      Optional<String> text = CloudEventMapper.utf8(header.value());
      if (name.equals("traceparent") || name.equals("tracestate")) {
        // W3C trace context, for tracers that read the plain headers.
        text.ifPresent(value -> post.addHeader(name, value));
      } else if (text.isPresent()) {
        post.addHeader("kafka-header-" + name, PercentEncoding.encode(text.get()));
      } else {
        post.addHeader(
            "kafka-binheader-" + name, Base64.getEncoder().encodeToString(header.value()));
      }
    }
  }

  private void check(Message message, ClassicHttpResponse response) throws IOException {
    int status = response.getCode();
    if (status >= 200 && status < 300) {
      EntityUtils.consume(response.getEntity());
      return;
    }
    String excerpt = excerpt(response.getEntity());
    if (status >= 500 || status == 429 || status == 408) {
      Duration retryAfter =
          status == 429 || status == 503
              ? RetryAfterHeader.parse(response.getFirstHeader("Retry-After"), clock)
              : null;
      throw new SinkIoException(
          new RetryableSinkException(
              message
                  + ": sink answered "
                  + status
                  + (retryAfter == null ? "" : ", retry after " + retryAfter.toSeconds() + " s"),
              null,
              status,
              excerpt,
              retryAfter));
    }
    throw new SinkIoException(
        new NonRetryableSinkException(
            message + ": sink refused it with " + status, status, excerpt));
  }

  /** Reads the start of the answer as text, printable characters only. */
  private static String excerpt(HttpEntity entity) throws IOException {
    if (entity == null) {
      return "";
    }
    byte[] start;
    try (InputStream in = entity.getContent()) {
      start = in.readNBytes(RESPONSE_EXCERPT * 4);
      in.transferTo(OutputStream.nullOutputStream());
    }
    String text = new String(start, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ").strip();
    return text.length() <= RESPONSE_EXCERPT ? text : text.substring(0, RESPONSE_EXCERPT);
  }

  /** Carries a refused answer out of the response handler, which may throw only IOException. */
  private static final class SinkIoException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient SinkException failure;

    SinkIoException(SinkException failure) {
      super(failure.getMessage());
      this.failure = failure;
    }
  }

  private static boolean isToken(String name) {
    return !name.isEmpty() && name.chars().allMatch(c -> c > 32 && c < 127 && c != ':');
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
