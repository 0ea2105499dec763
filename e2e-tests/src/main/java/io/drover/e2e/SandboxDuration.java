package io.drover.e2e;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the sandbox's {@code --duration}: {@code 90s}, {@code 2m}, {@code 1m30s}, {@code 2h}. */
final class SandboxDuration {

  private static final Pattern FORM = Pattern.compile("(\\d+h)?(\\d+m)?(\\d+s)?");

  private SandboxDuration() {}

  /** Returns the duration {@code value} names, or empty when it is not of that form. */
  static Optional<Duration> parse(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.chars().allMatch(Character::isDigit) && !text.isEmpty()) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
    }
    if (text.isEmpty() || !FORM.matcher(text).matches()) {
      return Optional.empty();
    }
    Duration duration = Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
    return duration.isZero() ? Optional.empty() : Optional.of(duration);
  }
}
