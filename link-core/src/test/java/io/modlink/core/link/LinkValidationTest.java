package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.Modlink;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.fixtures.Category;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * The malformed requests and values found by fuzzing, each refused with an {@code invalid_data}
 * that names the column or path, the value and what fits, before anything is written.
 */
class LinkValidationTest {

  private static LinkRequest cw(Object category, Object warehouse) {
    return LinkRequest.between(LinkKey.of("catalog", "product_category_id", category),
        LinkKey.of("stock", "warehouse_id", warehouse));
  }

  @DatabaseTest
  @SuppressWarnings({"unchecked", "rawtypes"})
  void badValuesAreRefusedNamingTheColumnAndWriteNothing(TestDatabase db) {
    try (Modlink modlink = LinkFixtures.builder(config(db)).link(LinkFuzzTest.CATEGORY_WAREHOUSE).build()) {
      LinkFixtures.seed(modlink, 2);
      modlink.sessionFactory("catalog").inTransaction(s -> s.persist(new Category("c1", "Category 1")));
      Link link = modlink.link();
      link.create(cw("c1", "w1"));
      var before = db.allRows();

      Map<String, Object> nullModule = new HashMap<>();
      nullModule.put(null, Map.of("product_id", "p1"));
      nullModule.put("stock", Map.of("warehouse_id", "w1"));
      Map<String, Object> nullId = new HashMap<>();
      nullId.put("product_id", null);
      Map<String, Object> unserializable = new LinkedHashMap<>();
      unserializable.put("doc", new Object());

      Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
      calls.put("module name null in a link request", () -> link.create(nullModule));
      calls.put("catalog.product_id is empty", () -> link.dismiss(Map.of("catalog", nullId,
          "stock", Map.of("warehouse_id", "w1"))));
      calls.put("delete.brand is 'x'; give a map of linkable keys to lists of ids",
          () -> link.delete((Map) Map.of("brand", "x")));
      calls.put("restore.catalog.product_id is 'p1'; give a list of ids",
          () -> link.restore((Map) Map.of("catalog", Map.of("product_id", "p1"))));
      calls.put("link key with module null", () -> LinkKey.of(null, "product_id", "p1"));
      calls.put("does not fit extra column 'label' of link category_warehouse (string, at most 255 characters): it"
          + " is 256 characters long", () -> link.create(cw("c1", "w1").withData(Map.of("label", "x".repeat(256)))));
      calls.put("does not fit extra column 'amount' of link category_warehouse (decimal(38, 10)): it has 29 digits"
          + " before the point", () -> link.update(List.of(cw("c1", "w1")
              .withData(Map.of("amount", new BigDecimal("1e28"))))));
      calls.put("does not fit extra column 'amount' of link category_warehouse (decimal(38, 10)): it has 11 digits"
          + " after the point", () -> link.update(List.of(cw("c1", "w1")
              .withData(Map.of("amount", new BigDecimal("0.00000000001"))))));
      calls.put("value NaN at [0].data.amount does not fit extra column 'amount'",
          () -> link.create(cw("c1", "w1").withData(Map.of("amount", Double.NaN))));
      calls.put("value Infinity at [0].data.ratio does not fit extra column 'ratio' of link category_warehouse"
          + " (double): expected a finite number",
          () -> link.create(cw("c1", "w1").withData(Map.of("ratio", Double.POSITIVE_INFINITY))));
      calls.put("does not fit extra column 'doc' of link category_warehouse (json): it cannot be written as JSON",
          () -> link.create(cw("c1", "w1").withData(unserializable)));
      calls.put("does not fit extra column 'since' of link category_warehouse (datetime): expected a date-time"
          + " between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z",
          () -> link.create(cw("c1", "w1").withData(Map.of("since", Instant.MAX))));
      calls.put("is 300 characters long; link column 'warehouse_id' holds at most 255",
          () -> link.create(List.of(cw("c1", "w".repeat(300))), CreateOptions.withoutVerification()));
      calls.put("contains a NUL character", () -> link.create(List.of(cw("c1", "w\u00001")),
          CreateOptions.withoutVerification()));
      calls.put("value 'many' at filter rank does not fit extra column 'rank' of link category_warehouse (integer)",
          () -> link.list(LinkQuery.of("category_warehouse").where("rank", "many")));
      calls.put("value 'lots' at filter amount does not fit extra column 'amount'",
          () -> link.list(LinkQuery.of("category_warehouse").where("amount", "lots")));
      calls.put("in the filter on column 'created_at' of link category_warehouse is not a date-time the database"
          + " stores; expected an Instant or an ISO-8601 date-time between 0001-01-01T00:00:00Z and",
          () -> link.list(LinkQuery.of("category_warehouse").where("created_at", Instant.MAX)));
      calls.put("null value in the filter on column 'warehouse_id'",
          () -> link.list(LinkQuery.of("category_warehouse").where("warehouse_id", java.util.Arrays.asList("w1", null))));
      calls.put("column 'doc' of link category_warehouse holds JSON, which list cannot compare",
          () -> link.list(LinkQuery.of("category_warehouse").where("doc", "{}")));

      calls.forEach((expected, call) -> assertThatThrownBy(call).as(expected)
          .isInstanceOf(InvalidDataException.class).hasMessageContaining(expected));
      assertThat(db.allRows()).isEqualTo(before);
      // a time beyond what the database stores is the end of the range, not an error
      assertThat(link.purge(Instant.MAX)).containsEntry("category_warehouse", 0L);
    }
  }
}
