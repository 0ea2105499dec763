package io.drover.runtime.consumers;

import io.drover.engine.BaseConsumer;
import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.header.Header;

/**
 * The built-in HTTP sink, for consumers in any language: POSTs each message, in order, as a
 * CloudEvent in binary content mode. The body is the message value; the event attributes are {@code
 * ce-*} headers, with the Kafka coordinates and key as extensions, and each Kafka header is passed
 * on as {@code kafka-header-<name>}. A 2xx answer marks the message as consumed.
 */
public final class HttpSinkConsumer extends BaseConsumer {

  /** The CloudEvents type of every event. */
  public static final String EVENT_TYPE = "io.drover.kafka.message";

  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "host");

  private final HttpClient client;
  private final URI url;
  private final Duration timeout;

  /** Creates a sink on a shared client, so that connections are reused across partitions. */
  public HttpSinkConsumer(HttpClient client, URI url, Duration timeout) {
    this.client = client;
    this.url = url;
    this.timeout = timeout;
  }

  /** Returns a client for the sinks of one process. */
  public static HttpClient newClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public void consume(Messages messages) throws Exception {
    for (Message message : messages) {
      post(message);
      markAsConsumed(message);
    }
  }

  private void post(Message message) throws SinkException, InterruptedException {
    HttpResponse<Void> response;
    try {
      response = client.send(request(message), HttpResponse.BodyHandlers.discarding());
    } catch (HttpTimeoutException e) {
      throw new RetryableSinkException(message + ": no answer within " + timeout, e);
    } catch (IOException e) {
      throw new RetryableSinkException(message + ": " + e.getClass().getSimpleName(), e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    if (status >= 500 || status == 429) {
      throw new RetryableSinkException(message + ": sink answered " + status, null);
    }
    throw new NonRetryableSinkException(message + ": sink rejected it with " + status);
  }

  private HttpRequest request(Message message) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .POST(
                message.value() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(message.value()))
            .header("ce-specversion", "1.0")
            .header("ce-id", message.topic() + "-" + message.partition() + "-" + message.offset())
            .header("ce-source", "/kafka/" + message.topic())
            .header("ce-type", EVENT_TYPE)
            .header("ce-time", Instant.ofEpochMilli(message.timestamp()).toString())
            .header("ce-kafkatopic", message.topic())
            .header("ce-kafkapartition", Integer.toString(message.partition()))
            .header("ce-kafkaoffset", Long.toString(message.offset()));
    if (message.key() != null) {
      request.header("ce-kafkakey", encode(message.key()));
    }
    String contentType = "application/octet-stream";
    for (Header header : message.headers()) {
      String name = header.key().toLowerCase(Locale.ROOT);
      if (name.equals("content-type") && header.value() != null) {
        contentType = new String(header.value(), StandardCharsets.UTF_8);
      } else if (header.value() != null && !RESTRICTED.contains(name) && isToken(name)) {
        request.header("kafka-header-" + name, encode(header.value()));
      }
    }
    return request.header("Content-Type", contentType).build();
  }

  /** Percent-encodes, as the CloudEvents HTTP binding asks of header values. */
  private static String encode(byte[] value) {
    return URLEncoder.encode(new String(value, StandardCharsets.UTF_8), StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  private static boolean isToken(String name) {
    return !name.isEmpty() && name.chars().allMatch(c -> c > 32 && c < 127 && c != ':');
  }
}
