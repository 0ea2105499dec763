package io.drover.runtime.consumers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drover.engine.RetryAfter;
import io.drover.engine.messages.Message;
import io.drover.runtime.consumers.RawHttpServer.Manners;
import io.drover.runtime.consumers.RawHttpServer.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP sink against endpoints that misbehave as real ones do, on plain sockets: none of their
 * connection habits may turn into a failed delivery, and every answer is classified as the
 * documentation says.
 */
class HttpSinkTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private RawHttpServer server(Manners manners, int idleMillis, Response response)
      throws Exception {
    RawHttpServer server = new RawHttpServer(manners, idleMillis, request -> response);
    closing.add(server);
    return server;
  }

  private HttpSink sink(String url, HttpSink.ContentMode mode) {
    HttpSink sink = HttpSink.create(URI.create(url), TIMEOUT, mode, 2);
    closing.add(sink);
    return sink;
  }

  private static Message message(long offset, byte[] key, String value, RecordHeaders headers) {
    return new Message(
        new ConsumerRecord<>(
            "orders",
            0,
            offset,
            1_700_000_000_000L,
            TimestampType.CREATE_TIME,
            -1,
            -1,
            key,
            value == null ? null : value.getBytes(StandardCharsets.UTF_8),
            headers,
            Optional.empty()));
  }

  private static Message message(long offset, String value) {
    return message(offset, null, value, new RecordHeaders());
  }

  @Test
  void anEndpointThatClosesEveryConnectionCausesNoFailure() throws Exception {
    RawHttpServer server = server(Manners.CLOSE_SILENTLY, 5_000, Response.ok());
    HttpSink sink = sink(server.url("/events"), HttpSink.ContentMode.BINARY);

    for (int i = 0; i < 200; i++) {
      sink.deliver(message(i, "event " + i));
    }

    assertThat(server.requests()).hasSizeGreaterThanOrEqualTo(200);
  }

  @Test
  void anHttp10EndpointCausesNoFailure() throws Exception {
    RawHttpServer server = server(Manners.HTTP_1_0, 5_000, Response.ok());
    HttpSink sink = sink(server.url("/events"), HttpSink.ContentMode.BINARY);

    for (int i = 0; i < 100; i++) {
      sink.deliver(message(i, "event " + i));
    }

    assertThat(server.requests()).hasSize(100);
  }

  @Test
  void aConnectionTheEndpointClosedWhileIdleIsNotReused() throws Exception {
    // The server drops a connection idle for 300 ms; the client would keep it for seconds.
    RawHttpServer server = server(Manners.KEEP_ALIVE, 300, Response.ok());
    HttpSink sink = sink(server.url("/events"), HttpSink.ContentMode.BINARY);

    for (int i = 0; i < 5; i++) {
      sink.deliver(message(i, "event " + i));
      LockSupport.parkNanos(Duration.ofMillis(450).toNanos()); // idle past the server's timeout
    }

    assertThat(server.requests()).extracting(RawHttpServer.Request::bodyText).hasSize(5);
  }

  @Test
  void retryAfterIsReadOn429And503AndTheAnswersAreRetryable() throws Exception {
    for (int status : new int[] {429, 503}) {
      RawHttpServer server =
          server(Manners.KEEP_ALIVE, 5_000, new Response(status, Map.of("Retry-After", "7"), ""));
      HttpSink sink = sink(server.url("/events"), HttpSink.ContentMode.BINARY);

      assertThatThrownBy(() -> sink.deliver(message(0, "x")))
          .isInstanceOf(RetryableSinkException.class)
          .hasMessageContaining("answered " + status)
          .satisfies(e -> assertThat(RetryAfter.askedBy(e)).isEqualTo(Duration.ofSeconds(7)));
    }
  }

  @Test
  void a408IsRetryableAndAnOther4xxIsNot() throws Exception {
    RawHttpServer timeout = server(Manners.KEEP_ALIVE, 5_000, new Response(408, Map.of(), ""));
    assertThatThrownBy(
            () -> sink(timeout.url("/e"), HttpSink.ContentMode.BINARY).deliver(message(0, "x")))
        .isInstanceOf(RetryableSinkException.class);

    RawHttpServer refusing =
        server(Manners.KEEP_ALIVE, 5_000, new Response(422, Map.of(), "customer 42 unknown"));
    assertThatThrownBy(
            () -> sink(refusing.url("/e"), HttpSink.ContentMode.BINARY).deliver(message(0, "x")))
        .isInstanceOf(NonRetryableSinkException.class)
        .hasMessageContaining("422")
        .hasMessageNotContaining("customer 42 unknown")
        .satisfies(
            e ->
                assertThat(((SinkException) e).deadLetterHeaders())
                    .containsEntry(SinkException.STATUS_HEADER, "422")
                    .containsEntry(SinkException.RESPONSE_HEADER, "customer 42 unknown"));
  }

  @Test
  void temporaryAndPermanentRedirectsAreFollowedWithTheBodyAndOthersRefused() throws Exception {
    for (int status : new int[] {307, 308}) {
      RawHttpServer server =
          new RawHttpServer(
              Manners.KEEP_ALIVE,
              5_000,
              request ->
                  request.path().equals("/old")
                      ? new Response(status, Map.of("Location", "/new"), "")
                      : Response.ok());
      closing.add(server);

      sink(server.url("/old"), HttpSink.ContentMode.BINARY).deliver(message(0, "moved"));

      assertThat(server.requests())
          .extracting(
              RawHttpServer.Request::method,
              RawHttpServer.Request::path,
              RawHttpServer.Request::bodyText)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("POST", "/old", "moved"),
              org.assertj.core.groups.Tuple.tuple("POST", "/new", "moved"));
    }
    RawHttpServer found =
        server(Manners.KEEP_ALIVE, 5_000, new Response(302, Map.of("Location", "/x"), ""));
    assertThatThrownBy(
            () -> sink(found.url("/e"), HttpSink.ContentMode.BINARY).deliver(message(0, "x")))
        .isInstanceOf(NonRetryableSinkException.class);
  }

  @Test
  void keysAndHeadersThatAreNotUtf8ArriveInBase64AndTextArrivesIntact() throws Exception {
    RawHttpServer server = server(Manners.KEEP_ALIVE, 5_000, Response.ok());
    byte[] binary = {(byte) 0xff, (byte) 0xfe, (byte) 0x80};
    RecordHeaders headers = new RecordHeaders();
    headers.add("signature", binary);
    headers.add("note", "café 100% \"ok\"".getBytes(StandardCharsets.UTF_8));

    sink(server.url("/e"), HttpSink.ContentMode.BINARY).deliver(message(0, binary, "v", headers));
    sink(server.url("/e"), HttpSink.ContentMode.BINARY)
        .deliver(message(1, "order 1".getBytes(StandardCharsets.UTF_8), "v", new RecordHeaders()));

    Map<String, String> first = server.requests().get(0).headers();
    assertThat(Base64.getDecoder().decode(first.get("ce-kafkakeybase64"))).isEqualTo(binary);
    assertThat(first).doesNotContainKey("ce-kafkakey");
    assertThat(Base64.getDecoder().decode(first.get("kafka-binheader-signature")))
        .isEqualTo(binary);
    assertThat(URLDecoder.decode(first.get("kafka-header-note"), StandardCharsets.UTF_8))
        .isEqualTo("café 100% \"ok\"");
    assertThat(first.get("kafka-header-note")).isEqualTo("caf%C3%A9%20100%25%20%22ok%22");
    Map<String, String> second = server.requests().get(1).headers();
    assertThat(second.get("ce-kafkakey")).isEqualTo("order%201");
  }

  @Test
  void aRecordThatIsAlreadyACloudEventIsPassedOnAsItIs() throws Exception {
    RawHttpServer server = server(Manners.KEEP_ALIVE, 5_000, Response.ok());
    RecordHeaders headers = new RecordHeaders();
    headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
    headers.add("ce_id", "order-created-7".getBytes(StandardCharsets.UTF_8));
    headers.add("ce_source", "/shop".getBytes(StandardCharsets.UTF_8));
    headers.add("ce_type", "shop.order.created".getBytes(StandardCharsets.UTF_8));
    headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));

    sink(server.url("/e"), HttpSink.ContentMode.BINARY)
        .deliver(message(3, null, "{\"id\":7}", headers));

    RawHttpServer.Request request = server.requests().get(0);
    assertThat(request.headers())
        .containsEntry("ce-id", "order-created-7")
        .containsEntry("ce-type", "shop.order.created")
        .containsEntry("ce-source", "/shop")
        .containsEntry("content-type", "application/json")
        .doesNotContainKey("ce-kafkatopic");
    assertThat(request.bodyText()).isEqualTo("{\"id\":7}");
  }

  @Test
  void structuredModeSendsTheWholeEventAsJson() throws Exception {
    RawHttpServer server = server(Manners.KEEP_ALIVE, 5_000, Response.ok());

    sink(server.url("/e"), HttpSink.ContentMode.STRUCTURED).deliver(message(5, "hello"));

    RawHttpServer.Request request = server.requests().get(0);
    assertThat(request.headers().get("content-type")).startsWith("application/cloudevents+json");
    assertThat(request.bodyText())
        .contains("\"id\":\"orders-0-5\"")
        .contains("\"type\":\"io.drover.kafka.message\"")
        .contains("\"kafkaoffset\":\"5\"")
        .contains(Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theTraceContextIsPassedOn() throws Exception {
    RawHttpServer server = server(Manners.KEEP_ALIVE, 5_000, Response.ok());
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    RecordHeaders headers = new RecordHeaders();
    headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));

    sink(server.url("/e"), HttpSink.ContentMode.BINARY).deliver(message(0, null, "v", headers));

    assertThat(server.requests().get(0).headers())
        .containsEntry("traceparent", traceparent)
        .containsEntry("ce-traceparent", traceparent);
  }
}
