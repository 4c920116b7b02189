package io.modlink.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
}
