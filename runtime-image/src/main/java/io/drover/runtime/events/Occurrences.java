package io.drover.runtime.events;

import io.drover.engine.ClusterState;
import io.drover.engine.ShutdownOutcome;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.EventName;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns engine events into Event occurrences. Messages name the partition, offset, attempt, next
 * retry and error; they never carry a message key or payload, because engine events hold none, and
 * an exception's own message is cut to {@link #MAX_ERROR_MESSAGE} characters.
 */
public final class Occurrences {

  /** The engine events that can make an occurrence. */
  public static final Set<EventName> SOURCES =
      EnumSet.of(
          EventName.CONSUMER_PAUSED,
          EventName.CONSUMER_RECOVERED,
          EventName.DEAD_LETTER_DISPATCHED,
          EventName.ERROR_OCCURRED,
          EventName.RESOURCE_RECONNECTED,
          EventName.CLUSTER_STATE_CHANGED,
          EventName.APP_STOPPED);

  /** The most characters of an exception's message an Event shows. */
  public static final int MAX_ERROR_MESSAGE = 200;

  private Occurrences() {}

  /** Returns the occurrence an engine event makes, or empty when it is not worth an Event. */
  public static Optional<Occurrence> of(Event event) {
    Occurrence occurrence = null;
    if (event instanceof Event.PartitionPaused paused && paused.cause() != null) {
      occurrence = paused(paused);
    } else if (event instanceof Event.PartitionRecovered recovered) {
      occurrence = recovered(recovered);
    } else if (event instanceof Event.DeadLetterDispatched dispatched) {
      occurrence = deadLettered(dispatched);
    } else if (event instanceof Event.ErrorOccurred error) {
      occurrence = error(error);
    } else if (event instanceof Event.ClusterStateChanged changed) {
      occurrence = clusterState(changed);
    } else if (event instanceof Event.ResourceReconnected reconnected) {
      occurrence = reconnected(reconnected);
    } else if (event instanceof Event.AppStopped stopped
        && stopped.outcome() == ShutdownOutcome.TIMED_OUT) {
      occurrence = timedOut(stopped);
    }
    return Optional.ofNullable(occurrence);
  }

  private static Occurrence timedOut(Event.AppStopped stopped) {
    return new Occurrence(
        EventReason.ShutdownTimedOut,
        "shutdown",
        "Shutdown did not finish within "
            + human(stopped.took())
            + "; the process exits with code 2 and uncommitted messages are delivered again to"
            + " the next consumer");
  }

  private static Occurrence paused(Event.PartitionPaused paused) {
    return new Occurrence(
        EventReason.PartitionPaused,
        key("paused", paused.partition(), paused.cause().getClass().getName()),
        "Partition "
            + paused.partition()
            + " paused at offset "
            + paused.offset()
            + " after attempt "
            + paused.attempt()
            + " failed with "
            + describe(paused.cause())
            + "; next retry in "
            + human(paused.pause()));
  }

  private static Occurrence recovered(Event.PartitionRecovered recovered) {
    return new Occurrence(
        EventReason.PartitionResumed,
        key("resumed", recovered.partition(), ""),
        "Partition "
            + recovered.partition()
            + " processed offset "
            + recovered.offset()
            + " after "
            + recovered.failedAttempts()
            + " failed attempts and consumes again");
  }

  private static Occurrence deadLettered(Event.DeadLetterDispatched dispatched) {
    return new Occurrence(
        EventReason.MessageDeadLettered,
        key("dead-lettered", dispatched.partition(), dispatched.errorClass()),
        "Message at "
            + dispatched.partition()
            + " offset "
            + dispatched.offset()
            + " sent to dead-letter topic "
            + dispatched.deadLetterTopic()
            + " after "
            + dispatched.attempts()
            + " attempts; last error "
            + dispatched.errorClass());
  }

