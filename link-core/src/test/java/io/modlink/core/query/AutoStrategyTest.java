package io.modlink.core.query;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * AUTO pushes a query down whenever every table is a plain SQL table on one database (on H2 whatever the
 * size of the result); when a table is on another database it reads the root joined to its link rows, and
 * the rest federated (the hybrid read). By the roots a query over a list hop returned the last time, it
 * reads it federated the next time where federated fetches are the faster (docs/performance.md): on
 * MariaDB above 5,000 roots, on PostgreSQL from 2,000 to {@value #PG_FEDERATED_UP_TO} roots.
 */
class AutoStrategyTest {
  /** The most roots AUTO reads federated on PostgreSQL ({@code QueryEngine.FEDERATED_UP_TO_POSTGRESQL}). */
  private static final int PG_FEDERATED_UP_TO = 40_000;
  /** A large result: above PostgreSQL's window (and MariaDB's 5,000). */
  private static final int ROOTS = PG_FEDERATED_UP_TO + 1;
  /** With the 4 products of the fixture, 3,000 roots: federated on PostgreSQL, pushed down on MariaDB and H2. */
  private static final int MID_ROOTS = 2_996;

  @DatabaseTest
  void aLargeResultIsPushedDownEveryTime(TestDatabase db) {
    QueryGraphTest.withData(db, modlink -> {
      seed(modlink, 0, ROOTS);
      GraphQuery query = GraphQuery.entity("product").fields("id", "title", "shelves.*").strategy(Strategy.AUTO)
          .build();
      GraphResult first = modlink.query().graph(query);
      assertThat(first.data()).hasSize(ROOTS + 4);
      assertThat(first.stats().fetches()).singleElement().satisfies(f -> assertThat(f.strategy()).isEqualTo("push-down"));
      assertThat(first.stats().roundTrips()).isEqualTo(1);

      GraphResult second = modlink.query().graph(query);
      assertThat(second.data()).isEqualTo(first.data());
      if (db.engine() == Engine.MARIADB) {
        // on MariaDB a list hop over more than 5,000 roots is read federated the next time: key joins are faster
        assertThat(second.stats().fetches()).allSatisfy(f -> assertThat(f.strategy()).isEqualTo("federated"));
        assertThat(second.stats().roundTrips()).isEqualTo(3);
        assertThat(modlink.query().explain(query).text()).startsWith("graph query on product: federated (AUTO: its"
            + " last run returned " + (ROOTS + 4) + " roots; above 5000 MariaDB's key joins are faster than joined"
            + " rows)");
        // a page of a few roots is pushed down whatever the table holds
        assertThat(modlink.query().graph(GraphQuery.entity("product").fields("id", "title", "shelves.*")
            .strategy(Strategy.AUTO).take(10).build()).stats().roundTrips()).isEqualTo(1);
        return;
      }
      assertThat(second.stats().roundTrips()).isEqualTo(1);
      assertThat(modlink.query().explain(query).text()).startsWith("graph query on product: push-down");
      GraphResult federated = modlink.query().graph(GraphQuery.entity("product").fields("id", "title", "shelves.*")
          .strategy(Strategy.FEDERATED).build());
      assertThat(federated.data()).isEqualTo(first.data());
      assertThat(federated.stats().roundTrips()).isEqualTo(3);
    });
  }

  @DatabaseTest
  void aMidSizeResultIsReadFederatedTheNextTimeOnPostgresql(TestDatabase db) {
    QueryGraphTest.withData(db, modlink -> {
      seed(modlink, 0, MID_ROOTS);
      GraphQuery query = GraphQuery.entity("product").fields("id", "title", "shelves.*").strategy(Strategy.AUTO)
          .build();
      GraphResult first = modlink.query().graph(query);
      assertThat(first.data()).hasSize(MID_ROOTS + 4);
      assertThat(first.stats().roundTrips()).as("the first run of a shape is pushed down").isEqualTo(1);

      GraphResult second = modlink.query().graph(query);
      assertThat(second.data()).isEqualTo(first.data());
      if (db.engine() != Engine.POSTGRESQL) {
        // H2: push-down at every size; MariaDB: federated only above 5,000 roots
        assertThat(second.stats().roundTrips()).isEqualTo(1);
        assertThat(modlink.query().explain(query).text()).startsWith("graph query on product: push-down");
        return;
      }
      assertThat(second.stats().fetches()).allSatisfy(f -> assertThat(f.strategy()).isEqualTo("federated"));
      assertThat(second.stats().roundTrips()).isEqualTo(3);
      assertThat(modlink.query().explain(query).text()).startsWith("graph query on product: federated (AUTO: its"
          + " last run returned " + (MID_ROOTS + 4) + " roots; from 2000 to " + PG_FEDERATED_UP_TO
          + " PostgreSQL reads them faster federated than as joined rows)");
      // a page of fewer roots than federated pays at is pushed down
      assertThat(modlink.query().graph(GraphQuery.entity("product").fields("id", "title", "shelves.*")
          .strategy(Strategy.AUTO).take(1_999).build()).stats().roundTrips()).isEqualTo(1);

      // the table grows past the window: read federated once more (by the last run), then pushed down
      seed(modlink, MID_ROOTS, PG_FEDERATED_UP_TO + 1 - MID_ROOTS - 4);
      GraphResult third = modlink.query().graph(query);
      assertThat(third.data()).hasSize(PG_FEDERATED_UP_TO + 1);
      assertThat(third.stats().roundTrips()).isEqualTo(3);
      GraphResult fourth = modlink.query().graph(query);
      assertThat(fourth.stats().roundTrips()).isEqualTo(1);
      assertThat(fourth.data()).isEqualTo(third.data());
      assertThat(modlink.query().explain(query).text()).startsWith("graph query on product: push-down");
    });
  }

  @DatabaseTest
  void aTableOnAnotherDatabaseIsReadHybrid(TestDatabase db) {
    DatabaseConfig stock = DatabaseConfig.of("jdbc:h2:mem:auto_stock_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
        "sa", "");
    try (Modlink modlink = LinkFixtures.builder(config(db)).database("stock", stock).build()) {
      LinkFixtures.seed(modlink, 4);
      modlink.link().create(java.util.List.of(QueryGraphTest.ps("p1", "s1"), QueryGraphTest.ps("p1", "s2")));
      GraphQuery query = GraphQuery.entity("product").fields("id", "shelves.*").build();
      GraphResult result = modlink.query().graph(query);
      // the products joined to their link rows in one statement, then the shelves by their distinct keys
      assertThat(result.stats().roundTrips()).isEqualTo(2);
      assertThat(result.stats().fetches()).allSatisfy(f -> assertThat(f.strategy()).isEqualTo("hybrid"));
      assertThat(modlink.query().explain(query).text())
          .startsWith("graph query on product: hybrid (shelf is on another database than product)");
      assertThat(QueryGraphTest.ids(result.data().get(0).get("shelves"))).containsExactly("s1", "s2");
      GraphResult federated = modlink.query().graph(GraphQuery.entity("product").fields("id", "shelves.*")
          .strategy(Strategy.FEDERATED).build());
      assertThat(federated.stats().roundTrips()).isEqualTo(3);
      assertThat(federated.stats().fetches()).allSatisfy(f -> assertThat(f.strategy()).isEqualTo("federated"));
      assertThat(federated.data()).isEqualTo(result.data());
    }
  }

  /** Products p{100000 + from} and on, {@code count} of them, without links, written with one JDBC batch. */
  private static void seed(Modlink modlink, int from, int count) {
    try (Connection c = modlink.dataSource("catalog").getConnection();
        PreparedStatement ps = c.prepareStatement("insert into product (id, title, is_active, created_at)"
            + " values (?, ?, true, ?)")) {
      Timestamp at = Timestamp.from(Instant.parse("2024-01-01T00:00:00Z"));
      for (int i = from; i < from + count; i++) {
        ps.setString(1, "p" + (100_000 + i));
        ps.setString(2, "Product " + i);
        ps.setTimestamp(3, at);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
