package io.modlink.core.query;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.Modlink;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.fixtures.Product;
import io.modlink.core.fixtures.ProductStatus;
import io.modlink.core.fixtures.Shelf;
import io.modlink.core.fixtures.Warehouse;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.spi.SortDirection;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Push-down builds its result in one pass as the joined rows stream by. On generated data (a fixed
 * seed) every shape it reads gives exactly what federated reads: lists whose records several parents
 * share, two levels of lists, a single relation, relation order and limit, pages with a count, links to
 * soft-deleted and to missing records; and it reads them in one statement.
 */
class PushDownResultTest {
  private static final long SEED = 14;
  private static final int PRODUCTS = 240;
  private static final int SHELVES = 30;
  private static final int WAREHOUSES = 4;

  @DatabaseTest
  void pushDownGivesWhatFederatedGivesOnGeneratedData(TestDatabase db) {
    try (Modlink modlink = LinkFixtures.builder(config(db)).build()) {
      seed(modlink, new Random(SEED));
      List<Supplier<GraphQuery.Builder>> queries = List.of(
          () -> GraphQuery.entity("product").fields("id", "title", "shelves.*"),
          () -> GraphQuery.entity("product").fields("id", "shelves.label", "shelves.products.title"),
          () -> GraphQuery.entity("shelf").fields("*", "products.id", "products.warehouse.*"),
          () -> GraphQuery.entity("product").fields("title", "warehouse.name"),
          () -> GraphQuery.entity("product").fields("id", "shelves.*")
              .relation("shelves", r -> r.order("label", SortDirection.DESC).limit(2)),
          () -> GraphQuery.entity("product").fields("id", "shelves.id", "shelves.products.id")
              .relation("shelves.products", r -> r.order("title", SortDirection.DESC).limit(3)),
          () -> GraphQuery.entity("product").fields("id", "price", "shelves.label")
              .order("price", SortDirection.DESC).skip(17).take(50).withCount(),
          () -> GraphQuery.entity("shelf").fields("id", "products.title").withDeleted(),
          () -> GraphQuery.entity("product").fields("id", "shelves.label")
              .relation("shelves", r -> r.filters(Map.of("label", List.of("Shelf 3", "Shelf 4", "Shelf 5")))));
      for (Supplier<GraphQuery.Builder> query : queries) {
        GraphResult federated = modlink.query().graph(query.get().strategy(Strategy.FEDERATED).build());
        GraphResult pushedDown = modlink.query().graph(query.get().strategy(Strategy.PUSH_DOWN).build());
        String shape = query.get().build().toString();
        assertThat(federated.data()).as("%s has rows", shape).isNotEmpty();
        assertThat(pushedDown.data()).as("data of %s", shape).isEqualTo(federated.data());
        assertThat(pushedDown.metadata()).as("metadata of %s", shape).isEqualTo(federated.metadata());
        assertThat(pushedDown.warnings()).as("warnings of %s", shape).isEqualTo(federated.warnings());
        assertThat(pushedDown.stats().roundTrips()).as("round trips of %s", shape).isEqualTo(1);
      }
      // the data has what the shapes are meant to meet
      GraphResult shelves = modlink.query().graph(GraphQuery.entity("product").fields("id", "shelves.id").build());
      assertThat(shelves.warnings()).as("links to missing shelves").isNotEmpty();
    }
  }

  /**
   * Products with 0 to 5 shelves each out of 30 (so that each shelf has several products), most in a
   * warehouse; some products and shelves soft-deleted, two shelves deleted outright (their links left).
   */
  private static void seed(Modlink modlink, Random random) {
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    modlink.sessionFactory("catalog").inTransaction(s -> {
      for (int i = 1; i <= PRODUCTS; i++) {
        s.persist(new Product("p" + i, "Product " + random.nextInt(PRODUCTS / 3),
            new BigDecimal(random.nextInt(50) + ".00"), i, true, ProductStatus.published, t0.plusSeconds(i)));
      }
    });
    modlink.sessionFactory("stock").inTransaction(s -> {
      for (int i = 1; i <= WAREHOUSES; i++) {
        s.persist(new Warehouse("w" + i, "Warehouse " + i));
      }
      for (int i = 1; i <= SHELVES; i++) {
        s.persist(new Shelf("s" + i, "Shelf " + (i % 7)));
      }
    });
    List<LinkRequest> links = new ArrayList<>();
    for (int i = 1; i <= PRODUCTS; i++) {
      String product = "p" + i;
      random.ints(random.nextInt(6), 1, SHELVES + 1).distinct().forEach(shelf -> links.add(LinkRequest.between(
          LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "shelf_id", "s" + shelf))));
      if (random.nextInt(4) > 0) {
        links.add(LinkRequest.between(LinkKey.of("catalog", "product_id", product),
            LinkKey.of("stock", "warehouse_id", "w" + (1 + random.nextInt(WAREHOUSES)))));
      }
    }
    modlink.link().create(links);
    modlink.store("product").softDelete(List.of("p3", "p50", "p51"));
    modlink.store("shelf").softDelete(List.of("s2"));
    try (Connection c = modlink.dataSource("stock").getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("delete from shelf where id in ('s5', 's6')");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
