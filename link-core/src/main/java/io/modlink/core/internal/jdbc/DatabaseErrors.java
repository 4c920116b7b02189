package io.modlink.core.internal.jdbc;

import io.modlink.core.error.UnexpectedStateException;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a database error that validation could not prevent into an {@link UnexpectedStateException}
 * whose message names the operation and the database's own words, without the SQL: the statement
 * (which may hold more than the caller should see) is logged at debug level instead.
 */
public final class DatabaseErrors {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseErrors.class);
  /** The longest database message kept in an exception's message. */
  static final int MAX_MESSAGE = 300;

  private DatabaseErrors() {}

  /**
   * @param operation what failed, e.g. {@code graph query on api_key}; the message is
   *     {@code "<operation> failed: <database message> (SQL state <state>)"}
   * @param sql the statement, logged at debug level; null when not known
   */
  public static UnexpectedStateException failed(String operation, SQLException e, @Nullable String sql) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} failed: {}; SQL: {}", operation, e.getMessage(), sql);
    }
    String state = e.getSQLState();
    return new UnexpectedStateException(operation + " failed: " + describe(e, sql)
        + (state == null ? "" : " (SQL state " + state + ")"), e);
  }

  /**
   * The database's message without the statement: the first line, cut before H2's
   * {@code ; SQL statement:} and its error code suffix, without the MariaDB driver's
   * {@code (conn=N)}, any copy of the SQL replaced, shortened.
   */
  static String describe(SQLException e, @Nullable String sql) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int statement = message.indexOf("; SQL statement:");
    if (statement >= 0) {
      message = message.substring(0, statement);
    }
    if (sql != null && !sql.isEmpty()) {
      message = message.replace(sql, "<statement>");
    }
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    message = message.replaceFirst("\\s*\\[\\d{5}-\\d+\\]\\s*$", "").strip();
    message = message.replaceFirst("^\\(conn=\\d+\\)\\s*", ""); // the MariaDB driver's connection number
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE) + "...";
    }
    return message;
  }
}
