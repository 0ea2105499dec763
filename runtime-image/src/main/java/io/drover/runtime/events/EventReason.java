package io.drover.runtime.events;

/**
 * The closed set of reasons the runtime writes Events with. {@code Warning} marks only what a
 * person may need to act on; docs/events.md says what to do for each.
 */
public enum EventReason {
  /** A partition failed and waits out its back-off before the same offset is retried. */
  PartitionPaused(Type.WARNING),
  /** A partition that had failed processed its batch again: it has recovered. */
  PartitionResumed(Type.NORMAL),
  /** A message was given up on and written to the dead-letter topic. */
  MessageDeadLettered(Type.WARNING),
  /** Writing to the dead-letter topic failed; the write is retried, the message not skipped. */
  DeadLetterFailed(Type.WARNING),
  /**
   * The dead-letter topic refused a message for good (too large, no such topic, not authorized);
   * its partition stays paused on it until someone acts.
   */
  DeadLetterUndeliverable(Type.WARNING),
  /** A consumer's create, revoked, shutdown or tick callback threw. */
  ConsumerCallbackFailed(Type.WARNING),
  /** Polling Kafka or committing offsets failed. */
  KafkaClientFailed(Type.WARNING),
  /** No broker could be reached for longer than the engine's bound; the pod is not ready. */
  KafkaUnreachable(Type.WARNING),
  /** The brokers refused the credentials; the pod is not ready. */
  KafkaAuthenticationFailed(Type.WARNING),
  /** The brokers refused access to the group or a topic; the pod is not ready. */
  KafkaAuthorizationFailed(Type.WARNING),
  /** Connected again after being unreachable or refused; the pod is ready again. */
  KafkaConnected(Type.NORMAL),
  /** A managed resource (for example a database connection) was re-established. */
  ResourceReconnected(Type.NORMAL),
  /** A managed resource could not be reconnected within its attempts. */
  ResourceReconnectFailed(Type.WARNING),
  /** A graceful stop took longer than the shutdown timeout; the process exits with code 2. */
  ShutdownTimedOut(Type.WARNING);

  /** The Event types Kubernetes knows. */
  public enum Type {
    NORMAL("Normal"),
    WARNING("Warning");

    private final String value;

    Type(String value) {
      this.value = value;
    }

    /** Returns the value of the Event's {@code type} field. */
    public String value() {
      return value;
    }
  }

  private final Type type;

  EventReason(Type type) {
    this.type = type;
  }

  /** Returns whether Events with this reason are Normal or Warning. */
  public Type type() {
    return type;
  }
}
