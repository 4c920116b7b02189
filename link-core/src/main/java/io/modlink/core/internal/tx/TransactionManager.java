package io.modlink.core.internal.tx;

import io.modlink.core.error.ConflictException;
import io.modlink.core.workflow.Transactions;
import io.modlink.core.workflow.UnitOfWork;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Transactions} of one {@code Modlink}: wraps each of its DataSources in a
 * {@link TransactionalDataSource} and binds a {@link Unit} to the thread that runs a unit of work.
 */
public final class TransactionManager implements Transactions {
  private static final Logger LOG = LoggerFactory.getLogger(TransactionManager.class);
  /** Attempts at work that fails because of concurrent work, the first one included. */
  public static final int MAX_ATTEMPTS = 5;
  /** The longest pause before an attempt, in milliseconds (the pauses double from 10 ms, jittered). */
  private static final long MAX_BACKOFF_MILLIS = 160;

  private final ThreadLocal<@Nullable Unit> current = new ThreadLocal<>();
  private final AtomicLong transactionsBegun = new AtomicLong();
  private final Map<DataSource, TransactionalDataSource> wrapped = new IdentityHashMap<>();
  private volatile boolean atomic;
  private final Map<String, AtomicLong> retries = new ConcurrentHashMap<>();

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
  public long transactionsBegun() {
    return transactionsBegun.get();
  }

  void counted(@Nullable Unit unit, TransactionalDataSource dataSource) {
    if (unit == null || !unit.uses(dataSource)) {
      transactionsBegun.incrementAndGet();
    }
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

  @Override
  public void inRetryingTransaction(Consumer<UnitOfWork> work) {
    Objects.requireNonNull(work, "work");
    fromRetryingTransaction(unit -> {
      work.accept(unit);
      return null;
    });
  }

  @Override
  public <T> T fromRetryingTransaction(Function<UnitOfWork, T> work) {
    Objects.requireNonNull(work, "work");
    return retrying("the unit of work", () -> fromTransaction(work));
  }

  /**
   * Runs {@code attempt}, and when it fails because of concurrent work (see
   * {@link ConcurrencyFailures}) and no unit of work is bound to this thread, runs it again, up to
   * {@link #MAX_ATTEMPTS} times in all, after a short random pause. Each attempt must start its own
   * unit of work and be safe to run again. Inside a unit of work nothing is run again (the unit is
   * spoiled and only its owner can start over): the failure surfaces as a retryable conflict.
   *
   * @param operation names the work in messages, e.g. {@code link.create}
   * @throws ConflictException (retryable) when the last attempt failed because of concurrent work
   */
  public <T> T retrying(String operation, Supplier<T> attempt) {
    if (isActive()) {
      try {
        return attempt.get();
      } catch (ConflictException e) {
        throw e;
      } catch (RuntimeException e) {
        String what = ConcurrencyFailures.what(e);
        if (what == null) {
          throw e;
        }
        throw new ConflictException(operation + " failed because of concurrent work (" + what + ") inside a unit"
            + " of work, which must now end: run the whole unit of work again (Transactions.inRetryingTransaction"
            + " does it for you)", e, true);
      }
    }
    for (int n = 1; ; n++) {
      try {
        return attempt.get();
      } catch (RuntimeException e) {
        String what = ConcurrencyFailures.what(e);
        if (what == null) {
          throw e;
        }
        if (n >= MAX_ATTEMPTS) {
          if (e instanceof ConflictException conflict) {
            throw conflict;
          }
          throw new ConflictException(operation + " failed " + n + " times because of concurrent work (last: "
              + what + "); nothing was written: run it again later", e, true);
        }
        retries.computeIfAbsent(what, w -> new AtomicLong()).incrementAndGet();
        LOG.debug("{} met concurrent work ({}) at attempt {} of {}: running it again", operation, what, n,
            MAX_ATTEMPTS);
        if (!pause(n)) {
          throw new ConflictException(operation + " failed because of concurrent work (" + what + ") and the"
              + " thread was interrupted before running it again; nothing was written", e, true);
        }
      }
    }
  }

  /** How many times work was run again after a failure caused by concurrent work, since the start. */
  public long retries() {
    return retries.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** {@link #retries()} by what concurrent work did ("a deadlock (SQLState 40P01)", ...). */
  public Map<String, Long> retriesByCause() {
    Map<String, Long> out = new TreeMap<>();
    retries.forEach((what, n) -> out.put(what, n.get()));
    return out;
  }

  /** Sleeps before attempt {@code n + 1}: a random time up to 10, 20, 40... ms. False if interrupted. */
  private static boolean pause(int n) {
    long bound = Math.min(MAX_BACKOFF_MILLIS, 10L << (n - 1));
    try {
      Thread.sleep(1 + ThreadLocalRandom.current().nextLong(bound));
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
