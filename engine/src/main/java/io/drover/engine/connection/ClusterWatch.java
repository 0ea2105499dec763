package io.drover.engine.connection;

import io.drover.engine.ClusterState;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import io.drover.engine.timetrackers.MonotonicClock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Tells, on the poll thread, whether this member can consume: connected to the cluster, not refused
 * its credentials or its access. The Kafka client retries all of these quietly and for ever, so a
 * pod that cannot consume would otherwise look healthy. Each change is published once, as {@link
 * Event.ClusterStateChanged}, not once per retry.
 *
 * <p>Connected means the member has joined its group, or the client has held a broker connection
 * (its own {@code connection-count} metric) for {@link #CONFIRMED_AFTER} without a refusal: a
 * connection is counted before its login is checked, so a bare count would flash "connected" with
 * wrong credentials. A member with no connection for {@link ClusterState#UNREACHABLE_AFTER} is
 * unreachable. A poll that fails on authentication or authorization sets that state until polls
 * have gone through for {@link #CLEARED_AFTER}.
 */
final class ClusterWatch {

  /** How long after the last refused poll, with polls going through, before it counts as fixed. */
  static final Duration CLEARED_AFTER = Duration.ofSeconds(5);

  /** How long a connection must last, without a refusal, to count before the group is joined. */
  static final Duration CONFIRMED_AFTER = Duration.ofSeconds(3);

  private static final Duration CHECK_INTERVAL = Duration.ofMillis(500);

  private final Supplier<Map<MetricName, ? extends Metric>> metrics;
  private final Monitor monitor;
  private final MonotonicClock clock;
  private final String bootstrapServers;
  private volatile ClusterState state = ClusterState.CONNECTING;
  private long lastConnected;
  private long connectedSince = -1;
  private boolean joined;
  private long lastRefused;
  private long nextCheck;
  private ClusterState refusal;
  private String refusalClass;

  ClusterWatch(
      Supplier<Map<MetricName, ? extends Metric>> metrics,
      Monitor monitor,
      MonotonicClock clock,
      String bootstrapServers) {
    this.metrics = metrics;
    this.monitor = monitor;
    this.clock = clock;
    this.bootstrapServers = bootstrapServers;
    this.lastConnected = clock.nanos();
    this.nextCheck = clock.nanos();
  }

  /** Returns the state as last seen; safe from any thread. */
  ClusterState state() {
    return state;
  }

  /**
   * Records a failed poll; returns whether it was a refusal this watch reports (the caller then
   * need not report it again on every retry).
   */
  boolean pollFailed(Throwable error) {
    ClusterState refused = refusal(error);
    if (refused == null) {
      return false;
    }
    lastRefused = clock.nanos();
    joined = false;
    refusal = refused;
    refusalClass = error.getClass().getName();
    change(refused, refusalClass);
    return true;
  }

  /** Records that the member has joined its group (an assignment, even an empty one). */
  void joined() {
    joined = true;
    nextCheck = clock.nanos();
    check();
  }

  /** Looks at the client's connections, at most every half second, after a turn. */
  void check() {
    long now = clock.nanos();
    if (now - nextCheck < 0) {
      return;
    }
    nextCheck = now + CHECK_INTERVAL.toNanos();
    boolean connected = connections() > 0;
    if (connected) {
      lastConnected = now;
      connectedSince = connectedSince < 0 ? now : connectedSince;
    } else {
      connectedSince = -1;
    }
    if (refusal != null && now - lastRefused < CLEARED_AFTER.toNanos()) {
      return; // still refused: the refusal says more than the connection count
    }
    refusal = null;
    if (connected && (joined || now - connectedSince >= CONFIRMED_AFTER.toNanos())) {
      change(ClusterState.CONNECTED, null);
    } else if (now - lastConnected >= ClusterState.UNREACHABLE_AFTER.toNanos()) {
      change(ClusterState.UNREACHABLE, null);
    }
  }

  private void change(ClusterState next, String errorClass) {
    if (next == state) {
      return;
    }
    ClusterState previous = state;
    state = next;
    monitor.publish(new Event.ClusterStateChanged(previous, next, bootstrapServers, errorClass));
  }

  private double connections() {
    double count = 0;
    for (Map.Entry<MetricName, ? extends Metric> metric : metrics.get().entrySet()) {
      MetricName name = metric.getKey();
      if (name.name().equals("connection-count") && name.group().endsWith("consumer-metrics")) {
        Object value = metric.getValue().metricValue();
        if (value instanceof Number number) {
          count += number.doubleValue();
        }
      }
    }
    return count;
  }

  private static ClusterState refusal(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof AuthenticationException) {
        return ClusterState.AUTHENTICATION_FAILED;
      }
      if (e instanceof AuthorizationException) {
        return ClusterState.AUTHORIZATION_FAILED;
      }
    }
    return null;
  }
}
