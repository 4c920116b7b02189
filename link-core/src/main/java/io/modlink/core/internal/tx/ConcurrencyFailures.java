package io.modlink.core.internal.tx;

import io.modlink.core.error.ConflictException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Recognises failures caused by concurrent work, which the same work may outlast if it runs again
 * in a new transaction: a deadlock the database broke, a serialization failure, a lock wait that
 * timed out, and a {@link ConflictException#isRetryable() retryable} conflict.
 */
public final class ConcurrencyFailures {
  /** PostgreSQL (and the standard): serialization_failure; H2, MariaDB: deadlock. */
  static final String SERIALIZATION_FAILURE = "40001";
  /** PostgreSQL: deadlock_detected. */
  static final String DEADLOCK_DETECTED = "40P01";
  /** PostgreSQL: lock_not_available (lock_timeout, NOWAIT). */
  static final String LOCK_NOT_AVAILABLE = "55P03";
  /** H2 error codes: DEADLOCK_1, LOCK_TIMEOUT_1, CONCURRENT_UPDATE_1. */
  private static final Set<Integer> H2_CODES = Set.of(40001, 50200, 90131);
  /** MariaDB/MySQL error codes: ER_LOCK_DEADLOCK (SQLState 40001), ER_LOCK_WAIT_TIMEOUT (SQLState HY000). */
  static final int MARIADB_DEADLOCK = 1213;
  static final int MARIADB_LOCK_WAIT_TIMEOUT = 1205;

  private ConcurrencyFailures() {}

  /** Whether {@code failure}, or a cause of it, says that concurrent work made it fail. */
  public static boolean isConcurrencyFailure(Throwable failure) {
    return what(failure) != null;
  }

  /**
   * What concurrent work did, in a few words without SQL ("a deadlock (SQLState 40P01)"), or
   * null when {@code failure} was not caused by concurrent work.
   */
  public static @Nullable String what(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      chain.add(t);
    }
    // the outermost conflict decides: one with the data as it is is not retried, whatever caused it
    boolean retryableConflict = false;
    for (Throwable t : chain) {
      if (t instanceof ConflictException conflict) {
        if (!conflict.isRetryable()) {
          return null;
        }
        retryableConflict = true;
        break;
      }
    }
    for (Throwable t : chain) {
      if (t instanceof SQLException sql) {
        String found = what(sql);
        if (found != null) {
          return found;
        }
      }
    }
    for (Throwable t : chain) {
      switch (t.getClass().getName()) {
        case "org.hibernate.exception.LockAcquisitionException":
          return "a deadlock";
        case "org.hibernate.exception.LockTimeoutException", "jakarta.persistence.LockTimeoutException":
          return "a lock wait that timed out";
        case "org.hibernate.PessimisticLockException", "jakarta.persistence.PessimisticLockException":
          return "a lock that could not be had";
        case "org.hibernate.exception.TransactionSerializationException":
          return "a serialization failure";
        case "org.hibernate.exception.ConstraintViolationException":
          if (retryableConflict) {
            return "a race lost on a unique index";
          }
          break;
        default:
          break;
      }
    }
    return retryableConflict ? "a conflict with concurrent work" : null;
  }

  private static @Nullable String what(SQLException sql) {
    SQLException e = sql;
    for (int i = 0; e != null && i < 10; i++, e = e.getNextException()) {
      String state = e.getSQLState();
      if (isMariaDb(e) && (e.getErrorCode() == MARIADB_DEADLOCK || e.getErrorCode() == MARIADB_LOCK_WAIT_TIMEOUT)) {
        return e.getErrorCode() == MARIADB_DEADLOCK ? "a deadlock (MariaDB error 1213)"
            : "a lock wait that timed out (MariaDB error 1205)";
      }
      if (DEADLOCK_DETECTED.equals(state)) {
        return "a deadlock (SQLState " + state + ")";
      }
      if (SERIALIZATION_FAILURE.equals(state)) {
        return "a deadlock or serialization failure (SQLState " + state + ")";
      }
      if (LOCK_NOT_AVAILABLE.equals(state)) {
        return "a lock that could not be had (SQLState " + state + ")";
      }
      if (isH2(e) && H2_CODES.contains(e.getErrorCode())) {
        return switch (e.getErrorCode()) {
          case 50200 -> "a lock wait that timed out (H2 error 50200)";
          case 90131 -> "a concurrent update of the same row (H2 error 90131)";
          default -> "a deadlock (H2 error " + e.getErrorCode() + ")";
        };
      }
    }
    return null;
  }

  /**
   * Whether a MariaDB or MySQL server said it: the drivers throw plain {@link SQLException}s (the
   * MariaDB driver's message starts with {@code (conn=N)}) whose error code is the server's, with
   * SQLState 40001 for a deadlock and HY000 for a lock wait that timed out.
   */
  private static boolean isMariaDb(SQLException e) {
    String type = e.getClass().getName();
    String message = e.getMessage();
    return type.startsWith("org.mariadb.") || type.startsWith("com.mysql.")
        || (message != null && message.startsWith("(conn="))
        || (e.getErrorCode() == MARIADB_DEADLOCK && SERIALIZATION_FAILURE.equals(e.getSQLState()))
        || (e.getErrorCode() == MARIADB_LOCK_WAIT_TIMEOUT && "HY000".equals(e.getSQLState()));
  }

  private static boolean isH2(SQLException e) {
    return e.getClass().getName().startsWith("org.h2.");
  }
}
