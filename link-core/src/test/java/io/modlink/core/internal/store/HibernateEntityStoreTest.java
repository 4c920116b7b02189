package io.modlink.core.internal.store;

import static io.modlink.core.fixtures.Fixtures.CATALOG;
import static io.modlink.core.fixtures.Fixtures.STOCK;
import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.fixtures.Category;
import io.modlink.core.fixtures.Product;
import io.modlink.core.fixtures.ProductStatus;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.core.spi.SortDirection;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.stat.Statistics;

/** The generic Hibernate store: filters, projection, order, paging, count, soft delete; on H2 and PostgreSQL. */
class HibernateEntityStoreTest {

  private static void withCatalog(TestDatabase db, Consumer<Modlink> test) {
    try (Modlink modlink = Modlink.builder()
        .database(config(db))
        .schema(SchemaAction.CREATE)
        .module(CATALOG)
        .module(STOCK)
        .hibernateProperty("hibernate.generate_statistics", true)
        .build()) {
      modlink.sessionFactory("catalog").inTransaction(s -> {
        s.persist(product("p1", "Red Shirt", "19.99", 10, true, ProductStatus.published, "2024-01-01T00:00:00Z",
            Map.of("color", "red")));
        s.persist(product("p2", "Blue Shirt", "24.50", 0, true, ProductStatus.published, "2024-02-01T00:00:00Z",
            null));
        s.persist(product("p3", "Green Hat", "9.00", null, false, ProductStatus.draft, "2024-03-01T00:00:00Z", null));
        s.persist(product("p4", "red scarf", "15.00", 5, true, ProductStatus.draft, "2024-04-01T12:30:00Z", null));
        Product gone = product("p5", "Old Coat", "99.00", 1, true, ProductStatus.published, "2023-12-01T00:00:00Z",
            null);
        gone.deletedAt = Instant.parse("2024-05-01T00:00:00Z");
        s.persist(gone);
        s.persist(new Category("c1", "Shirts"));
      });
      test.accept(modlink);
    }
  }

  private static Product product(String id, String title, String price, Integer stock, boolean active,
      ProductStatus status, String createdAt, Map<String, Object> attributes) {
    Product p = new Product(id, title, new BigDecimal(price), stock, active, status, Instant.parse(createdAt));
    p.attributes = attributes;
    return p;
  }

  private static List<String> ids(ReadResult result) {
    return result.rows().stream().map(r -> r.get("id").asText()).toList();
  }

  private static List<String> ids(EntityStore store, Map<String, ?> filters) {
    return ids(store.read(ReadRequest.builder().filters(filters).build()));
  }

  @DatabaseTest
  void readsLiveRowsWithEveryFieldAsJson(TestDatabase db) {
    withCatalog(db, modlink -> {
      EntityStore store = modlink.store("product");
      ReadResult result = store.read(ReadRequest.all());
      assertThat(ids(result)).containsExactly("p1", "p2", "p3", "p4");
      ObjectNode p1 = result.rows().get(0);
      List<String> keys = iterate(p1.fieldNames());
      assertThat(keys).containsExactlyElementsOf(store.model().fieldNames());
      assertThat(p1.get("title").asText()).isEqualTo("Red Shirt");
      assertThat(p1.get("price").decimalValue()).isEqualByComparingTo("19.99");
      assertThat(p1.get("stock").asInt()).isEqualTo(10);
      assertThat(p1.get("is_active").isBoolean()).isTrue();
      assertThat(p1.get("status").asText()).isEqualTo("published");
      assertThat(p1.get("created_at").asText()).isEqualTo("2024-01-01T00:00:00Z");
      assertThat(p1.get("attributes").get("color").asText()).isEqualTo("red");
      assertThat(p1.get("deleted_at").isNull()).isTrue();
      assertThat(result.count()).isEmpty();
    });
  }

  @DatabaseTest
  void projectionReturnsOnlyTheRequestedFieldsAndThePrimaryKey(TestDatabase db) {
    withCatalog(db, modlink -> {
      ReadResult result = modlink.store("products").read(ReadRequest.builder().fields("title").build());
      assertThat(result.rows()).hasSize(4);
      assertThat(iterate(result.rows().get(0).fieldNames())).containsExactly("id", "title");
    });
  }

