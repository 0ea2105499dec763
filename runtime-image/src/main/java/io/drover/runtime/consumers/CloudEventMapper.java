package io.drover.runtime.consumers;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.MessageReader;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import io.drover.engine.messages.Message;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.header.Header;

/**
 * Turns a Kafka message into the CloudEvent the HTTP sink sends. A record that already is a
 * CloudEvent (Kafka protocol binding: {@code ce_*} headers, or a structured {@code
 * application/cloudevents} value) is passed on as it is. Any other record is wrapped: its value is
 * the data, and its coordinates, key and trace context are extensions.
 *
 * <p>Keys and header values are bytes. Valid UTF-8 is passed as text; anything else as base64 under
 * a name that says so ({@code kafkakeybase64}), so that nothing is lost or garbled.
 */
final class CloudEventMapper {

  /** The CloudEvents type of every wrapped record. */
  static final String EVENT_TYPE = "io.drover.kafka.message";

  private CloudEventMapper() {}

  /** Returns the event for {@code message}. */
  static CloudEvent toEvent(Message message) {
    return passedThrough(message).orElseGet(() -> wrapped(message));
  }

  private static Optional<CloudEvent> passedThrough(Message message) {
    try {
      MessageReader reader = KafkaMessageFactory.createReader(message.headers(), message.value());
      return Optional.of(reader.toEvent());
    } catch (CloudEventRWException | IllegalArgumentException e) {
      // Not a CloudEvent (the reader knows no encoding for it), or not a valid one: deliver it
      // wrapped, as opaque data.
      return Optional.empty();
    }
  }

  private static CloudEvent wrapped(Message message) {
    CloudEventBuilder event =
        CloudEventBuilder.v1()
            .withId(message.topic() + "-" + message.partition() + "-" + message.offset())
            .withSource(URI.create("/kafka/" + message.topic()))
            .withType(EVENT_TYPE)
            .withExtension("kafkatopic", message.topic())
            .withExtension("kafkapartition", Integer.toString(message.partition()))
            .withExtension("kafkaoffset", Long.toString(message.offset()));
    if (message.timestamp() >= 0) {
      event.withTime(Instant.ofEpochMilli(message.timestamp()).atOffset(ZoneOffset.UTC));
    }
    if (message.key() != null) {
      Optional<String> text = utf8(message.key());
      if (text.isPresent()) {
        event.withExtension("kafkakey", text.get());
      } else {
        event.withExtension("kafkakeybase64", Base64.getEncoder().encodeToString(message.key()));
      }
    }
    String contentType = "application/octet-stream";
    for (Header header : message.headers()) {
      String name = header.key().toLowerCase(Locale.ROOT);
      Optional<String> value = header.value() == null ? Optional.empty() : utf8(header.value());
      if (value.isEmpty()) {
        continue;
      }
      switch (name) {
        case "content-type" -> contentType = value.get();
        case "traceparent", "tracestate" -> event.withExtension(name, value.get());
        default -> {
          // Passed on as plain HTTP headers by the sink.
        }
      }
    }
    if (message.value() != null) {
      event.withData(contentType, message.value());
    }
    return event.build();
  }

  /** Returns the bytes as text if they are valid UTF-8. */
  static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
