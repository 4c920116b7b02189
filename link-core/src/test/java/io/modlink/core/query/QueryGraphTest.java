package io.modlink.core.query;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.Modlink;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.link.CreateOptions;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.spi.SortDirection;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** query.graph on H2 and PostgreSQL: shapes, filters, paging, options, errors, round trips. */
class QueryGraphTest {

  static LinkRequest pw(String product, String warehouse) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "warehouse_id", warehouse));
  }

  static LinkRequest ps(String product, String shelf) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "shelf_id", shelf));
  }

  /** p1..p4; p1,p2 in w1, p3 in w2, p4 nowhere; shelves: p1 on s1,s2; p2 on s2; p3 on s3. */
  static void withData(TestDatabase db, Consumer<Modlink> test) {
    LinkFixtures.with(config(db), 4, modlink -> {
      modlink.link().create(List.of(pw("p1", "w1"), pw("p2", "w1"), pw("p3", "w2"),
          ps("p1", "s1"), ps("p1", "s2"), ps("p2", "s2"), ps("p3", "s3")));
      test.accept(modlink);
    });
  }

  static GraphResult both(Modlink modlink, GraphQuery.Builder q) {
    GraphResult federated = modlink.query().graph(q.strategy(Strategy.FEDERATED).build());
    GraphResult auto = modlink.query().graph(q.strategy(Strategy.AUTO).build());
    assertThat(auto.data()).as("push-down and federated give the same result").isEqualTo(federated.data());
    assertThat(auto.metadata()).isEqualTo(federated.metadata());
    assertThat(auto.warnings()).isEqualTo(federated.warnings());
    return federated;
  }

  static List<String> ids(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("id").asText()));
    return out;
  }

  @DatabaseTest
  void aListRelationAndASingleRelation(TestDatabase db) {
    withData(db, modlink -> {
      GraphResult r = both(modlink, GraphQuery.entity("product").fields("title", "shelves.*", "warehouse.name"));
      assertThat(ids(r.data())).containsExactly("p1", "p2", "p3", "p4");
      ObjectNode p1 = (ObjectNode) r.data().get(0);
      assertThat(p1.get("title").asText()).isEqualTo("Product 1");
      assertThat(ids(p1.get("shelves"))).containsExactly("s1", "s2");
      assertThat(p1.get("shelves").get(0).get("label").asText()).isEqualTo("Shelf 1");
      assertThat(p1.get("warehouse").get("name").asText()).isEqualTo("Warehouse 1");
      assertThat(p1.get("warehouse").has("id")).isTrue();
      ObjectNode p4 = (ObjectNode) r.data().get(3);
      assertThat(p4.get("shelves").isArray()).isTrue();
      assertThat(p4.get("shelves")).isEmpty();
      assertThat(p4.get("warehouse").isNull()).isTrue();
    });
  }

  @DatabaseTest
  void oneHopIsOneRoundTripPushedDownAndThreeFederatedWhateverTheRows(TestDatabase db) {
    withData(db, modlink -> {
      GraphQuery.Builder q = GraphQuery.entity("products").fields("id", "title", "shelves.*");
      GraphResult federated = both(modlink, q);
      assertThat(federated.stats().roundTrips()).isEqualTo(3);
      GraphResult pushed = modlink.query().graph(q.strategy(Strategy.AUTO).build());
      assertThat(pushed.stats().roundTrips()).isEqualTo(1);
      assertThat(pushed.stats().fetches()).singleElement().satisfies(f -> assertThat(f.strategy()).isEqualTo("push-down"));
      // ten times the rows, the same round trips
      List<LinkRequest> more = new ArrayList<>();
      modlink.sessionFactory("catalog").inTransaction(s -> {
        for (int i = 5; i <= 40; i++) {
          s.persist(new io.modlink.core.fixtures.Product("p" + i, "Product " + i, java.math.BigDecimal.ONE, 1, true,
              io.modlink.core.fixtures.ProductStatus.draft, java.time.Instant.parse("2024-01-01T00:00:00Z")));
          more.add(ps("p" + i, "s" + (1 + i % 3)));
        }
      });
      modlink.link().create(more);
      assertThat(both(modlink, q).stats().roundTrips()).isEqualTo(3);
      assertThat(modlink.query().graph(q.strategy(Strategy.AUTO).build()).stats().roundTrips()).isEqualTo(1);
    });
  }

  @DatabaseTest
  void twoAndThreeLevelsDeepInBothDirections(TestDatabase db) {
    withData(db, modlink -> {
      GraphResult r = both(modlink, GraphQuery.entity("warehouse").fields("name", "products.title",
          "products.shelves.label"));
      JsonNode w1 = r.data().get(0);
      assertThat(ids(w1.get("products"))).containsExactly("p1", "p2");
      assertThat(ids(w1.get("products").get(0).get("shelves"))).containsExactly("s1", "s2");
      assertThat(w1.get("products").get(0).get("shelves").get(0).get("label").asText()).isEqualTo("Shelf 1");
      assertThat(r.stats().roundTrips()).isEqualTo(5);

      GraphResult three = both(modlink, GraphQuery.entity("shelf").fields("label", "products.warehouse.products.title"));
      JsonNode s2 = three.data().get(1);
      assertThat(ids(s2.get("products"))).containsExactly("p1", "p2");
      assertThat(ids(s2.get("products").get(0).get("warehouse").get("products"))).containsExactly("p1", "p2");
    });
  }

  @DatabaseTest
  void theLinksOwnEntryPointWithBothSidesNested(TestDatabase db) {
    withData(db, modlink -> {
      GraphResult r = modlink.query().graph(GraphQuery.entity("product_warehouse")
          .fields("priority", "product.title", "warehouse.name").build());
      assertThat(r.data()).hasSize(3);
      JsonNode first = r.data().get(0);
      assertThat(first.get("id").asText()).startsWith("prwh_");
      assertThat(first.get("priority").asInt()).isZero();
      assertThat(first.has("product_id")).as("join keys not asked for do not appear").isFalse();
      assertThat(first.get("product").get("title").asText()).startsWith("Product ");
      assertThat(first.get("warehouse").get("name").asText()).startsWith("Warehouse ");
      GraphResult chain = both(modlink, GraphQuery.entity("product_warehouse").fields("warehouse.*")
          .filters(Map.of("warehouse_id", "w1")));
      assertThat(chain.data()).hasSize(2);
    });
  }

  @DatabaseTest
  void onlyRelationFieldsGiveTheRootsPrimaryKeyAndNoOtherJoinKey(TestDatabase db) {
    withData(db, modlink -> {
      GraphResult r = both(modlink, GraphQuery.entity("product").fields("shelves.*"));
      List<String> keys = new ArrayList<>();
      r.data().get(0).fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactly("id", "shelves");
    });
  }

  @DatabaseTest
  void aFilterOnALinkedPathRestrictsTheRootNotTheNestedList(TestDatabase db) {
    withData(db, modlink -> {
      GraphResult r = both(modlink, GraphQuery.entity("product").fields("id", "shelves.label")
          .filters(Map.of("shelves", Map.of("label", "Shelf 2"))));
      assertThat(ids(r.data())).containsExactly("p1", "p2");
      assertThat(ids(r.data().get(0).get("shelves"))).containsExactly("s1", "s2");

      GraphResult page = both(modlink, GraphQuery.entity("product").fields("id", "shelves.label")
          .filters(Map.of("shelves", Map.of("label", Map.of("$like", "Shelf%")), "is_active", true))
          .order("title", SortDirection.DESC).skip(1).take(1));
      assertThat(ids(page.data())).containsExactly("p2");
      assertThat(page.metadata()).contains(new GraphResult.Metadata(1, 1, 3));

      GraphResult nested = both(modlink, GraphQuery.entity("warehouse").fields("id")
          .filters(Map.of("products", Map.of("shelves", Map.of("label", "Shelf 3")))));
      assertThat(ids(nested.data())).containsExactly("w2");

      GraphResult none = both(modlink, GraphQuery.entity("product").fields("id")
          .filters(Map.of("shelves", Map.of("label", "nowhere"))).take(10));
      assertThat(none.data()).isEmpty();
      assertThat(none.metadata()).contains(new GraphResult.Metadata(0, 10, 0));
    });
  }

  @DatabaseTest
  void rootFiltersPagingAndCount(TestDatabase db) {
    withData(db, modlink -> {
      GraphResult r = both(modlink, GraphQuery.entity("product").fields("title", "shelves.id")
          .filters(Map.of("id", List.of("p1", "p2", "p3"))).order("title", SortDirection.DESC).take(2));
      assertThat(ids(r.data())).containsExactly("p3", "p2");
      assertThat(r.metadata()).contains(new GraphResult.Metadata(0, 2, 3));
      GraphResult beyond = both(modlink, GraphQuery.entity("product").fields("title").skip(10).take(5));
      assertThat(beyond.data()).isEmpty();
      assertThat(beyond.metadata()).contains(new GraphResult.Metadata(10, 5, 4));
    });
  }

  @DatabaseTest
  void perRelationArgumentsFilterOrderAndLimitTheNestedList(TestDatabase db) {
    withData(db, modlink -> {
      GraphResult r = both(modlink, GraphQuery.entity("product").fields("shelves.label")
          .relation("shelves", a -> a.order("label", SortDirection.DESC).limit(1)));
      assertThat(ids(r.data().get(0).get("shelves"))).containsExactly("s2");
      GraphResult filtered = both(modlink, GraphQuery.entity("product").fields("shelves.label")
          .relation("shelves", a -> a.filters(Map.of("label", "Shelf 1"))));
      assertThat(ids(filtered.data().get(0).get("shelves"))).containsExactly("s1");
      assertThat(ids(filtered.data().get(1).get("shelves"))).isEmpty();
      assertThat(filtered.warnings()).isEmpty();
    });
  }

  @DatabaseTest
  void aDanglingLinkRowIsLeftOutAndReported(TestDatabase db) {
    withData(db, modlink -> {
      modlink.link().create(List.of(ps("p4", "s9")), CreateOptions.withoutVerification());
      modlink.store("shelf").softDelete(List.of("s3"));
      GraphResult r = both(modlink, GraphQuery.entity("product").fields("shelves.*"));
      assertThat(ids(r.data().get(2).get("shelves"))).isEmpty();
      assertThat(ids(r.data().get(3).get("shelves"))).isEmpty();
      assertThat(r.warnings()).singleElement().asString()
          .startsWith("2 shelf record(s) linked from product through product_shelf do not exist: id s3, s9");
      assertThatThrownBy(() -> modlink.query().graph(GraphQuery.entity("product").fields("shelves.*")
          .throwIfRelationNotFound().build()))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("do not exist: id s3, s9");
    });
  }

  @DatabaseTest
  void throwIfKeyNotFoundNamesTheMissingKeys(TestDatabase db) {
    withData(db, modlink -> {
      assertThatThrownBy(() -> modlink.query().graph(GraphQuery.entity("product")
          .filters(Map.of("id", List.of("p1", "p9"))).throwIfKeyNotFound().build()))
          .isInstanceOf(NotFoundException.class).hasMessage("Product id not found: p9");
      assertThat(modlink.query().graph(GraphQuery.entity("product").filters(Map.of("id", "p1")).throwIfKeyNotFound()
          .build()).data()).hasSize(1);
    });
  }

  @DatabaseTest
  void withDeletedIncludesSoftDeletedRecords(TestDatabase db) {
    withData(db, modlink -> {
      modlink.store("product").softDelete(List.of("p2"));
      assertThat(ids(both(modlink, GraphQuery.entity("product").fields("id")).data())).containsExactly("p1", "p3", "p4");
      assertThat(ids(both(modlink, GraphQuery.entity("product").fields("id").withDeleted()).data()))
          .containsExactly("p1", "p2", "p3", "p4");
    });
  }

  record ShelfView(String id, String label) {}

  @DatabaseTest
  void rowsConvertToRecords(TestDatabase db) {
    withData(db, modlink -> {
      List<ShelfView> shelves = modlink.query().graph(GraphQuery.entity("shelf").fields("label").build())
          .as(ShelfView.class);
      assertThat(shelves).containsExactly(new ShelfView("s1", "Shelf 1"), new ShelfView("s2", "Shelf 2"),
          new ShelfView("s3", "Shelf 3"));
    });
  }

  @DatabaseTest
  void explainDescribesTheFetchesAndTheirRoundTrips(TestDatabase db) {
    withData(db, modlink -> {
      GraphQuery q = GraphQuery.entity("product").fields("title", "shelves.*").strategy(Strategy.FEDERATED).build();
      QueryPlan plan = modlink.query().explain(q);
      assertThat(plan.strategy()).isEqualTo("federated");
      assertThat(plan.fetches()).extracting(QueryPlan.PlannedFetch::source)
          .containsExactly("product", "product_shelf", "shelf");
      assertThat(plan.fetches().get(1).keys()).isEqualTo("product_id = any(product.id)");
      assertThat(plan.fetches().get(2).waitsFor()).isEqualTo(2);
      assertThat(plan.expectedRoundTrips()).isEqualTo(modlink.query().graph(q).stats().roundTrips());
      QueryPlan pushed = modlink.query().explain(GraphQuery.entity("product").fields("title", "shelves.*").build());
      assertThat(pushed.strategy()).isEqualTo("push-down");
      assertThat(pushed.expectedRoundTrips()).isEqualTo(1);
      assertThat(pushed.text()).contains("product join product_shelf join shelf");
      QueryPlan branched = modlink.query().explain(GraphQuery.entity("product").fields("shelves.*", "warehouse.*")
          .build());
      assertThat(branched.text()).startsWith("graph query on product: federated (product has 2 relations;"
          + " push-down follows one path)");
      assertThat(branched.expectedRoundTrips()).isEqualTo(5);
    });
  }

  @DatabaseTest
  void everySegmentIsCheckedBeforeAnyFetch(TestDatabase db) {
    withData(db, modlink -> {
      Query query = modlink.query();
      assertThatThrownBy(() -> query.graph(GraphQuery.entity("prodcts").build()))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageStartingWith("unknown entity 'prodcts' (did you mean 'products'?); known entities and link"
              + " entry points: ");
      assertThatThrownBy(() -> query.graph(GraphQuery.entity("product").fields("shelves.lable").build()))
          .hasMessage("unknown field 'lable' at product.shelves.lable (did you mean 'label'?); fields of shelf: id,"
              + " label, deleted_at; relations: products");
      assertThatThrownBy(() -> query.graph(GraphQuery.entity("product").fields("shelfs.*").build()))
          .hasMessageStartingWith("unknown relation 'shelfs' at product.shelfs (did you mean 'shelves'?)");
      assertThatThrownBy(() -> query.graph(GraphQuery.entity("product").fields("title.x").build()))
          .hasMessage("'title' at product.title is a field of product, not a relation, so nothing can follow it;"
              + " relations of product: warehouse, shelves");
      assertThatThrownBy(() -> query.graph(GraphQuery.entity("product").filters(Map.of("shelfs", Map.of())).build()))
          .hasMessageStartingWith("unknown filter 'shelfs' at product.shelfs (did you mean 'shelves'?)");
      assertThatThrownBy(() -> query.graph(GraphQuery.entity("product").fields("shelves.products.shelves.id")
          .maxDepth(2).build()))
          .hasMessage("field path product.shelves.products.shelves goes 3 relations deep; the limit is 2"
              + " (GraphQuery.Builder.maxDepth)");
      assertThatThrownBy(() -> query.graph(GraphQuery.entity("product").fields("id")
          .relation("shelves", a -> a.limit(1)).build()))
          .hasMessageStartingWith("relation arguments for 'shelves', which is not among the fields of product");
      assertThatThrownBy(() -> query.graph(GraphQuery.entity("product").fields("shelves.*", "warehouse.*")
          .strategy(Strategy.PUSH_DOWN).build()))
          .hasMessageStartingWith("this query cannot be pushed down: product has 2 relations");
      assertThatThrownBy(() -> query.graph(GraphQuery.entity("product").filters(Map.of("title", Map.of("$regex", "x")))
          .build()))
          .hasMessageStartingWith("unknown operator '$regex' at filters.title.$regex");
    });
  }
}
