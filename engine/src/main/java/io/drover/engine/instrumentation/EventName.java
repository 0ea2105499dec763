package io.drover.engine.instrumentation;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The closed list of events the monitor carries, named as Karafka names them where it can. */
public enum EventName {
  /** Any error, with an {@link ErrorType}. */
  ERROR_OCCURRED("error.occurred"),
  /** A batch was consumed successfully. */
  CONSUMER_CONSUMED("consumer.consumed"),
  /** A partition was paused, after an error or on the consumer's request. */
  CONSUMER_PAUSED("consumer.consuming.pause"),
  /** A paused partition was resumed and will be fetched again. */
  CONSUMER_RESUMED("consumer.consuming.resume"),
  /** A partition processed a batch successfully after one or more failures. */
  CONSUMER_RECOVERED("consumer.consuming.recovered"),
  /** A message was written to the dead-letter topic and skipped. */
  DEAD_LETTER_DISPATCHED("dead_letter_queue.dispatched"),
  /** Partitions were assigned to this member. */
  PARTITIONS_ASSIGNED("rebalance.partitions_assigned"),
  /** Partitions were revoked from (or lost by) this member. */
  PARTITIONS_REVOKED("rebalance.partitions_revoked"),
  /** A managed resource re-established its connection. */
  RESOURCE_RECONNECTED("resource.reconnected"),
  /** The connection to the cluster changed: connected, unreachable, or refused. */
  CLUSTER_STATE_CHANGED("connection.cluster.state_changed"),
  /** The engine has subscribed and runs its poll loop. */
  APP_RUNNING("app.running"),
  /** A stop was requested; the engine drains. */
  APP_STOPPING("app.stopping"),
  /** The engine has stopped, cleanly or not. */
  APP_STOPPED("app.stopped");

  private final String id;

  EventName(String id) {
    this.id = id;
  }

  /** Returns the dotted name subscribers use. */
  public String id() {
    return id;
  }

  /** Returns the event with the dotted name, or throws naming every known event. */
  public static EventName of(String id) {
    return Arrays.stream(values())
        .filter(name -> name.id.equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown event '"
                        + id
                        + "'; known events: "
                        + Arrays.stream(values())
                            .map(EventName::id)
                            .collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return id;
  }
}
