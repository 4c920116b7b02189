package io.modlink.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Fault injection at the SQL level: a Hibernate {@link StatementInspector} that counts the
 * statements every session factory it is given to prepares, and fails the ones it is armed for
 * with an {@link InjectedFault}, before they reach the database.
 *
 * <pre>{@code
 * StatementFaults faults = new StatementFaults();
 * Modlink modlink = Modlink.builder()...hibernateProperty(StatementFaults.PROPERTY, faults).build();
 * faults.failAt(3);          // the third statement from now fails
 * }</pre>
 *
 * <p>Requires Hibernate on the test class path. Thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class StatementFaults implements StatementInspector {
  private static final long serialVersionUID = 1L;

  /** The Hibernate setting to pass this to ({@code hibernate.session_factory.statement_inspector}). */
  public static final String PROPERTY = "hibernate.session_factory.statement_inspector";

  private final AtomicInteger seen = new AtomicInteger();
  private final AtomicInteger fired = new AtomicInteger();
  private final Set<Integer> armed = ConcurrentHashMap.newKeySet();

  @Override
  public String inspect(String sql) {
    int n = seen.incrementAndGet();
    if (armed.remove(n)) {
      fired.incrementAndGet();
      throw new InjectedFault("injected failure of SQL statement " + n);
    }
    return sql;
  }

  /** Fails the statements that come {@code positions} from now (1 is the next one). */
  public void failAt(int... positions) {
    int now = seen.get();
    for (int p : positions) {
      if (p < 1) {
        throw new IllegalArgumentException("positions start at 1 (the next statement), got " + p);
      }
      armed.add(now + p);
    }
  }

  /** Fails nothing more. */
  public void disarm() {
    armed.clear();
  }

  /** The statements prepared so far. */
  public int count() {
    return seen.get();
  }

  /** How many statements it failed so far. */
  public int fired() {
    return fired.get();
  }

  /**
   * Fails {@code operation} at every statement in turn, and checks that nothing is lost or left
   * half-done: first it runs the operation without a fault and notes {@code outcome}; then, for
   * n = 1, 2, ..., it resets the data, notes {@code rows}, fails the n-th statement and runs the
   * operation again. A run that fails must fail because of the fault and leave {@code rows} as
   * they were; the first run that outlasts the faults (n is past its last statement) must leave the
   * outcome of the run without faults. It stops there.
   *
   * @param reset puts the same data back before each run
   * @param rows every row that must be back as it was after a failed run (e.g. {@link TestDatabase#allRows()})
   * @param outcome what a successful run leaves, without what differs between runs (generated ids, times)
   * @param operation the operation under test
   * @return the number of statements whose failure failed the operation
   * @throws AssertionError naming the position, if a run did not behave so
   */
  public int failEveryStatement(Runnable reset, Supplier<?> rows, Supplier<?> outcome, Runnable operation) {
    reset.run();
    disarm();
    operation.run();
    Object expected = outcome.get();
    for (int n = 1; n <= MAX_POSITIONS; n++) {
      reset.run();
      disarm();
      Object before = rows.get();
      int firedBefore = fired();
      failAt(n);
      try {
        operation.run();
      } catch (RuntimeException e) {
        disarm();
        if (!InjectedFault.isIn(e)) {
          throw new AssertionError("statement " + n + " failed, but the operation failed for another reason", e);
        }
        Object after = rows.get();
        if (!after.equals(before)) {
          throw new AssertionError("statement " + n + " failed (" + e.getMessage() + "), and the rows are not as"
              + " they were:\nbefore: " + before + "\nafter:  " + after, e);
        }
        continue;
      }
      disarm();
      if (fired() != firedBefore) {
        throw new AssertionError("statement " + n + " failed, but the operation succeeded: it swallowed the failure");
      }
      Object actual = outcome.get();
      if (!actual.equals(expected)) {
        throw new AssertionError("with no fault left to meet at statement " + n + ", the outcome differs from a run"
            + " without faults:\nexpected: " + expected + "\nactual:   " + actual);
      }
      return n - 1;
    }
    throw new AssertionError("the operation still failed with a fault at statement " + MAX_POSITIONS);
  }

  private static final int MAX_POSITIONS = 1000;
}
