package io.drover.runtime.consumers;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.apache.hc.core5.http.Header;

/** Reads {@code Retry-After}: a number of seconds, or an HTTP date (RFC 9110, section 10.2.3). */
final class RetryAfterHeader {

  private RetryAfterHeader() {}

  /** Returns the wait it asks for, or null when it is missing or unreadable. */
  static Duration parse(Header header, Clock clock) {
    if (header == null || header.getValue() == null) {
      return null;
    }
    String value = header.getValue().trim();
    try {
      long seconds = Long.parseLong(value);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }
}
