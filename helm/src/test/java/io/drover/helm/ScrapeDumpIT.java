package io.drover.helm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrapeDumpIT {
  @Test
  void dump(@TempDir Path dir) throws Exception {
    try (MonitoredStack stack = MonitoredStack.start(dir, 300, 6)) {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(() -> stack.delivered() >= 300);
      Thread.sleep(12000);
      HttpClient http = HttpClient.newHttpClient();
      Files.writeString(
          Path.of("/tmp/runtime-scrape.txt"),
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + stack.runtimePort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body());
      Files.writeString(
          Path.of("/tmp/operator-scrape.txt"),
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + stack.operatorPort() + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body());
    }
  }
}
