package io.modlink.core.query;

import static io.modlink.core.query.QueryGraphTest.ids;
import static io.modlink.core.query.QueryGraphTest.withData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.Modlink;
import io.modlink.core.error.ErrorType;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.UnexpectedStateException;
import io.modlink.core.internal.store.FilterParser;
import io.modlink.core.spi.SortDirection;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Bad input to {@code query.graph} ends as an {@link InvalidDataException} naming the value and
 * what would be right, before any SQL runs; what the database still refuses is an
 * {@link UnexpectedStateException} naming the operation, never the SQL. On H2 and PostgreSQL.
 */
class QueryInputTest {

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(Modlink modlink, GraphQuery.Builder q) {
    return assertThatThrownBy(() -> modlink.query().graph(q.build())).isInstanceOf(InvalidDataException.class);
  }

  private static Map<String, Object> nested(String operator, int depth) {
    Map<String, Object> filter = Map.of("title", "Product 1");
    for (int i = 0; i < depth; i++) {
      filter = Map.of(operator, List.of(filter));
    }
    return filter;
  }

  @DatabaseTest
  void aNullFilterKeyIsRefusedWithTheKeysThatWouldDo(TestDatabase db) {
    withData(db, modlink -> {
      Map<String, Object> filter = new HashMap<>();
      filter.put(null, "p1");
      refused(modlink, GraphQuery.entity("product").filters(filter))
          .hasMessageStartingWith("null key in the filters of product (its value: 'p1'); keys are fields of product"
              + " (id, title,")
          .hasMessageContaining("its relations (warehouse, shelves), $and or $or");
      Map<String, Object> inner = new HashMap<>();
      inner.put(null, "Shelf 1");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("shelves", inner)))
          .hasMessage("filter key null at product.shelves is not a string; keys are fields of shelf, its relations,"
              + " $and or $or");
      refused(modlink, GraphQuery.entity("product").fields("shelves.*").relation("shelves", r -> r.filters(inner)))
          .hasMessageStartingWith("filter key null at relation(shelves).filters is not a string");
    });
  }

  @DatabaseTest
  void andOrNestUpToTheLimitAndNoDeeper(TestDatabase db) {
    withData(db, modlink -> {
      GraphResult deepest = modlink.query().graph(GraphQuery.entity("product")
          .filters(nested("$and", FilterParser.MAX_NESTING)).build());
      assertThat(ids(deepest.data())).containsExactly("p1");
      for (String operator : List.of("$and", "$or")) {
        refused(modlink, GraphQuery.entity("product").filters(nested(operator, FilterParser.MAX_NESTING + 1)))
            .hasMessageContaining("nests $and / $or more than 32 levels deep; the limit is 32");
        refused(modlink, GraphQuery.entity("product").filters(nested(operator, 1_000)))
            .hasMessageStartingWith(operator + " at filters." + operator + "[0]." + operator + "[0].")
            .hasMessageContaining("the limit is 32");
      }
      // a filter that contains itself is cut at the limit too
      Map<String, Object> loop = new HashMap<>();
      loop.put("$or", List.of(loop));
      refused(modlink, GraphQuery.entity("product").filters(loop)).hasMessageContaining("the limit is 32");
    });
  }

  @DatabaseTest
  void textWithANulCharacterIsRefusedBeforeTheDatabaseSeesIt(TestDatabase db) {
    withData(db, modlink -> {
      refused(modlink, GraphQuery.entity("product").filters(Map.of("title", "Product\u00001")))
          .hasMessage("text 'Product\\01' at filters.title holds the NUL character (U+0000) at index 7, which"
              + " databases do not store; remove it");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("title", Map.of("$ilike", "%\u0000%"))))
          .hasMessageContaining("at filters.title.$ilike holds the NUL character");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("id", List.of("p1", "\u0000"))))
          .hasMessageContaining("at filters.id[1] holds the NUL character");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("shelves", Map.of("label", "\u0000"))))
          .hasMessageContaining("at filters.shelves.label holds the NUL character");
      refused(modlink, GraphQuery.entity("product").fields("shelves.*")
          .relation("shelves", r -> r.filters(Map.of("label", "\u0000"))))
          .hasMessageContaining("at relation(shelves).filters.label holds the NUL character");
    });
  }

  @DatabaseTest
  void aLikePatternEndingWithALoneEscapeIsRefused(TestDatabase db) {
    withData(db, modlink -> {
      refused(modlink, GraphQuery.entity("product").filters(Map.of("title", Map.of("$like", "Product\\"))))
          .hasMessage("$like at filters.title.$like: the pattern 'Product\\' ends with the escape character \\;"
              + " write \\\\ for a backslash, \\% and \\_ for a literal % and _");
      for (Strategy strategy : Strategy.values()) {
        GraphResult wildcard = modlink.query().graph(GraphQuery.entity("product").strategy(strategy)
            .filters(Map.of("title", Map.of("$like", "Product_1%"))).build());
        assertThat(ids(wildcard.data())).as(strategy.name()).containsExactly("p1");
        GraphResult escaped = modlink.query().graph(GraphQuery.entity("product").strategy(strategy)
            .filters(Map.of("title", Map.of("$like", "Product\\_1%"))).build());
        assertThat(ids(escaped.data())).as(strategy.name()).isEmpty();
      }
    });
  }

  @DatabaseTest
  void valuesOfTheWrongTypeNameTheValueAndTheType(TestDatabase db) {
    withData(db, modlink -> {
      refused(modlink, GraphQuery.entity("product").filters(Map.of("title", Map.of("$eq", Map.of("a", 1)))))
          .hasMessage("value {'a'=1} at filters.title.$eq does not fit field 'title' of type string (expected text,"
              + " a number or a boolean)");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("stock", "many")))
          .hasMessage("value 'many' at filters.stock does not fit field 'stock' of type integer (expected a number)");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("stock", 1e20)))
          .hasMessage("value 1.0E20 at filters.stock does not fit field 'stock' of type integer (expected a number)");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("sold_count",
          Map.of("$gt", BigInteger.TEN.pow(30)))))
          .hasMessageStartingWith("value 1000000000000000000000000000000 at filters.sold_count.$gt does not fit");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("rating", Double.NaN)))
          .hasMessage("value NaN at filters.rating does not fit field 'rating' of type double (expected a finite"
              + " number)");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("created_at", Map.of("$lt", Instant.MAX))))
          .hasMessage("value +1000000000-12-31T23:59:59.999999999Z at filters.created_at.$lt does not fit field"
              + " 'created_at' of type datetime (expected a date-time from year 1 to 9999)");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("created_at", "yesterday")))
          .hasMessageContaining("(expected an ISO-8601 date-time such as 2024-05-01T10:00:00Z, or an Instant)");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("status", "gone")))
          .hasMessageContaining("(expected one of [draft, published])");
      refused(modlink, GraphQuery.entity("product").filters(Map.of("title", Map.of("$regex", "^P"))))
          .hasMessageStartingWith("unknown operator '$regex' at filters.title.$regex; known operators: $eq,");
      List<Object> huge = new ArrayList<>(Collections.nCopies(10_000, "x"));
      refused(modlink, GraphQuery.entity("product").filters(Map.of("stock", Map.of("$eq", huge))))
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    });
  }

  @DatabaseTest
  void pagingAndOrderRefuseWhatCanNeverBeRight(TestDatabase db) {
    withData(db, modlink -> {
      assertThatThrownBy(() -> GraphQuery.entity("product").skip(-1)).isInstanceOf(InvalidDataException.class)
          .hasMessage("skip must be 0 or more, got -1");
      assertThatThrownBy(() -> GraphQuery.entity("product").take(-5)).isInstanceOf(InvalidDataException.class)
          .hasMessage("take must be 0 or more, got -5");
      assertThatThrownBy(() -> GraphQuery.entity("product").order(null, SortDirection.ASC))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("null field in order; name a field to order by, e.g. created_at");
      assertThatThrownBy(() -> GraphQuery.entity("product").order("title", (SortDirection) null))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("null direction in order by 'title'; use SortDirection.ASC or SortDirection.DESC");
      assertThatThrownBy(() -> GraphQuery.entity("product").order("title", "upwards"))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("unknown direction 'upwards' in order by 'title'; use ASC or DESC");
      assertThatThrownBy(() -> GraphQuery.entity("product").relation("shelves", r -> r.limit(-1)))
          .isInstanceOf(InvalidDataException.class).hasMessage("limit of relation shelves must be 0 or more, got -1");
      assertThatThrownBy(() -> GraphQuery.entity("product").maxDepth(GraphQuery.DEPTH_LIMIT + 1))
          .isInstanceOf(InvalidDataException.class).hasMessage("maxDepth must be from 1 to 32, got 33");
      refused(modlink, GraphQuery.entity("product").order("titel", SortDirection.ASC))
          .hasMessageStartingWith("unknown field 'titel' in order of product (did you mean 'title'?)");
      refused(modlink, GraphQuery.entity("product").order("attributes", SortDirection.ASC))
          .hasMessage("cannot order product by 'attributes', a json field");

      GraphResult desc = QueryGraphTest.both(modlink, GraphQuery.entity("product").order("title", "desc").take(2));
      assertThat(ids(desc.data())).containsExactly("p4", "p3");
      for (Strategy strategy : Strategy.values()) {
        GraphResult beyond = modlink.query().graph(GraphQuery.entity("product").fields("shelves.label")
            .skip(Integer.MAX_VALUE).take(Integer.MAX_VALUE).strategy(strategy).build());
        assertThat(beyond.data()).isEmpty();
        assertThat(beyond.metadata()).contains(new GraphResult.Metadata(Integer.MAX_VALUE, Integer.MAX_VALUE, 4));
      }
    });
  }

  @DatabaseTest
  void relationArgumentsMustNameARelationAmongTheFields(TestDatabase db) {
    withData(db, modlink -> {
      for (String path : List.of(".", "", " ", "..", "shelves.", ".shelves")) {
        refused(modlink, GraphQuery.entity("product").fields("title", "shelves.label")
            .filters(Map.of("id", "p1"))
            .relation(path, r -> r.filters(Map.of("id", "p2"))))
            .hasMessageContaining("which names no relation")
            .hasMessageContaining("(relations in the fields: shelves)");
      }
      refused(modlink, GraphQuery.entity("product").fields("title", "shelves.label")
          .relation("warehouse", r -> r.limit(1)))
          .hasMessage("relation arguments for 'warehouse', which is not among the fields of product; add"
              + " 'warehouse.*' to the fields, or fix the path (relations in the fields: shelves; relations of"
              + " product: warehouse, shelves)");
      refused(modlink, GraphQuery.entity("product").fields("shelves.label").relation("shelvs", r -> r.limit(1)))
          .hasMessageEndingWith("(did you mean 'shelves'?)");
      // the root's own filter stays the root's
      GraphResult one = QueryGraphTest.both(modlink, GraphQuery.entity("product").fields("title", "shelves.label")
          .filters(Map.of("id", "p1")).relation("shelves", r -> r.filters(Map.of("id", "s2"))));
      assertThat(ids(one.data())).containsExactly("p1");
      assertThat(ids(one.data().get(0).get("shelves"))).containsExactly("s2");
    });
  }

  @DatabaseTest
  void fieldPathsThatCannotBeRightAreTypedErrors(TestDatabase db) {
    withData(db, modlink -> {
      assertThatThrownBy(() -> GraphQuery.entity("product").fields("title", null))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("null field path at fields[1] of product; use '*', a field, or 'relation.*'");
      assertThatThrownBy(() -> GraphQuery.entity("product").fields((List<String>) null))
          .isInstanceOf(InvalidDataException.class);
      assertThatThrownBy(() -> GraphQuery.entity(null)).isInstanceOf(InvalidDataException.class)
          .hasMessageStartingWith("entity is null");
      refused(modlink, GraphQuery.entity("product").fields(" ")).hasMessageStartingWith("empty field path");
      refused(modlink, GraphQuery.entity("product").fields(".title"))
          .hasMessage("field path '.title' of product has an empty segment; separate names by single dots, as in"
              + " 'relation.field' or 'relation.*'");
      refused(modlink, GraphQuery.entity("product").fields("shelves..label")).hasMessageContaining("empty segment");
      refused(modlink, GraphQuery.entity("product").fields("**"))
          .hasMessageStartingWith("unknown field '**' at product.**");
      refused(modlink, GraphQuery.entity("product").fields("*.title"))
          .hasMessageStartingWith("unknown relation '*' at product.*");
      refused(modlink, GraphQuery.entity("product").fields("title.shelves"))
          .hasMessageStartingWith("'title' at product.title is a field of product, not a relation");
      refused(modlink, GraphQuery.entity("product").fields("x".repeat(100_000)))
          .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600));
      refused(modlink, GraphQuery.entity("product").fields(String.join(".", Collections.nCopies(1_000, "a"))))
          .hasMessageStartingWith("unknown relation 'a' at product.a;");
      refused(modlink, GraphQuery.entity("product")
          .fields(String.join(".", Collections.nCopies(500, "shelves.products")) + ".title"))
          .hasMessageStartingWith("field path product.shelves.products.shelves.products.shelves.products goes 6"
              + " relations deep; the limit is 5");
      refused(modlink, GraphQuery.entity("product").maxDepth(GraphQuery.DEPTH_LIMIT)
          .fields(String.join(".", Collections.nCopies(500, "shelves.products")) + ".title"))
          .hasMessageContaining("goes 33 relations deep; the limit is 32");
    });
  }

  @DatabaseTest
  void aDatabaseErrorNamesTheOperationNotTheSql(TestDatabase db) {
    withData(db, modlink -> {
      db.execute("alter table shelf rename column label to shelf_label");
      GraphQuery.Builder q = GraphQuery.entity("product").fields("title", "shelves.label");
      assertThatThrownBy(() -> modlink.query().graph(q.strategy(Strategy.PUSH_DOWN).build()))
          .isInstanceOf(UnexpectedStateException.class)
          .satisfies(e -> {
            assertThat(((UnexpectedStateException) e).type()).isEqualTo(ErrorType.UNEXPECTED_STATE);
            assertThat(e.getMessage()).startsWith("graph query on product (pushed down) failed: ")
                .containsIgnoringCase("label").doesNotContainIgnoringCase("select ").contains("(SQL state ");
          });
      assertThatThrownBy(() -> modlink.query().graph(q.strategy(Strategy.FEDERATED).build()))
          .isInstanceOf(UnexpectedStateException.class)
          .satisfies(e -> assertThat(e.getMessage()).startsWith("read of shelf (table shelf) failed: ")
              .doesNotContainIgnoringCase("select "));
    });
  }

  @Test
  void aValueInAMessageIsShortEvenWhenHugeOrSelfReferential() {
    Map<String, Object> loop = new LinkedHashMap<>();
    loop.put("self", loop);
    assertThat(io.modlink.core.internal.store.Values.describe(loop)).isEqualTo("{'self'={'self'={'self'={...}}}}");
    assertThat(io.modlink.core.internal.store.Values.describe("y".repeat(10_000))).hasSize(123);
  }
}
