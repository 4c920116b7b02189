package io.modlink.core.internal.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** MariaDB's own words for concurrent work, from a real server: a lock wait that timed out, a deadlock. */
class ConcurrencyFailuresTest {

  @DatabaseTest(Engine.MARIADB)
  void aLockWaitThatTimedOutAndADeadlockAreConcurrencyFailuresOnMariaDb(TestDatabase db) throws Exception {
    db.execute("create table pair (id int primary key, v int)");
    db.execute("insert into pair values (1, 0), (2, 0)");
    try (Connection first = db.connect(); Connection second = db.connect()) {
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      try (Statement s1 = first.createStatement(); Statement s2 = second.createStatement()) {
        s2.execute("set session innodb_lock_wait_timeout = 1");
        s1.execute("update pair set v = 1 where id = 1");
        SQLException timedOut = catchThrowableOfType(SQLException.class,
            () -> s2.execute("update pair set v = 2 where id = 1"));
        assertThat(ConcurrencyFailures.what(timedOut)).isEqualTo("a lock wait that timed out (MariaDB error 1205)");
        second.rollback();

        s2.execute("set session innodb_lock_wait_timeout = 10");
        // the first transaction writes more, so that InnoDB rolls the second back to break the deadlock
        s1.execute("insert into pair values (3, 0), (4, 0), (5, 0)");
        s2.execute("update pair set v = 2 where id = 2");
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
          try {
            s1.execute("update pair set v = 1 where id = 2");   // waits for the second connection
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
        Thread.sleep(300);
        SQLException deadlock = catchThrowableOfType(SQLException.class,
            () -> s2.execute("update pair set v = 2 where id = 1"));
        assertThat(ConcurrencyFailures.what(deadlock)).isEqualTo("a deadlock (MariaDB error 1213)");
        second.rollback();
        waiting.get(10, TimeUnit.SECONDS);
        first.rollback();
      }
    }
  }
}
