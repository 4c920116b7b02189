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
}
