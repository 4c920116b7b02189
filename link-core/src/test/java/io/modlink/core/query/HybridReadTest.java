package io.modlink.core.query;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.DatabaseConfig;
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
 * With the stock module on a second database and the catalog and the link tables on the test's, AUTO reads
 * a product query with one statement for the products joined to one relation's link rows, then the linked
 * records by their distinct keys (the hybrid read). On generated data (a fixed seed) every shape gives
 * exactly what a plain federated read gives, in the round trips {@code explain} expects.
 */
class HybridReadTest {
  private static final long SEED = 1414;
  private static final int PRODUCTS = 240;
  private static final int SHELVES = 30;
  private static final int WAREHOUSES = 4;

  /** A query shape, and the round trips of its hybrid read (0: AUTO reads it plain federated). */
  private record Shape(Supplier<GraphQuery.Builder> query, int hybridTrips) {}

  @DatabaseTest
  void theHybridReadGivesWhatFederatedGivesOnGeneratedData(TestDatabase db) {
    DatabaseConfig stock = DatabaseConfig.of("jdbc:h2:mem:hybrid_stock_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
        "sa", "");
    try (Modlink modlink = LinkFixtures.builder(config(db)).database("stock", stock).build()) {
      seed(modlink, new Random(SEED));
      List<Shape> shapes = List.of(
          new Shape(() -> GraphQuery.entity("product").fields("id", "title", "shelves.*"), 2),
          new Shape(() -> GraphQuery.entity("product").fields("id", "shelves.label", "shelves.products.title"), 4),
          new Shape(() -> GraphQuery.entity("product").fields("title", "warehouse.name"), 2),
          new Shape(() -> GraphQuery.entity("product").fields("id", "shelves.label", "warehouse.*"), 4),
          new Shape(() -> GraphQuery.entity("product").fields("id", "shelves.*")
              .relation("shelves", r -> r.order("label", SortDirection.DESC).limit(2)), 2),
          new Shape(() -> GraphQuery.entity("product").fields("id", "shelves.id", "shelves.products.id")
              .relation("shelves.products", r -> r.order("title", SortDirection.DESC).limit(3)), 4),
          new Shape(() -> GraphQuery.entity("product").fields("id", "price", "shelves.label")
              .order("price", SortDirection.DESC).skip(17).take(50).withCount(), 2),
          new Shape(() -> GraphQuery.entity("product").fields("id", "shelves.label").skip(5).take(1), 2),
          new Shape(() -> GraphQuery.entity("product").fields("id", "shelves.label").withDeleted(), 2),
          new Shape(() -> GraphQuery.entity("product").fields("id", "shelves.label")
              .filters(Map.of("price", Map.of("$lt", 20))), 2),
          new Shape(() -> GraphQuery.entity("product").fields("id", "shelves.label")
              .relation("shelves", r -> r.filters(Map.of("label", List.of("Shelf 3", "Shelf 4", "Shelf 5")))), 2),
          // a linked filter on the other database: plain federated
          new Shape(() -> GraphQuery.entity("product").fields("id", "shelves.label")
              .filters(Map.of("shelves", Map.of("label", "Shelf 3"))), 0),
          // the root on the other database: plain federated
          new Shape(() -> GraphQuery.entity("shelf").fields("*", "products.id", "products.warehouse.*"), 0));
      for (Shape s : shapes) {
        GraphResult federated = modlink.query().graph(s.query().get().strategy(Strategy.FEDERATED).build());
        GraphQuery auto = s.query().get().build();
        GraphResult hybrid = modlink.query().graph(auto);
        String shape = auto.toString();
        assertThat(federated.data()).as("%s has rows", shape).isNotEmpty();
        assertThat(hybrid.data()).as("data of %s", shape).isEqualTo(federated.data());
        assertThat(hybrid.metadata()).as("metadata of %s", shape).isEqualTo(federated.metadata());
        assertThat(hybrid.warnings()).as("warnings of %s", shape).isEqualTo(federated.warnings());
        QueryPlan plan = modlink.query().explain(auto);
        assertThat(hybrid.stats().roundTrips()).as("round trips of %s", shape).isEqualTo(plan.expectedRoundTrips());
        if (s.hybridTrips() == 0) {
          assertThat(plan.strategy()).as("strategy of %s", shape).isEqualTo("federated");
          assertThat(hybrid.stats().roundTrips()).as("round trips of %s", shape)
              .isEqualTo(federated.stats().roundTrips());
        } else {
          assertThat(plan.strategy()).as("strategy of %s", shape).isEqualTo("hybrid");
          assertThat(hybrid.stats().fetches()).allSatisfy(f -> assertThat(f.strategy()).isEqualTo("hybrid"));
          assertThat(hybrid.stats().roundTrips()).as("round trips of %s", shape).isEqualTo(s.hybridTrips())
              .isEqualTo(federated.stats().roundTrips() - 1);
        }
      }
      // the data has what the shapes are meant to meet
      GraphResult shelves = modlink.query().graph(GraphQuery.entity("product").fields("id", "shelves.id").build());
      assertThat(shelves.warnings()).as("links to missing shelves").isNotEmpty();
    }
  }

