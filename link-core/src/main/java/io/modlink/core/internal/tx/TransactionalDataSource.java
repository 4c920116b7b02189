package io.modlink.core.internal.tx;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource that, inside a unit of work, returns the unit's connection for its target (see
 * {@link BoundConnection}), and outside one, a connection of the target as usual.
 */
final class TransactionalDataSource implements DataSource {
  private final DataSource target;
  private final TransactionManager manager;
  private final String description;

  TransactionalDataSource(DataSource target, TransactionManager manager, String description) {
    this.target = target;
    this.manager = manager;
    this.description = description;
  }

  DataSource target() {
    return target;
  }

  String description() {
    return description;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Unit unit = manager.current();
    manager.counted(unit, this);
    return unit == null ? target.getConnection() : unit.connection(this);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    Unit unit = manager.current();
    manager.counted(unit, this);
    return unit == null ? target.getConnection(username, password) : unit.connection(this);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || target.isWrapperFor(type);
  }

  @Override
  public String toString() {
    return "TransactionalDataSource[" + description + "]";
  }
}