  @DatabaseTest
  void comparisonOperators(TestDatabase db) {
    withCatalog(db, modlink -> {
      EntityStore store = modlink.store("product");
      assertThat(ids(store, Map.of("title", "Green Hat"))).containsExactly("p3");
      assertThat(ids(store, Map.of("id", List.of("p1", "p4", "zz")))).containsExactly("p1", "p4");
      assertThat(ids(store, Map.of("id", Map.of("$in", List.of("p2"))))).containsExactly("p2");
      assertThat(ids(store, Map.of("id", Map.of("$nin", List.of("p1", "p2"))))).containsExactly("p3", "p4");
      assertThat(ids(store, Map.of("status", Map.of("$ne", "published")))).containsExactly("p3", "p4");
      assertThat(ids(store, Map.of("price", Map.of("$gt", 15)))).containsExactly("p1", "p2");
      assertThat(ids(store, Map.of("price", Map.of("$gte", "15.00")))).containsExactly("p1", "p2", "p4");
      assertThat(ids(store, Map.of("price", Map.of("$lt", 15.0)))).containsExactly("p3");
      assertThat(ids(store, Map.of("price", Map.of("$lte", new BigDecimal("15"))))).containsExactly("p3", "p4");
      assertThat(ids(store, Map.of("created_at", Map.of("$gte", "2024-02-01T00:00:00Z", "$lt", "2024-04-01"))))
          .containsExactly("p2", "p3");
      assertThat(ids(store, Map.of("created_at", Map.of("$gt", Instant.parse("2024-04-01T00:00:00Z")))))
          .containsExactly("p4");
      assertThat(ids(store, Map.of("is_active", false))).containsExactly("p3");
      assertThat(ids(store, Map.of("stock", 0))).containsExactly("p2");
    });
  }

  @DatabaseTest
  void textNullAndLogicalOperators(TestDatabase db) {
    withCatalog(db, modlink -> {
      EntityStore store = modlink.store("product");
      assertThat(ids(store, Map.of("title", Map.of("$like", "%Shirt")))).containsExactly("p1", "p2");
      assertThat(ids(store, Map.of("title", Map.of("$like", "red%")))).containsExactly("p4");
      assertThat(ids(store, Map.of("title", Map.of("$ilike", "RED%")))).containsExactly("p1", "p4");
      java.util.HashMap<String, Object> isNull = new java.util.HashMap<>();
      isNull.put("stock", null);
      assertThat(ids(store, isNull)).containsExactly("p3");
      java.util.HashMap<String, Object> eqNull = new java.util.HashMap<>();
      eqNull.put("$eq", null);
      assertThat(ids(store, Map.of("stock", eqNull))).containsExactly("p3");
      java.util.HashMap<String, Object> neNull = new java.util.HashMap<>();
      neNull.put("$ne", null);
      assertThat(ids(store, Map.of("stock", neNull))).containsExactly("p1", "p2", "p4");
      assertThat(ids(store, Map.of("attributes", Map.of("$exists", true)))).containsExactly("p1");
      assertThat(ids(store, Map.of("$or", List.of(Map.of("stock", 0), Map.of("title", "Green Hat")))))
          .containsExactly("p2", "p3");
      assertThat(ids(store, Map.of("$and", List.of(Map.of("is_active", true), Map.of("status", "draft")))))
          .containsExactly("p4");
      assertThat(ids(store, Map.of("is_active", true, "$or", List.of(Map.of("price", Map.of("$lt", 16)),
          Map.of("title", Map.of("$ilike", "%blue%")))))).containsExactly("p2", "p4");
    });
  }

  @DatabaseTest
  void orderPageAndCount(TestDatabase db) {
    withCatalog(db, modlink -> {
      EntityStore store = modlink.store("product");
      ReadResult page = store.read(ReadRequest.builder().orderBy("price", SortDirection.DESC).skip(1).take(2)
          .withCount().build());
      assertThat(ids(page)).containsExactly("p1", "p4");
      assertThat(page.count()).hasValue(4);

      ReadResult onlyCount = store.read(ReadRequest.builder().filter("is_active", true).take(0).withCount().build());
      assertThat(onlyCount.rows()).isEmpty();
      assertThat(onlyCount.count()).hasValue(3);

      ReadResult byTitle = store.read(ReadRequest.builder().orderBy("title", SortDirection.ASC).build());
      assertThat(ids(byTitle)).containsExactly("p2", "p3", "p1", "p4");
    });
  }

  @DatabaseTest
  void withDeletedIncludesSoftDeletedRows(TestDatabase db) {
    withCatalog(db, modlink -> {
      EntityStore store = modlink.store("product");
      assertThat(ids(store.read(ReadRequest.builder().withDeleted().withCount().build())))
          .containsExactly("p1", "p2", "p3", "p4", "p5");
      assertThat(ids(store, Map.of("id", "p5"))).isEmpty();
    });
  }

