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
 * AUTO pushes a query down whenever every table is a plain SQL table on one database, whatever the size
 * of the result (push-down builds a large result as its rows stream by, faster than federated fetches:
 * docs/performance.md), and the same query again the same way; when a table is on another database it
 * reads the root joined to its link rows, and the rest federated (the hybrid read). On MariaDB a query over a list hop that returned more than 5,000 roots is read federated
 * the next time (its key joins are faster there than the joined rows).
 */
class AutoStrategyTest {
  private static final int ROOTS = 30_001;

  @DatabaseTest
  void aLargeResultIsPushedDownEveryTime(TestDatabase db) {
    QueryGraphTest.withData(db, modlink -> {
      seed(modlink);
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

  /** Products p100000 and on, without links, written with one JDBC batch. */
  private static void seed(Modlink modlink) {
    try (Connection c = modlink.dataSource("catalog").getConnection();
        PreparedStatement ps = c.prepareStatement("insert into product (id, title, is_active, created_at)"
            + " values (?, ?, true, ?)")) {
      Timestamp at = Timestamp.from(Instant.parse("2024-01-01T00:00:00Z"));
      for (int i = 0; i < ROOTS; i++) {
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