  @DatabaseTest
  void emptyResultsAndPagesCostWhatExplainSays(TestDatabase db) {
    DatabaseConfig stock = DatabaseConfig.of("jdbc:h2:mem:hybrid_empty_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
        "sa", "");
    try (Modlink modlink = LinkFixtures.builder(config(db)).database("stock", stock).build()) {
      seed(modlink, new Random(SEED));
      // no product: one statement, no fetch of shelves
      GraphResult none = modlink.query().graph(GraphQuery.entity("product").fields("id", "shelves.*")
          .filters(Map.of("id", "nope")).build());
      assertThat(none.data()).isEmpty();
      assertThat(none.stats().roundTrips()).isEqualTo(1);
      // products without live links: no fetch of shelves either, and every list empty
      GraphResult unlinked = modlink.query().graph(GraphQuery.entity("product").fields("id", "shelves.*")
          .filters(Map.of("id", List.of("p3", "p1000"))).withDeleted().build());
      assertThat(unlinked.data()).hasSize(1);
      assertThat(unlinked.data().get(0).get("shelves")).isEmpty();
      assertThat(unlinked.stats().roundTrips()).isEqualTo(1);
      // an empty page with a count: the page, then the count
      GraphResult page = modlink.query().graph(GraphQuery.entity("product").fields("id", "shelves.*")
          .skip(10_000).take(5).withCount().build());
      assertThat(page.data()).isEmpty();
      assertThat(page.metadata()).hasValueSatisfying(m -> assertThat(m.count()).isEqualTo(PRODUCTS - 3));
      assertThat(page.stats().roundTrips()).isEqualTo(2);

      QueryPlan plan = modlink.query().explain(GraphQuery.entity("product").fields("id", "shelves.label",
          "shelves.products.title").build());
      assertThat(plan.text()).isEqualTo("""
          graph query on product: hybrid (shelf is on another database than product)
            1. product: product left join product_shelf [catalog] page of product, product_id = product.id
            2. product.shelves: shelf [stock] id = any(distinct product_shelf.shelf_id) (after 1)
            3. product.shelves.products: product_shelf [links] shelf_id = any(shelf.id) (after 2)
            4. product.shelves.products: product [catalog] id = any(product_shelf.product_id) (after 3)
          expected round trips: 4
          """);
      // asked for, federated stays federated
      assertThat(modlink.query().explain(GraphQuery.entity("product").fields("id", "shelves.label")
          .strategy(Strategy.FEDERATED).build()).text())
          .startsWith("graph query on product: federated (shelf is on another database than product)\n"
              + "  1. product: product [catalog] filter\n");
    }
  }

  /**
   * Products with 0 to 5 shelves each out of 30, most in a warehouse; some products and shelves
   * soft-deleted, two shelves deleted outright (their links left), some links dismissed; p3 has no live link.
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
    List<LinkRequest> dismissed = new ArrayList<>();
    for (int i = 1; i <= PRODUCTS; i++) {
      String product = "p" + i;
      random.ints(i == 3 ? 2 : random.nextInt(6), 1, SHELVES + 1).distinct().forEach(shelf -> {
        LinkRequest link = LinkRequest.between(LinkKey.of("catalog", "product_id", product),
            LinkKey.of("stock", "shelf_id", "s" + shelf));
        links.add(link);
        if (product.equals("p3") || random.nextInt(10) == 0) {
          dismissed.add(link);
        }
      });
      if (i != 3 && random.nextInt(4) > 0) {
        links.add(LinkRequest.between(LinkKey.of("catalog", "product_id", product),
            LinkKey.of("stock", "warehouse_id", "w" + (1 + random.nextInt(WAREHOUSES)))));
      }
    }
    modlink.link().create(links);
    modlink.link().dismiss(dismissed);
    modlink.store("product").softDelete(List.of("p3", "p50", "p51"));
    modlink.store("shelf").softDelete(List.of("s2"));
    try (Connection c = modlink.dataSource("stock").getConnection(); Statement s = c.createStatement()) {
      s.executeUpdate("delete from shelf where id in ('s5', 's6')");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
