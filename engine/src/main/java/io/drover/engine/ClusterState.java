package io.drover.engine;

import java.time.Duration;

/**
 * What the engine knows of its connection to the Kafka cluster. Only {@link #CONNECTED} can
 * consume; the runtime's readiness follows it.
 */
public enum ClusterState {
  /** Started, no connection to a broker yet. */
  CONNECTING,
  /** Connected to the cluster: a member of the group, or waiting for an assignment. */
  CONNECTED,
  /** No broker could be reached for longer than the engine's bound. */
  UNREACHABLE,
  /** The brokers refused the client's credentials (SASL or TLS). */
  AUTHENTICATION_FAILED,
  /** The brokers refused the client access to the group or a topic (ACLs). */
  AUTHORIZATION_FAILED;

  /** How long without any broker connection before the cluster counts as unreachable. */
  public static final Duration UNREACHABLE_AFTER = Duration.ofSeconds(15);
}