  @DatabaseTest
  void badRequestsAreRejectedBeforeAnySqlRuns(TestDatabase db) {
    withCatalog(db, modlink -> {
      EntityStore store = modlink.store("product");
      Statistics stats = modlink.sessionFactory("catalog").getStatistics();
      stats.clear();
      assertThatThrownBy(() -> ids(store, Map.of("titel", "x")))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("unknown field 'titel' at filters.titel on product (did you mean 'title'?); known fields: id,"
              + " title, price, stock, sold_count, is_active, rating, released_on, status, attributes, sku,"
              + " created_at, deleted_at");
      assertThatThrownBy(() -> ids(store, Map.of("price", Map.of("$gtt", 3))))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageStartingWith("unknown operator '$gtt' at filters.price.$gtt (did you mean '$gt'?); known"
              + " operators: $eq, $ne, $in, $nin, $gt");
      assertThatThrownBy(() -> ids(store, Map.of("$or", List.of(Map.of("stock", "many")))))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("value 'many' at filters.$or[0].stock does not fit field 'stock' of type integer (expected a"
              + " number)");
      assertThatThrownBy(() -> ids(store, Map.of("stock", Map.of("$like", "1%"))))
          .hasMessage("$like at filters.stock.$like applies to text fields; 'stock' is integer");
      assertThatThrownBy(() -> ids(store, Map.of("is_active", Map.of("$gt", true))))
          .hasMessage("$gt at filters.is_active.$gt needs an ordered field; 'is_active' is boolean");
      assertThatThrownBy(() -> ids(store, Map.of("attributes", Map.of("color", "red"))))
          .hasMessageStartingWith("unknown operator 'color' at filters.attributes.color");
      assertThatThrownBy(() -> ids(store, Map.of("$nor", List.of())))
          .hasMessageStartingWith("unknown logical operator '$nor' at filters (did you mean '$or'?)");
      assertThatThrownBy(() -> store.read(ReadRequest.builder().fields("title", "colour").build()))
          .hasMessageStartingWith("unknown field 'colour' in fields of product");
      assertThatThrownBy(() -> store.read(ReadRequest.builder().orderBy("prise", SortDirection.ASC).build()))
          .hasMessageStartingWith("unknown field 'prise' in order of product (did you mean 'price'?)");
      assertThatThrownBy(() -> store.read(ReadRequest.builder().orderBy("attributes", SortDirection.ASC).build()))
          .hasMessage("cannot order product by 'attributes', a json field");
      assertThat(stats.getPrepareStatementCount()).isZero();
    });
  }

  @DatabaseTest
  void softDeleteAndRestoreReturnTheLinkableKeysAffected(TestDatabase db) {
    withCatalog(db, modlink -> {
      EntityStore store = modlink.store("product");
      AffectedKeys deleted = store.softDelete(List.of("p1", "p2", "p5", "unknown"));
      assertThat(deleted.entity()).isEqualTo("product");
      assertThat(deleted.ids()).containsExactlyInAnyOrder("p1", "p2");
      assertThat(deleted.byLinkableKey()).containsOnlyKeys("product_id", "variant_product_id", "product_sku");
      assertThat(deleted.byLinkableKey().get("product_id")).containsExactlyInAnyOrder("p1", "p2");
      assertThat(deleted.byLinkableKey().get("variant_product_id")).containsExactlyInAnyOrder("p1", "p2");
      assertThat(deleted.byLinkableKey().get("product_sku")).containsExactlyInAnyOrder("SKU-p1", "SKU-p2");
      assertThat(ids(store.read(ReadRequest.all()))).containsExactly("p3", "p4");
      assertThat(store.softDelete(List.of("p1")).isEmpty()).isTrue();

      AffectedKeys restored = store.restore(List.of("p1", "p3"));
      assertThat(restored.ids()).containsExactly("p1");
      assertThat(ids(store.read(ReadRequest.all()))).containsExactly("p1", "p3", "p4");
      assertThat(store.read(ReadRequest.builder().filter("id", "p1").build()).rows().get(0).get("deleted_at").isNull())
          .isTrue();
    });
  }

  @DatabaseTest
  void aRejectedSoftDeleteWritesNothing(TestDatabase db) {
    withCatalog(db, modlink -> {
      EntityStore store = modlink.store("product");
      assertThatThrownBy(() -> store.softDelete(List.of("p1", " ")))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("empty id at softDelete(ids)[1] for product; pass the id of existing records");
      assertThat(ids(store.read(ReadRequest.all()))).contains("p1");
      assertThat(store.softDelete(List.of()).isEmpty()).isTrue();
    });
  }

  @DatabaseTest
  void entitiesWithoutDeletedAtCannotBeSoftDeleted(TestDatabase db) {
    withCatalog(db, modlink -> {
      EntityStore categories = modlink.store("product_category");
      assertThat(categories.model().isSoftDeletable()).isFalse();
      assertThatThrownBy(() -> categories.softDelete(List.of("c1")))
          .isInstanceOf(NotAllowedException.class)
          .hasMessage("product_category has no deleted_at field, so it cannot be soft-deleted; add a nullable"
              + " deleted_at timestamp to the entity");
      assertThat(ids(categories.read(ReadRequest.all()))).containsExactly("c1");
    });
  }

  private static List<String> iterate(Iterator<String> it) {
    List<String> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
