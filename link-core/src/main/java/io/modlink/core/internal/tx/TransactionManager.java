package io.modlink.core.internal.tx;

import io.modlink.core.workflow.Transactions;
import io.modlink.core.workflow.UnitOfWork;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Transactions} of one {@code Modlink}: wraps each of its DataSources in a
 * {@link TransactionalDataSource} and binds a {@link Unit} to the thread that runs a unit of work.
 */
public final class TransactionManager implements Transactions {
  private final ThreadLocal<@Nullable Unit> current = new ThreadLocal<>();
  private final Map<DataSource, TransactionalDataSource> wrapped = new IdentityHashMap<>();
  private volatile boolean atomic;

  /**
   * The transaction-aware DataSource over {@code target}, the same one for the same target.
   * Called while building, on one thread.
   *
   * @param description names the database in messages (never a password)
   */
  public synchronized DataSource dataSource(DataSource target, String description) {
    return wrapped.computeIfAbsent(target, t -> new TransactionalDataSource(t, this, description));
  }

  /** Records whether every module and the link tables share one DataSource. Called once the build knows. */
  public void atomic(boolean value) {
    this.atomic = value;
  }

  @Override
  public boolean isAtomic() {
    return atomic;
  }

  @Override
  public boolean isActive() {
    return current.get() != null;
  }

  /** The unit bound to this thread, if any. */
  @Nullable Unit current() {
    return current.get();
  }

  @Override
  public void inTransaction(Consumer<UnitOfWork> work) {
    Objects.requireNonNull(work, "work");
    fromTransaction(unit -> {
      work.accept(unit);
      return null;
    });
  }

  @Override
  public <T> T fromTransaction(Function<UnitOfWork, T> work) {
    Objects.requireNonNull(work, "work");
    Unit outer = current.get();
    if (outer != null) {
      return outer.join(work);
    }
    Unit unit = new Unit();
    current.set(unit);
    T result;
    try {
      result = work.apply(unit);
    } catch (Throwable e) {   // a checked exception thrown sneakily unbinds and rolls back too
      current.remove();
      unit.rollback(e);
      throw e;
    }
    current.remove();
    unit.complete();
    return result;
  }

  /**
   * Runs {@code action} after the unit bound to this thread commits, or now when there is none.
   */
  public void afterCommit(Runnable action) {
    Unit unit = current.get();
    if (unit == null) {
      action.run();
    } else {
      unit.afterCommit(action);
    }
  }
}
