package io.drover.runtime.consumers;

import java.time.Duration;
import org.apache.hc.client5.http.ConnectionKeepAliveStrategy;
import org.apache.hc.core5.http.HeaderElement;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.message.MessageSupport;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Keeps an idle connection no longer than a bound, and a second less than the endpoint's own {@code
 * Keep-Alive: timeout=N}: reusing a connection just as the server closes it is what loses a
 * request.
 */
final class BoundedKeepAlive implements ConnectionKeepAliveStrategy {

  private final TimeValue bound;

  BoundedKeepAlive(Duration bound) {
    this.bound = TimeValue.ofMilliseconds(bound.toMillis());
  }

  @Override
  public TimeValue getKeepAliveDuration(HttpResponse response, HttpContext context) {
    var elements = MessageSupport.iterate(response, "Keep-Alive");
    while (elements.hasNext()) {
      HeaderElement element = elements.next();
      if ("timeout".equalsIgnoreCase(element.getName()) && element.getValue() != null) {
        try {
          long seconds = Long.parseLong(element.getValue().trim());
          long millis = Math.max(0, seconds * 1000 - 1000);
          return millis < bound.toMilliseconds() ? TimeValue.ofMilliseconds(millis) : bound;
        } catch (NumberFormatException e) {
          return bound;
        }
      }
    }
    return bound;
  }
}
