package io.drover.engine.instrumentation;

import io.drover.engine.ClusterState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one readable line per event. Lines carry coordinates, attempts and error classes, and
 * never a message key or payload. Stack traces of consume errors go to DEBUG.
 */
public final class LoggingListener implements EventListener {

  private static final Logger LOG = LoggerFactory.getLogger("io.drover.engine");
  private static final int MAX_ERROR_MESSAGE = 300;

  /** Subscribes this listener to every event of {@code monitor}. */
  public void attachTo(Monitor monitor) {
    monitor.subscribeAll(this);
  }

  @Override
  public void on(Event event) {
    if (event instanceof Event.ErrorOccurred e) {
      logError(e);
    } else if (event instanceof Event.BatchConsumed e) {
      LOG.debug(
          "{} consumed {} messages at {}..{} in {} ms",
          e.partition(),
          e.size(),
          e.firstOffset(),
          e.lastOffset(),
          e.duration().toMillis());
    } else if (event instanceof Event.PartitionPaused e) {
      LOG.info(
          "{} paused for {} ms, resuming at offset {}{}",
          e.partition(),
          e.pause().toMillis(),
          e.offset(),
          e.cause() == null ? " (requested by the consumer)" : " after attempt " + e.attempt());
    } else if (event instanceof Event.PartitionResumed e) {
      LOG.info("{} resumed at offset {}, attempt {}", e.partition(), e.offset(), e.nextAttempt());
    } else if (event instanceof Event.PartitionRecovered e) {
      LOG.info(
          "{} recovered at offset {} after {} failed attempts",
          e.partition(),
          e.offset(),
          e.failedAttempts());
    } else if (event instanceof Event.DeadLetterDispatched e) {
      LOG.warn(
          "{} offset {} sent to dead-letter topic {} after {} attempts ({})",
          e.partition(),
          e.offset(),
          e.deadLetterTopic(),
          e.attempts(),
          e.errorClass());
    } else if (event instanceof Event.PartitionsAssigned e) {
      LOG.info("assigned {}", e.partitions());
    } else if (event instanceof Event.PartitionsRevoked e) {
      LOG.info("{} {}", e.lost() ? "lost" : "revoked", e.partitions());
    } else if (event instanceof Event.ResourceReconnected e) {
      LOG.info(
          "resource {} reconnected after {} ({} attempts)",
          e.resource(),
          e.errorClass(),
          e.attempts());
    } else if (event instanceof Event.ClusterStateChanged e) {
      logClusterState(e);
    } else if (event instanceof Event.AppRunning e) {
      LOG.info("consumer group {} running", e.groupId());
    } else if (event instanceof Event.AppStopping e) {
      LOG.info("stopping, within {} ms", e.timeout().toMillis());
    } else if (event instanceof Event.AppStopped e) {
      LOG.info("stopped {} in {} ms", e.outcome(), e.took().toMillis());
    }
  }

  private static void logClusterState(Event.ClusterStateChanged e) {
    switch (e.state()) {
      case CONNECTED -> LOG.info("connected to the Kafka cluster at {}", e.bootstrapServers());
      case CONNECTING -> LOG.info("connecting to the Kafka cluster at {}", e.bootstrapServers());
      case UNREACHABLE ->
          LOG.warn(
              "no broker of the Kafka cluster at {} reachable for {} s; not ready until one is",
              e.bootstrapServers(),
              ClusterState.UNREACHABLE_AFTER.toSeconds());
      case AUTHENTICATION_FAILED ->
          LOG.warn(
              "the Kafka cluster at {} refused the credentials ({}); not ready until they work",
              e.bootstrapServers(),
              e.errorClass());
      case AUTHORIZATION_FAILED ->
          LOG.warn(
              "the Kafka cluster at {} refused access to the group or a topic ({}); not ready"
                  + " until the ACLs allow it",
              e.bootstrapServers(),
              e.errorClass());
    }
  }

  private static void logError(Event.ErrorOccurred e) {
    String where = e.partition() == null ? "" : e.partition() + " ";
    String at = e.seekOffset() < 0 ? "" : " at offset " + e.seekOffset();
    String attempt = e.attempt() > 0 ? " (attempt " + e.attempt() + ")" : "";
    LOG.warn("{}{}{}{}: {}", where, e.type(), at, attempt, describe(e.error()));
    LOG.debug("stack trace of {}", e.type(), e.error());
  }

  /** Returns the error's class and its message, cut short. */
  static String describe(Throwable error) {
    String message = error.getMessage();
    if (message == null) {
      return error.getClass().getName();
    }
    if (message.length() > MAX_ERROR_MESSAGE) {
      message = message.substring(0, MAX_ERROR_MESSAGE) + "…";
    }
    return error.getClass().getName() + ": " + message;
  }
}
