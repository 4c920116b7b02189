package io.modlink.core.query;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The same data with catalog, stock and the link tables on three databases (federated), and all on
 * one (pushed down): the results are the same.
 */
class FederatedCompositionTest {

  /** A second database beside the test's: another PostgreSQL schema, or another H2 database. */
  private static DatabaseConfig another(TestDatabase db, List<String> created) {
    String name = "mlt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (db.engine() == Engine.POSTGRESQL) {
      db.execute("create schema " + name);
      created.add(name);
      return DatabaseConfig.of(db.jdbcUrl().replaceAll("currentSchema=[a-z0-9_]+", "currentSchema=" + name),
          db.user(), db.password());
    }
    return DatabaseConfig.of("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
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
    List<String> schemas = new java.util.ArrayList<>();
    try {
      DatabaseConfig stockDb = another(db, schemas);
      DatabaseConfig linkDb = another(db, schemas);
      List<GraphResult> federated = new java.util.ArrayList<>();
      try (Modlink modlink = LinkFixtures.builder(config(db)).database("stock", stockDb).linkDatabase(linkDb).build()) {
        seed(modlink);
        for (GraphQuery q : queries()) {
          assertThat(modlink.query().explain(q).strategy()).isEqualTo("federated");
          federated.add(modlink.query().graph(q));
        }
      }
      DatabaseConfig single = another(db, schemas);
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
    } finally {
      schemas.forEach(s -> db.execute("drop schema " + s + " cascade"));
    }
  }
}
