package io.modlink.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.Modlink;
import io.modlink.core.internal.jdbc.JdbcTable;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A federated hop binds its keys as one array: one statement on PostgreSQL whatever their number; on H2
 * (whose arrays hold at most 65,536 elements) one statement per {@link JdbcTable#H2_ARRAY_CHUNK} keys,
 * each joined against the link table, so that every key still finds its rows.
 */
class KeyChunksTest {
  private static final int PRODUCTS = JdbcTable.H2_ARRAY_CHUNK + 1;

  @DatabaseTest
  void aHopOverMoreKeysThanAnH2ArrayHoldsReadsEveryKey(TestDatabase db) {
    QueryGraphTest.withData(db, modlink -> {
      seed(modlink);
      GraphResult result = modlink.query().graph(GraphQuery.entity("product").fields("id", "shelves.id")
          .filters(java.util.Map.of("title", "Bulk")).strategy(Strategy.FEDERATED).build());
      assertThat(result.data()).hasSize(PRODUCTS);
      assertThat(result.data()).allSatisfy(p -> assertThat(p.get("shelves").get(0).get("id").asText())
          .isEqualTo("s" + (1 + Integer.parseInt(p.get("id").asText().substring(2)) % 3)));
      // the root, the link table (two chunks on H2), the shelves
      assertThat(result.stats().roundTrips()).isEqualTo(db.engine() == Engine.H2 ? 4 : 3);
      assertThat(result.warnings()).isEmpty();
    });
  }

  /** Products pb0 and on, each on one of s1..s3, written with JDBC batches. */
  private static void seed(Modlink modlink) {
    Timestamp at = Timestamp.from(Instant.parse("2024-01-01T00:00:00Z"));
    try (Connection c = modlink.dataSource("catalog").getConnection();
        PreparedStatement products = c.prepareStatement("insert into product (id, title, is_active, created_at)"
            + " values (?, 'Bulk', true, ?)");
        PreparedStatement links = c.prepareStatement("insert into product_shelf (id, product_id, shelf_id,"
            + " created_at, updated_at) values (?, ?, ?, ?, ?)")) {
      for (int i = 0; i < PRODUCTS; i++) {
        products.setString(1, "pb" + i);
        products.setTimestamp(2, at);
        products.addBatch();
        links.setString(1, "prsh_b" + i);
        links.setString(2, "pb" + i);
        links.setString(3, "s" + (1 + i % 3));
        links.setTimestamp(4, at);
        links.setTimestamp(5, at);
        links.addBatch();
        if (i % 10_000 == 9_999) {
          products.executeBatch();
          links.executeBatch();
        }
      }
      products.executeBatch();
      links.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
