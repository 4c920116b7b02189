package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.Modlink;
import io.modlink.core.error.ConflictException;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.internal.tx.TransactionManager;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.exception.LockAcquisitionException;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * A call that fails because of concurrent work is run again when it has its unit of work to itself,
 * up to 5 attempts; what still fails is a retryable conflict; inside a caller's unit of work it is not
 * run again but surfaces as a retryable conflict, and {@code inRetryingTransaction} runs the whole
 * unit again.
 */
class LinkRetryTest {

  /** Fails the next statements that write a table, as a deadlock the database broke would. */
  static final class Deadlocks implements StatementInspector {
    private static final long serialVersionUID = 1L;
    private final AtomicInteger armed = new AtomicInteger();
    private final AtomicInteger fired = new AtomicInteger();
    private volatile String table = "";

    /** Fails the next {@code times} inserts into and updates of {@code table}. */
    void failWrites(String table, int times) {
      this.table = table;
      armed.set(times);
    }

    int fired() {
      return fired.get();
    }

    @Override
    public String inspect(String sql) {
      String s = sql.toLowerCase(Locale.ROOT);
      // the verified create on PostgreSQL is one statement: with ... insert into <table> ...
      boolean write = s.startsWith("insert into " + table + " ") || s.startsWith("update " + table + " ")
          || s.startsWith("copy " + table + " ")   // a bulk insert of 1,000 rows or more on PostgreSQL
          || (s.startsWith("with ") && s.contains("insert into " + table + " "));
      if (write && armed.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        fired.incrementAndGet();
        throw new LockAcquisitionException("injected deadlock", new SQLException("deadlock detected", "40P01"));
      }
      return sql;
    }
  }

