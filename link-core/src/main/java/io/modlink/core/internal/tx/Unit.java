package io.modlink.core.internal.tx;

import io.modlink.core.error.ConflictException;
import io.modlink.core.workflow.UnitOfWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One unit of work: a connection per DataSource, auto-commit off, on the thread that runs it. */
final class Unit implements UnitOfWork {
  private static final Logger LOG = LoggerFactory.getLogger(Unit.class);

  /** The physical connections, in the order the unit first used their DataSources. */
  private final Map<TransactionalDataSource, Connection> connections = new LinkedHashMap<>();
  private final List<Runnable> afterCommit = new ArrayList<>();
  private final List<Runnable> afterRollback = new ArrayList<>();
  private boolean explicitRollback;
  /** What marked the unit rollback-only (a failure that escaped a nested unit, a rollback()), or null. */
  private @Nullable Throwable doomedBy;
  private @Nullable String doomedHow;
  private boolean ended;

  @Override
  public void setRollbackOnly() {
    checkOpen();
    explicitRollback = true;
  }

  @Override
  public boolean isRollbackOnly() {
    return explicitRollback || doomedHow != null;
  }

  @Override
  public void afterCommit(Runnable action) {
    checkOpen();
    afterCommit.add(Objects.requireNonNull(action, "action"));
  }

  @Override
  public void afterRollback(Runnable action) {
    checkOpen();
    afterRollback.add(Objects.requireNonNull(action, "action"));
  }

  private void checkOpen() {
    if (ended) {
      throw new IllegalStateException("this unit of work has ended; use a UnitOfWork only inside the call that"
          + " received it");
    }
  }

  /** Runs a nested unit of work: it joins this one, and a failure escaping it dooms this one. */
  <T> T join(Function<UnitOfWork, T> work) {
    try {
      return work.apply(this);
    } catch (Throwable e) {
      doom(e, "a failure escaped a nested unit of work");
      throw e;
    }
  }

  void doom(@Nullable Throwable cause, String how) {
    if (doomedHow == null) {
      doomedHow = how;
      doomedBy = cause;
    }
  }

  /** Whether this unit has opened its connection of {@code dataSource} already. */
  boolean uses(TransactionalDataSource dataSource) {
    return connections.containsKey(dataSource);
  }

  /** The connection of {@code dataSource} for this unit: opened on first use, then the same one. */
  Connection connection(TransactionalDataSource dataSource) throws SQLException {
    if (ended) {
      throw new SQLException("this unit of work has ended; its connections are closed");
    }
    Connection physical = connections.get(dataSource);
    if (physical == null) {
      physical = dataSource.target().getConnection();
      try {
        if (physical.getAutoCommit()) {
          physical.setAutoCommit(false);
        }
      } catch (SQLException e) {
        close(physical);
        throw e;
      }
      connections.put(dataSource, physical);
    }
    return BoundConnection.handle(physical, this);
  }

  /** Rolls every connection back after {@code failure}, which carries the problems met on the way. */
  void rollback(Throwable failure) {
    ended = true;
    for (Connection c : connections.values()) {
      try {
        c.rollback();
      } catch (SQLException e) {
        failure.addSuppressed(e);
      }
    }
    release();
    for (Runnable action : afterRollback) {
      try {
        action.run();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** Commits, or rolls back when rollback-only (throwing when a swallowed failure caused it). */
  void complete() {
    if (isRollbackOnly()) {
      IllegalStateException swallowed = explicitRollback ? null : new IllegalStateException("the unit of work was"
          + " rolled back, nothing was committed: " + doomedHow + (doomedBy == null ? "" : " (" + doomedBy + ")")
          + " and the work went on as if it had not; let the failure propagate out of the unit of work, or"
          + " call setRollbackOnly() to roll back on purpose", doomedBy);
      Throwable carrier = swallowed != null ? swallowed : new IllegalStateException("rollback-only");
      rollback(carrier);
      if (swallowed != null) {
        throw swallowed;
      }
      for (Throwable problem : carrier.getSuppressed()) {
        LOG.warn("rolling back a unit of work marked rollback-only met a problem", problem);
      }
      return;
    }
    ended = true;
    List<TransactionalDataSource> order = new ArrayList<>(connections.keySet());
    for (int i = 0; i < order.size(); i++) {
      try {
        connections.get(order.get(i)).commit();
      } catch (SQLException e) {
        RuntimeException failure = commitFailed(order, i, e);
        for (int j = i + 1; j < order.size(); j++) {
          try {
            connections.get(order.get(j)).rollback();
          } catch (SQLException suppressed) {
            failure.addSuppressed(suppressed);
          }
        }
        release();
        if (i == 0) {
          for (Runnable action : afterRollback) {
            try {
              action.run();
            } catch (RuntimeException suppressed) {
              failure.addSuppressed(suppressed);
            }
          }
        }
        throw failure;
      }
    }
    release();
    for (Runnable action : afterCommit) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.warn("an action after the commit of a unit of work failed; the commit stands", e);
      }
    }
  }

  private static RuntimeException commitFailed(List<TransactionalDataSource> order, int failed, SQLException e) {
    String reason = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
    String database = order.get(failed).description();
    if (failed == 0) {
      String state = e.getSQLState();
      if (state != null && state.startsWith("40")) {
        return new ConflictException("the database " + database + " refused to commit the unit of work because of"
            + " concurrent work (" + reason + "); nothing was committed: retry", e, true);
      }
      return new IllegalStateException("committing the unit of work failed on " + database + " (" + reason
          + "); nothing was committed", e);
    }
    List<String> committed = order.subList(0, failed).stream().map(TransactionalDataSource::description).toList();
    List<String> rolledBack = order.subList(failed, order.size()).stream()
        .map(TransactionalDataSource::description).toList();
    return new IllegalStateException("the unit of work committed on " + String.join(", ", committed)
        + " but its commit failed on " + database + " (" + reason + "), so it rolled back on "
        + String.join(", ", rolledBack) + ": a unit of work across several databases is not atomic; run the"
        + " operation as a Workflow to undo the committed part by compensation", e);
  }

  private void release() {
    for (Connection c : connections.values()) {
      try {
        c.setAutoCommit(true);
      } catch (SQLException e) {
        // the pool resets it, or discards the connection
      }
      close(c);
    }
    connections.clear();
  }

  private static void close(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // already gone
    }
  }
}
