package io.drover.runtime.events;

/**
 * One thing worth an Event, before aggregation.
 *
 * @param reason why
 * @param key what makes two occurrences "the same" for aggregation: the reason, where it happened
 *     and the error class, but not the offset or the attempt, which change on every repeat
 * @param message the human-readable text; the newest occurrence's text is what the Event shows
 */
public record Occurrence(EventReason reason, String key, String message) {}