  private static LinkRequest ps(String product, String shelf) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "shelf_id", shelf));
  }

  private static Modlink build(TestDatabase db, Deadlocks deadlocks) {
    Modlink modlink = LinkFixtures.builder(config(db))
        .hibernateProperty("hibernate.session_factory.statement_inspector", deadlocks).build();
    LinkFixtures.seed(modlink, 3);
    return modlink;
  }

  private static long rows(TestDatabase db) {
    return (Long) db.column("select count(*) from product_shelf").get(0);
  }

  @DatabaseTest
  void aDeadlockIsRetriedAndTheCallSucceeds(TestDatabase db) {
    Deadlocks deadlocks = new Deadlocks();
    try (Modlink modlink = build(db, deadlocks)) {
      TransactionManager transactions = (TransactionManager) modlink.transactions();
      long before = transactions.retries();
      deadlocks.failWrites("product_shelf", 2);
      List<LinkRecord> created = modlink.link().create(List.of(ps("p2", "s1"), ps("p1", "s2")));
      assertThat(created).extracting(LinkRecord::leftKey).containsExactly("p2", "p1");
      assertThat(deadlocks.fired()).isEqualTo(2);
      assertThat(transactions.retries() - before).isEqualTo(2);
      assertThat(rows(db)).isEqualTo(2L);

      deadlocks.failWrites("product_shelf", 1);
      assertThat(modlink.link().dismiss(List.of(ps("p1", "s2")))).hasSize(1);
      assertThat(deadlocks.fired()).isEqualTo(3);
      assertThat(modlink.link().list(LinkQuery.of("product_shelf"))).extracting(LinkRecord::leftKey)
          .containsExactly("p2");
    }
  }

  @DatabaseTest
  void afterFiveAttemptsTheCallGivesUpWithARetryableConflictAndWritesNothing(TestDatabase db) {
    Deadlocks deadlocks = new Deadlocks();
    try (Modlink modlink = build(db, deadlocks)) {
      deadlocks.failWrites("product_shelf", 100);
      assertThatThrownBy(() -> modlink.link().create(List.of(ps("p1", "s1"), ps("p2", "s2"))))
          .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.isRetryable()).isTrue())
          .hasMessage("link.create failed 5 times because of concurrent work (last: a deadlock (SQLState 40P01));"
              + " nothing was written: run it again later");
      assertThat(deadlocks.fired()).isEqualTo(TransactionManager.MAX_ATTEMPTS);
      assertThat(rows(db)).isZero();
      deadlocks.failWrites("product_shelf", 0);
      modlink.link().create(ps("p1", "s1"));
      assertThat(rows(db)).isEqualTo(1L);
    }
  }

  @DatabaseTest
  void insideACallersUnitOfWorkTheFailureSurfacesAndTheUnitIsRunAgainWhole(TestDatabase db) {
    Deadlocks deadlocks = new Deadlocks();
    try (Modlink modlink = build(db, deadlocks)) {
      deadlocks.failWrites("product_shelf", 1);
      assertThatThrownBy(() -> modlink.inTransaction(unit -> modlink.link().create(ps("p1", "s1"))))
          .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.isRetryable()).isTrue())
          .hasMessageStartingWith("link.create failed because of concurrent work (a deadlock (SQLState 40P01))"
              + " inside a unit of work, which must now end");
      assertThat(deadlocks.fired()).isEqualTo(1);
      assertThat(rows(db)).isZero();

      AtomicInteger attempts = new AtomicInteger();
      deadlocks.failWrites("product_shelf", 1);
      List<LinkRecord> created = modlink.transactions().fromRetryingTransaction(unit -> {
        attempts.incrementAndGet();
        modlink.link().create(ps("p1", "s1"));
        return modlink.link().create(ps("p2", "s2"));
      });
      assertThat(created).extracting(LinkRecord::leftKey).containsExactly("p2");
      assertThat(attempts.get()).isEqualTo(2);
      assertThat(rows(db)).isEqualTo(2L);

      // a conflict with the data is not retried: it would fail again
      attempts.set(0);
      assertThatThrownBy(() -> modlink.transactions().inRetryingTransaction(unit -> {
        attempts.incrementAndGet();
        modlink.link().create(LinkRequest.between(LinkKey.of("catalog", "product_id", "p1"),
            LinkKey.of("stock", "warehouse_id", "w1")));
        modlink.link().create(LinkRequest.between(LinkKey.of("catalog", "product_id", "p1"),
            LinkKey.of("stock", "warehouse_id", "w2")));
      })).isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.isRetryable()).isFalse());
      assertThat(attempts.get()).isEqualTo(1);
      assertThat(db.column("select count(*) from product_warehouse").get(0)).isEqualTo(0L);
    }
  }

  /**
   * Two units of work dismiss the same two links in opposite orders (the order is the callers'
   * choice, so modlink cannot sort it): the database breaks the deadlock, the loser's unit gets a
   * retryable conflict and {@code inRetryingTransaction} runs it again; both end committed.
   */
  @DatabaseTest
  void twoUnitsOfWorkInADeadlockBothCommitWithInRetryingTransaction(TestDatabase db) throws Exception {
    Deadlocks none = new Deadlocks();
    try (Modlink modlink = build(db, none)) {
      modlink.link().create(List.of(ps("p1", "s1"), ps("p2", "s2")));
      TransactionManager transactions = (TransactionManager) modlink.transactions();
      long before = transactions.retries();
      CyclicBarrier bothLocked = new CyclicBarrier(2);
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      AtomicInteger attempts = new AtomicInteger();
      List<Thread> threads = List.of(
          new Thread(() -> dismissInOrder(modlink, bothLocked, attempts, failures, ps("p1", "s1"), ps("p2", "s2"))),
          new Thread(() -> dismissInOrder(modlink, bothLocked, attempts, failures, ps("p2", "s2"), ps("p1", "s1"))));
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(60));
      }
      assertThat(failures).isEmpty();
      assertThat(attempts.get()).isEqualTo(3);
      assertThat(transactions.retries() - before).isEqualTo(1);
      assertThat(transactions.retriesByCause().keySet()).anySatisfy(cause -> assertThat(cause)
          .containsAnyOf("deadlock", "lock wait"));
      assertThat(modlink.link().list(LinkQuery.of("product_shelf"))).isEmpty();
      assertThat(db.column("select count(*) from product_shelf where deleted_at is not null").get(0)).isEqualTo(2L);
    }
  }

  private static void dismissInOrder(Modlink modlink, CyclicBarrier bothLocked, AtomicInteger attempts,
      List<Throwable> failures, LinkRequest first, LinkRequest second) {
    try {
      modlink.transactions().inRetryingTransaction(unit -> {
        boolean firstAttempt = attempts.incrementAndGet() <= 2;
        modlink.link().dismiss(List.of(first));
        if (firstAttempt) {
          try {
            bothLocked.await(30, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
        modlink.link().dismiss(List.of(second));
      });
    } catch (Throwable e) {
      failures.add(e);
    }
  }

  @DatabaseTest
  void retriesPrintNothing(TestDatabase db) {
    // a retry logs at DEBUG (io.modlink.core.internal.tx.TransactionManager); Hibernate's own line for
    // each SQL error goes to org.hibernate.orm.jdbc.error at WARN, which the build sets to ERROR
    Deadlocks deadlocks = new Deadlocks();
    try (Modlink modlink = build(db, deadlocks)) {
      java.io.PrintStream err = System.err;
      java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
      System.setErr(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
      try {
        deadlocks.failWrites("product_shelf", 2);
        assertThat(modlink.link().create(Map.of("catalog", Map.of("product_id", "p1"), "stock",
            Map.of("shelf_id", "s1")))).hasSize(1);
        deadlocks.failWrites("product_shelf", 100);
        assertThatThrownBy(() -> modlink.link().dismiss(List.of(ps("p1", "s1"))))
            .isInstanceOf(ConflictException.class);
      } finally {
        System.setErr(err);
      }
      assertThat(deadlocks.fired()).isEqualTo(2 + TransactionManager.MAX_ATTEMPTS);
      assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
    }
  }
}
