package io.modlink.core.spi;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.fixtures.Fixtures;
import io.modlink.core.fixtures.Product;
import io.modlink.core.fixtures.ProductStatus;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldType;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link InMemoryRead} answers as modlink's SQL store does: thousands of generated requests (fixed
 * seed, printed on failure) over the same products, compared row for row with the JDBC store, on
 * H2 and PostgreSQL.
 */
class InMemoryReadTest {
  private static final long SEED = 20_240_611L;
  private static final int CASES = 1_000;
  private static final String[] TITLES = {"Red Shirt", "red scarf", "Blue_Hat", "50% Off", "Green Hat", "Old Coat",
      "blue shirt", "Zebra", "apple", "Red Shirt"};

  private static List<Product> products(Random random) {
    List<Product> out = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      Product p = new Product(String.format("p%02d", i), TITLES[random.nextInt(TITLES.length)],
          random.nextInt(5) == 0 ? null : new BigDecimal(random.nextInt(3000)).movePointLeft(2),
          random.nextInt(4) == 0 ? null : random.nextInt(20), random.nextBoolean(),
          random.nextInt(5) == 0 ? null : ProductStatus.values()[random.nextInt(ProductStatus.values().length)],
          Instant.parse("2024-01-01T00:00:00Z").plusSeconds(3600L * random.nextInt(200)));
      p.soldCount = random.nextInt(4) == 0 ? null : (long) random.nextInt(1000);
      p.rating = random.nextInt(3) == 0 ? null : random.nextInt(11) / 2.0;
      p.releasedOn = random.nextInt(3) == 0 ? null : LocalDate.of(2024, 1 + random.nextInt(12), 1 + random.nextInt(28));
      p.sku = random.nextInt(6) == 0 ? null : "SKU-" + random.nextInt(30);
      p.attributes = random.nextInt(2) == 0 ? null : Map.of("n", i);
      p.deletedAt = random.nextInt(8) == 0 ? Instant.parse("2024-06-01T00:00:00Z") : null;
      out.add(p);
    }
    return out;
  }

  @DatabaseTest
  void answersAsTheSqlStoreDoes(TestDatabase db) {
    Random random = new Random(SEED);
    try (Modlink modlink = Modlink.builder().database(config(db)).schema(SchemaAction.CREATE)
        .module(Fixtures.CATALOG).build()) {
      List<Product> products = products(random);
      modlink.sessionFactory("catalog").inTransaction(s -> products.forEach(s::persist));
      EntityStore store = modlink.store("product");
      assertThat(store.sqlTable()).as("the product store reads its table with SQL").isPresent();
      EntityModel model = store.model();
      List<ObjectNode> all = store.read(ReadRequest.builder().withDeleted().build()).rows();
      Generator generate = new Generator(random, all, db.engine() == Engine.POSTGRESQL);
      Map<Integer, Integer> sizes = new HashMap<>();
      for (int i = 0; i < CASES; i++) {
        ReadRequest request = generate.request();
        String what = "case " + i + " of seed " + SEED + ": " + describe(request);
        ReadResult sql = store.read(request);
        ReadResult memory = InMemoryRead.of(model, request).apply(all);
        assertThat(memory.rows()).as(what).isEqualTo(sql.rows());
        assertThat(memory.rows().toString()).as(what).isEqualTo(sql.rows().toString());
        assertThat(memory.total()).as(what).isEqualTo(sql.total());
        sizes.merge(Math.min(sql.rows().size(), 3), 1, Integer::sum);
      }
      // the generator reaches empty, small and large answers alike
      assertThat(sizes.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3);
      assertThat(sizes.values()).allSatisfy(n -> assertThat(n).isGreaterThan(CASES / 40));
    }
  }

  private static String describe(ReadRequest r) {
    return "filters " + r.filters() + ", fields " + r.fields() + ", order " + r.order() + ", skip " + r.skip()
        + ", take " + r.take().orElse(null) + (r.withCount() ? ", count" : "") + (r.withDeleted() ? ", deleted" : "");
  }

  @Test
  void checksTheRequestBeforeTheRowsAreRead() {
    EntityModel model = EntityModel.builder("catalog", "item").primaryKey("id", FieldType.STRING)
        .field("title", FieldType.STRING).build();
    assertThatThrownBy(() -> InMemoryRead.of(model, ReadRequest.builder().filter("titel", "x").build()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("unknown field 'titel' at filters.titel on item (did you mean 'title'?); known fields: id, title");
    ObjectNode row = JsonNodeFactory.instance.objectNode().put("id", "i1").put("title", "Lamp");
    ReadResult result = InMemoryRead.of(model, ReadRequest.builder().fields("title").build()).apply(List.of(row));
    assertThat(result.rows()).singleElement().isEqualTo(row).isNotSameAs(row);
  }

  /** Valid requests over the products' fields, with values taken from the rows (and beside them). */
  private static final class Generator {
    private final Random random;
    private final List<ObjectNode> rows;
    private final List<String> orderable;

    Generator(Random random, List<ObjectNode> rows, boolean nullsInOrder) {
      this.random = random;
      this.rows = rows;
      this.orderable = new ArrayList<>(List.of("title", "is_active", "created_at", "id"));
      if (nullsInOrder) {
        // PostgreSQL orders nulls as InMemoryRead does (last ascending); H2 puts them first
        orderable.addAll(List.of("price", "stock", "rating", "released_on", "status", "sku"));
      }
    }

    ReadRequest request() {
      ReadRequest.Builder b = ReadRequest.builder();
      int parts = random.nextInt(3);
      for (int i = 0; i < parts; i++) {
        Map<String, Object> f = filter(0);
        f.forEach(b::filter);
      }
      if (random.nextInt(3) == 0) {
        List<String> fields = new ArrayList<>(List.of("title", "price", "status", "attributes", "released_on"));
        b.fields(fields.subList(0, 1 + random.nextInt(fields.size())));
      }
      int orders = random.nextInt(3);
      for (int i = 0; i < orders; i++) {
        b.orderBy(orderable.get(random.nextInt(orderable.size())),
            random.nextBoolean() ? SortDirection.ASC : SortDirection.DESC);
      }
      if (random.nextInt(3) == 0) {
        b.skip(random.nextInt(10));
      }
      if (random.nextInt(3) == 0) {
        b.take(random.nextInt(8));
      }
      if (random.nextBoolean()) {
        b.withCount();
      }
      if (random.nextInt(4) == 0) {
        b.withDeleted();
      }
      return b.build();
    }

    private Map<String, Object> filter(int depth) {
      Map<String, Object> map = new LinkedHashMap<>();
      if (depth < 2 && random.nextInt(5) == 0) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
          parts.add(filter(depth + 1));
        }
        map.put(random.nextBoolean() ? "$and" : "$or", parts);
        return map;
      }
      String field = List.of("id", "title", "price", "stock", "sold_count", "is_active", "rating", "released_on",
          "status", "attributes", "sku", "created_at").get(random.nextInt(12));
      map.put(field, condition(field));
      return map;
    }

    private Object condition(String field) {
      if (field.equals("attributes")) {
        return random.nextBoolean() ? Map.of("$exists", random.nextBoolean()) : java.util.Collections.singletonMap(
            "$eq", null);
      }
      List<String> ops = new ArrayList<>(List.of("value", "$eq", "$ne", "$in", "$nin", "$exists", "null"));
      if (!field.equals("is_active") && !field.equals("status")) {
        ops.addAll(List.of("$gt", "$gte", "$lt", "$lte"));
      }
      if (field.equals("title") || field.equals("sku") || field.equals("status") || field.equals("id")) {
        ops.addAll(List.of("$like", "$ilike", "$like"));
      }
      String op = ops.get(random.nextInt(ops.size()));
      return switch (op) {
        case "value" -> value(field);
        case "null" -> java.util.Collections.singletonMap("$eq", null);
        case "$exists" -> Map.of("$exists", random.nextBoolean());
        case "$in", "$nin" -> {
          List<Object> values = new ArrayList<>();
          for (int i = 0, n = random.nextInt(4); i < n; i++) {
            values.add(value(field));
          }
          yield random.nextBoolean() && op.equals("$in") ? values : Map.of(op, values);
        }
        case "$like", "$ilike" -> Map.of(op, pattern());
        default -> Map.of(op, value(field));
      };
    }

    private String pattern() {
      String[] patterns = {"red%", "%shirt", "%Hat", "Blue\\_%", "%\\%%", "_ed%", "%", "SKU-1%", "p0_", "pub%",
          "%a%", "RED%"};
      return patterns[random.nextInt(patterns.length)];
    }

    /** A value some row has (or one beside it), as a caller would write it. */
    private Object value(String field) {
      ObjectNode row = rows.get(random.nextInt(rows.size()));
      var v = row.get(field);
      if (v == null || v.isNull()) {
        return switch (field) {
          case "price" -> new BigDecimal("10.5");
          case "stock", "sold_count" -> 7;
          case "rating" -> 2.5;
          case "released_on" -> "2024-06-15";
          case "status" -> "draft";
          default -> "none";
        };
      }
      if (v.isBoolean()) {
        return v.booleanValue();
      }
      if (v.isNumber()) {
        return random.nextInt(3) == 0 ? v.decimalValue().add(BigDecimal.ONE) : v.numberValue();
      }
      boolean text = field.equals("title") || field.equals("sku") || field.equals("id");
      return text && random.nextInt(8) == 0 ? v.asText() + "x" : v.asText();
    }
  }
}
