package io.drover.engine.resources;

import io.drover.engine.instrumentation.ErrorType;
import io.drover.engine.instrumentation.Event;
import io.drover.engine.instrumentation.Monitor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A named, long-lived connection whose calls are guarded, in the manner of redis-rb's {@code
 * ensure_connected}: on a connection error the connection is dropped, re-established with bounded
 * attempts and back-off, the call is made again, and the reconnect is published.
 *
 * <p>Inside an open transaction the guard never reconnects on its own (the rule of the Karafka FAQ
 * on dead database connections): the work done so far in the transaction died with the connection,
 * so retrying only the last call would run it outside the transaction it assumes. The call fails
 * with {@link ResourceUnavailableException} instead; the batch fails, and the engine's back-off
 * retries the whole batch on a fresh connection.
 *
 * <p>A connection is not meant to be shared between threads: give each consumer its own resource.
 * Calls are serialised all the same.
 *
 * @param <C> the connection type
 */
public final class ManagedResource<C> implements AutoCloseable {

  private final String name;
  private final Connector<C> connector;
  private final ReconnectPolicy policy;
  private final Monitor monitor;
  private C connection;
  private boolean inTransaction;

  /**
   * Creates a resource; it connects lazily, on first use.
   *
   * @param name the name used in events, metrics and logs
   */
  public ManagedResource(
      String name, Connector<C> connector, ReconnectPolicy policy, Monitor monitor) {
    this.name = name;
    this.connector = connector;
    this.policy = policy;
    this.monitor = monitor;
  }

  /** Returns the resource's name. */
  public String name() {
    return name;
  }

  /**
   * Runs {@code work} on the connection, reconnecting and retrying on a connection error unless a
   * transaction is open.
   *
   * @throws ResourceUnavailableException when the connection is lost and cannot be regained here
   * @throws Exception whatever {@code work} throws that is not a connection error
   */
  public synchronized <T> T call(ResourceCall<C, T> work) throws Exception {
    if (inTransaction) {
      return callOnce(work);
    }
    Throwable lost = null;
    for (int attempt = 0; ; attempt++) {
      try {
        T result = work.call(connected());
        if (lost != null) {
          monitor.publish(new Event.ResourceReconnected(name, attempt, lost.getClass().getName()));
        }
        return result;
      } catch (Exception e) {
        if (!connector.isConnectionError(e)) {
          throw e;
        }
        drop();
        lost = e;
        if (attempt >= policy.maxAttempts()) {
          throw gaveUp(e, attempt);
        }
        waitBefore(attempt + 1);
      }
    }
  }

  /**
   * Runs {@code work} in a transaction: begins, runs, commits, and rolls back if {@code work}
   * throws. A connection error fails the call without a retry.
   */
  public synchronized <T> T transaction(ResourceCall<C, T> work) throws Exception {
    begin();
    T result;
    try {
      result = work.call(connection);
    } catch (Exception e) {
      rollbackQuietly();
      throw guardInTransaction(e);
    }
    commit();
    return result;
  }

  /**
   * Opens a transaction that may span several calls, and several batches. Until {@link #commit} or
   * {@link #rollback}, no call reconnects.
   */
  public synchronized void begin() throws Exception {
    if (inTransaction) {
      throw new IllegalStateException(name + ": a transaction is already open");
    }
    // The connection may be checked and renewed only here, before any work depends on it.
    call(
        c -> {
          connector.begin(c);
          return null;
        });
    inTransaction = true;
  }

  /**
   * Commits the open transaction. If the commit fails, for whatever reason, the connection is
   * replaced: a failed COMMIT (a deferred constraint, a serialization failure) can leave it outside
   * autocommit, and later calls would then run in a transaction nothing commits.
   */
  public synchronized void commit() throws Exception {
    endTransaction(connector::commit);
  }

  /** Rolls the open transaction back; if that fails, the connection is replaced. */
  public synchronized void rollback() throws Exception {
    endTransaction(connector::rollback);
  }

  private void endTransaction(TransactionEnd<C> end) throws Exception {
    requireTransaction();
    try {
      callOnce(
          c -> {
            end.apply(c);
            return null;
          });
    } catch (Exception e) {
      drop();
      throw e;
    } finally {
      inTransaction = false;
    }
  }

  /** Commits or rolls back on a connection. */
  @FunctionalInterface
  private interface TransactionEnd<C> {
    void apply(C connection) throws Exception;
  }

  /** Returns whether a transaction is open. */
  public synchronized boolean inTransaction() {
    return inTransaction;
  }

  /** Returns whether the resource holds a working connection; it does not connect. */
  public synchronized boolean healthy() {
    return connection != null && connector.isValid(connection);
  }

  /** Closes the connection; the next call opens a new one. */
  @Override
  public synchronized void close() {
    inTransaction = false;
    drop();
  }

  private <T> T callOnce(ResourceCall<C, T> work) throws Exception {
    try {
      return work.call(connected());
    } catch (Exception e) {
      throw guardInTransaction(e);
    }
  }

  private Exception guardInTransaction(Exception e) {
    if (!connector.isConnectionError(e)) {
      return e;
    }
    // The transaction died with its connection. Drop both and let the batch be retried.
    inTransaction = false;
    drop();
    return new ResourceUnavailableException(
        name + ": connection lost inside a transaction; the batch will be retried", e);
  }

  private void rollbackQuietly() {
    if (connection == null || !inTransaction) {
      inTransaction = false;
      return;
    }
    try {
      connector.rollback(connection);
    } catch (Exception ignored) {
      // The original error matters more; a broken connection is dropped by the guard.
    } finally {
      inTransaction = false;
    }
  }

  private C connected() throws Exception {
    if (connection == null) {
      connection = connector.connect();
    }
    return connection;
  }

  private void drop() {
    if (connection != null) {
      connector.disconnect(connection);
      connection = null;
    }
  }

  private void requireTransaction() {
    if (!inTransaction) {
      throw new IllegalStateException(name + ": no transaction is open");
    }
  }

  private ResourceUnavailableException gaveUp(Exception cause, int attempts) {
    ResourceUnavailableException error =
        new ResourceUnavailableException(
            name + ": still unreachable after " + attempts + " reconnection attempts", cause);
    monitor.publish(
        new Event.ErrorOccurred(ErrorType.RESOURCE_RECONNECT, error, this, null, -1, attempts));
    return error;
  }

  private void waitBefore(int attempt) throws InterruptedException {
    Duration wait = policy.waitBefore(attempt);
    TimeUnit.NANOSECONDS.sleep(wait.toNanos());
  }
}
