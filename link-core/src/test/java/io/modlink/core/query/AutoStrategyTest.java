package io.modlink.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.Modlink;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * AUTO picks the faster strategy by the size of the result: on PostgreSQL a query over a list hop
 * that returned more than 30,000 roots (on MariaDB 5,000) is read federated the next time (its joined
 * rows would repeat each root's columns per child); on H2, where large key arrays are slow, it stays
 * pushed down.
 */
class AutoStrategyTest {
  private static final int ROOTS = 30_001;

  @DatabaseTest
  void aLargeResultIsReadFederatedOnPostgresqlAndMariaDbAndPushedDownOnH2(TestDatabase db) {
    QueryGraphTest.withData(db, modlink -> {
      seed(modlink);
      GraphQuery query = GraphQuery.entity("product").fields("id", "title", "shelves.*").strategy(Strategy.AUTO)
          .build();
      GraphQuery small = GraphQuery.entity("product").fields("id", "title", "shelves.*").take(10)
          .strategy(Strategy.AUTO).build();
      GraphResult first = modlink.query().graph(query);
      assertThat(first.data()).hasSize(ROOTS + 4);
      assertThat(first.stats().fetches()).singleElement().satisfies(f -> assertThat(f.strategy()).isEqualTo("push-down"));

      GraphResult second = modlink.query().graph(query);
      assertThat(second.data()).isEqualTo(first.data());
      boolean federated = db.engine() != io.modlink.testing.Engine.H2;
      assertThat(second.stats().fetches()).allSatisfy(f -> assertThat(f.strategy())
          .isEqualTo(federated ? "federated" : "push-down"));
      assertThat(second.stats().roundTrips()).isEqualTo(federated ? 3 : 1);
      assertThat(modlink.query().explain(query).toString()).contains(federated
          ? "federated (AUTO: its last run returned " + (ROOTS + 4) + " roots" : "push-down");
      // a page of a few roots is pushed down whatever the table holds
      assertThat(modlink.query().graph(small).stats().roundTrips()).isEqualTo(1);
    });
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
