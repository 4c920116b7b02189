package io.modlink.core.query;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The same data with catalog, stock and the link tables on three databases (federated), also on two
 * engines (PostgreSQL and MariaDB), and all on one (pushed down): the results are the same.
 */
class FederatedCompositionTest {

  /** A second database beside the test's: another H2 database, PostgreSQL schema or MariaDB database. */
  private static DatabaseConfig another(TestDatabase db, String suffix) {
    return config(db.sibling(suffix));
  }

  private static void seed(Modlink modlink) {
    LinkFixtures.seed(modlink, 4);
    modlink.link().create(List.of(QueryGraphTest.pw("p1", "w1"), QueryGraphTest.pw("p2", "w1"),
        QueryGraphTest.pw("p3", "w2"), QueryGraphTest.ps("p1", "s1"), QueryGraphTest.ps("p1", "s2"),
        QueryGraphTest.ps("p2", "s2"), QueryGraphTest.ps("p3", "s3")));
  }

  private static List<GraphQuery> queries() {
    return List.of(
        GraphQuery.entity("product").fields("id", "title", "shelves.*").build(),
        GraphQuery.entity("warehouse").fields("name", "products.title", "products.shelves.label").build(),
        GraphQuery.entity("product").fields("title", "warehouse.*")
            .filters(Map.of("shelves", Map.of("label", "Shelf 2"))).take(1).build(),
        GraphQuery.entity("shelf").fields("label", "products.warehouse.name").build());
  }

  @DatabaseTest
  void threeDatabasesFederatedAndOneDatabasePushedDownAgree(TestDatabase db) {
    DatabaseConfig stockDb = another(db, "stock");
    DatabaseConfig linkDb = another(db, "links");
    List<GraphResult> federated = new ArrayList<>();
    try (Modlink modlink = LinkFixtures.builder(config(db)).database("stock", stockDb).linkDatabase(linkDb).build()) {
      seed(modlink);
      for (GraphQuery q : queries()) {
        assertThat(modlink.query().explain(q).strategy()).isEqualTo("federated");
        federated.add(modlink.query().graph(q));
      }
    }
    assertPushedDownAgrees(another(db, "single"), federated);
  }

  /**
   * Two engines in one application: the catalog module (and the link tables) on PostgreSQL, the
   * stock module on MariaDB. Links are created across them and read federated (a product query hybrid:
   * products and link rows joined on PostgreSQL, shelves fetched from MariaDB), and the answers are
   * those of everything on one database, pushed down.
   */
  @DatabaseTest(Engine.POSTGRESQL)
  void aModuleOnPostgresqlAndAnotherOnMariaDbAreLinkedAndQueriedFederated(TestDatabase pg) {
    TestDatabase mariaDb = pg.on(Engine.MARIADB, "stock");
    List<GraphResult> federated = new ArrayList<>();
    try (Modlink modlink = LinkFixtures.builder(config(pg)).database("stock", config(mariaDb)).build()) {
      seed(modlink);
      // the products and their shelf links are on PostgreSQL: read joined there, the shelves from MariaDB
      List<String> strategies = List.of("hybrid", "federated", "federated", "federated");
      List<GraphQuery> queries = queries();
      for (int i = 0; i < queries.size(); i++) {
        GraphQuery q = queries.get(i);
        assertThat(modlink.query().explain(q).strategy()).as(q.toString()).isEqualTo(strategies.get(i));
        GraphResult result = modlink.query().graph(q);
        assertThat(result.stats().roundTrips()).isEqualTo(modlink.query().explain(q).expectedRoundTrips());
        federated.add(result);
      }
      // the cascade crosses engines too: a warehouse deleted on MariaDB dismisses its links on PostgreSQL
      assertThat(modlink.link().delete(Map.of("stock", Map.of("warehouse_id", List.of("w2")))).links())
          .containsKey("product_warehouse");
    }
    assertThat(mariaDb.column("select count(*) from warehouse")).containsExactly(3L);
    assertThat(mariaDb.column("select count(*) from information_schema.tables where table_schema = database()"
        + " and table_name like 'product%'")).containsExactly(0L);
    assertThat(pg.column("select count(*) from product_warehouse where deleted_at is null")).containsExactly(2L);
    assertPushedDownAgrees(another(pg, "single"), federated);
  }

  private static void assertPushedDownAgrees(DatabaseConfig single, List<GraphResult> federated) {
    try (Modlink modlink = LinkFixtures.builder(single).build()) {
      seed(modlink);
      List<GraphQuery> queries = queries();
      for (int i = 0; i < queries.size(); i++) {
        GraphResult pushed = modlink.query().graph(queries.get(i));
        assertThat(pushed.stats().fetches()).singleElement()
            .satisfies(f -> assertThat(f.strategy()).isEqualTo("push-down"));
        assertThat(pushed.data()).as(queries.get(i).toString()).isEqualTo(federated.get(i).data());
        assertThat(pushed.metadata()).isEqualTo(federated.get(i).metadata());
      }
    }
  }
}