  private static Occurrence error(Event.ErrorOccurred error) {
    EventReason reason =
        switch (error.type()) {
          case CONSUMER_CREATE, CONSUMER_REVOKED, CONSUMER_SHUTDOWN, CONSUMER_TICK ->
              EventReason.ConsumerCallbackFailed;
          case CONNECTION_POLL, CONNECTION_COMMIT, CONNECTION_COMMITTED ->
              EventReason.KafkaClientFailed;
          case DEAD_LETTER_DISPATCH -> EventReason.DeadLetterFailed;
          case DEAD_LETTER_UNDELIVERABLE -> EventReason.DeadLetterUndeliverable;
          case RESOURCE_RECONNECT -> EventReason.ResourceReconnectFailed;
          // A failed consume shows as PartitionPaused; a slow stop as ShutdownTimedOut.
          case CONSUMER_CONSUME, APP_SHUTDOWN -> null;
        };
    if (reason == null) {
      return null;
    }
    String where = error.partition() == null ? "" : " on partition " + error.partition();
    return new Occurrence(
        reason,
        key(error.type().id(), error.partition(), error.error().getClass().getName()),
        error.type().id() + where + ": " + describe(error.error()));
  }

  private static Occurrence clusterState(Event.ClusterStateChanged changed) {
    String cluster = "the Kafka cluster at " + changed.bootstrapServers();
    return switch (changed.state()) {
      case UNREACHABLE ->
          new Occurrence(
              EventReason.KafkaUnreachable,
              "cluster/unreachable",
              "No broker of "
                  + cluster
                  + " reachable for "
                  + ClusterState.UNREACHABLE_AFTER.toSeconds()
                  + " s; this pod is not ready and consumes nothing until one is");
      case AUTHENTICATION_FAILED ->
          new Occurrence(
              EventReason.KafkaAuthenticationFailed,
              "cluster/authentication",
              "Login refused by "
                  + cluster
                  + " ("
                  + changed.errorClass()
                  + "); this pod is not ready and consumes nothing until the credentials work");
      case AUTHORIZATION_FAILED ->
          new Occurrence(
              EventReason.KafkaAuthorizationFailed,
              "cluster/authorization",
              "Access to the group or a topic refused by "
                  + cluster
                  + " ("
                  + changed.errorClass()
                  + "); this pod is not ready and consumes nothing until the ACLs allow it");
      case CONNECTED ->
          changed.previous() == ClusterState.CONNECTING
              ? null
              : new Occurrence(
                  EventReason.KafkaConnected,
                  "cluster/connected",
                  "Connected to " + cluster + " again; consuming");
      case CONNECTING -> null;
    };
  }

  private static Occurrence reconnected(Event.ResourceReconnected reconnected) {
    return new Occurrence(
        EventReason.ResourceReconnected,
        "reconnected/" + reconnected.resource(),
        "Resource "
            + reconnected.resource()
            + " reconnected after "
            + reconnected.attempts()
            + " attempts; the connection had failed with "
            + reconnected.errorClass());
  }

  private static String key(String what, TopicPartition partition, String errorClass) {
    return what + "/" + partition + "/" + errorClass;
  }

  /** Returns the exception's class and the start of its message, on one line. */
  static String describe(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      return error.getClass().getName();
    }
    String oneLine = message.replaceAll("\\s+", " ").strip();
    if (oneLine.length() > MAX_ERROR_MESSAGE) {
      oneLine = oneLine.substring(0, MAX_ERROR_MESSAGE) + "…";
    }
    return error.getClass().getName() + " (" + oneLine + ")";
  }

  /** Formats a duration as a person reads it: 250ms, 4s, 2.5s, 3m20s. */
  static String human(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1_000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return millis % 1_000 == 0
          ? millis / 1_000 + "s"
          : String.format(Locale.ROOT, "%.1fs", millis / 1_000.0);
    }
    long seconds = duration.toSeconds();
    return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
  }
}
