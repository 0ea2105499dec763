package io.drover.engine.resources;

/**
 * How to open, close and check one kind of connection, and, where the connection has them, how to
 * run transactions on it.
 *
 * @param <C> the connection type
 */
public interface Connector<C> {

  /** Opens a new connection. */
  C connect() throws Exception;

  /** Closes {@code connection}, quietly: it may already be broken. */
  void disconnect(C connection);

  /** Returns whether {@code connection} still works. */
  boolean isValid(C connection);

  /** Returns whether {@code error} means the connection is broken, not that the call was wrong. */
  boolean isConnectionError(Throwable error);

  /** Opens a transaction on {@code connection}. */
  default void begin(C connection) throws Exception {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no transactions");
  }

  /** Commits the open transaction. */
  default void commit(C connection) throws Exception {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no transactions");
  }

  /** Rolls the open transaction back. */
  default void rollback(C connection) throws Exception {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " has no transactions");
  }
}
