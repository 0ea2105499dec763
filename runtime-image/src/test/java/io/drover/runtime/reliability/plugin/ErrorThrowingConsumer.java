package io.drover.runtime.reliability.plugin;

import io.drover.engine.BaseConsumer;
import io.drover.engine.messages.Message;
import io.drover.engine.messages.Messages;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A user's consumer class that fails with {@link Error}s, as code that runs out of memory or meets
 * a broken library does: it POSTs each message to the reliability endpoint itself, throws an {@code
 * Error} on the first attempt of one record in 50 before sending it, and throws an {@code Error}
 * whenever the endpoint refuses a record (500). Loaded by the runtime from a plugin jar; the
 * endpoint's address comes from {@code RELIABILITY_ENDPOINT}, and {@code RELIABILITY_ATTEMPTS}
 * names a directory that all members share, where a record's first attempt leaves a file: a record
 * fails on its first attempt in the group, not again in each member it moves to.
 */
public final class ErrorThrowingConsumer extends BaseConsumer {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final URI ENDPOINT = URI.create(System.getenv("RELIABILITY_ENDPOINT"));
  private static final Path ATTEMPTS = Path.of(System.getenv("RELIABILITY_ATTEMPTS"));

  @Override
  public void consume(Messages messages) throws Exception {
    for (Message message : messages) {
      String coordinates = message.partition() + "@" + message.offset();
      if (Math.floorMod(coordinates.hashCode(), 50) == 0 && firstAttempt(coordinates)) {
        throw new Error("a transient Error before " + coordinates + " was sent");
      }
      int status = post(message);
      if (status == 500) {
        throw new Error("the endpoint refused " + coordinates);
      }
      if (status / 100 != 2) {
        throw new IOException("the endpoint answered " + status + " for " + coordinates);
      }
      markAsConsumed(message);
    }
  }

  private static boolean firstAttempt(String coordinates) throws IOException {
    try {
      Files.createFile(ATTEMPTS.resolve(coordinates));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    }
  }

  private static int post(Message message) throws IOException, InterruptedException {
    String key = message.keyAsString() == null ? "" : message.keyAsString();
    HttpRequest request =
        HttpRequest.newBuilder(ENDPOINT)
            .timeout(Duration.ofSeconds(5))
            .header("ce-kafkakey", URLEncoder.encode(key, StandardCharsets.UTF_8))
            .header("ce-kafkapartition", Integer.toString(message.partition()))
            .header("ce-kafkaoffset", Long.toString(message.offset()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(message.value()))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
