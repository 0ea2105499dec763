package io.drover.engine.resources;

import io.drover.engine.instrumentation.Monitor;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import javax.sql.DataSource;

/**
 * One JDBC connection from a {@link DataSource}, with transactions.
 *
 * <p>A connection error is any {@link SQLException} of SQLSTATE class 08 (connection exception),
 * the server shutting down or terminating the session (57P01, 57P02, 57P03), the JDBC connection
 * exception types, or an {@link IOException}, anywhere in the cause chain.
 */
public final class JdbcConnector implements Connector<Connection> {

  private static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
  private static final int VALIDATION_TIMEOUT_SECONDS = 2;

  private final DataSource dataSource;

  /** Creates a connector that takes connections from {@code dataSource}. */
  public JdbcConnector(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Returns a managed JDBC resource named {@code name} on {@code dataSource}. */
  public static ManagedResource<Connection> resource(
      String name, DataSource dataSource, ReconnectPolicy policy, Monitor monitor) {
    return new ManagedResource<>(name, new JdbcConnector(dataSource), policy, monitor);
  }

  @Override
  public Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  @Override
  public void disconnect(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // The connection is being thrown away because it is broken; closing it may fail too.
    }
  }

  @Override
  public boolean isValid(Connection connection) {
    try {
      return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public boolean isConnectionError(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (e instanceof SQLRecoverableException
          || e instanceof SQLNonTransientConnectionException
          || e instanceof SQLTransientConnectionException
          || e instanceof IOException) {
        return true;
      }
      if (e instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || SHUTDOWN_STATES.contains(state)) {
          return true;
        }
      }
    }
    return false;
  }

  @Override
  public void begin(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
  }

  @Override
  public void commit(Connection connection) throws SQLException {
    connection.commit();
    connection.setAutoCommit(true);
  }

  @Override
  public void rollback(Connection connection) throws SQLException {
    connection.rollback();
    connection.setAutoCommit(true);
  }
}
