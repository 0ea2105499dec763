package io.drover.engine;

import java.util.Map;

/**
 * An exception thrown from {@code consume} that carries details for the dead letter, when its
 * message ends up there: each entry becomes a header of the dead-letter record (UTF-8 text). Use it
 * for what helps whoever replays the record and must not reach logs or Events, such as an
 * endpoint's answer.
 */
public interface DeadLetterDetails {

  /** Header names (use a prefix of your own) and their values. */
  Map<String, String> deadLetterHeaders();
}
