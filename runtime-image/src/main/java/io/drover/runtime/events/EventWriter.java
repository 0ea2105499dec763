package io.drover.runtime.events;

import java.time.Instant;

/** Where aggregated Events go: the Kubernetes API in a pod, a list in tests of the aggregation. */
interface EventWriter {

  /**
   * Creates an Event and returns its name.
   *
   * @throws EventWriteException when the API refuses or cannot be reached
   */
  String create(EventReason reason, String message, int count, Instant first, Instant last)
      throws EventWriteException;

  /**
   * Sets the count, last time and message of an existing Event.
   *
   * @throws EventWriteException when the API refuses or cannot be reached; {@link
   *     EventWriteException#gone()} when the Event no longer exists
   */
  void update(String name, String message, int count, Instant last) throws EventWriteException;
}
