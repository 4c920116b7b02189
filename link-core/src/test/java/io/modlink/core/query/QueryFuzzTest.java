package io.modlink.core.query;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.Modlink;
import io.modlink.core.error.ErrorType;
import io.modlink.core.error.ModlinkException;
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
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Generated graph queries, valid and not, from a fixed seed: fields, filters, relation arguments,
 * pages, orders and strategies over the catalog / stock fixtures. Every outcome is a result or a
 * {@link ModlinkException} other than {@code unexpected_state} (an input the database refuses is
 * a validation gap); for every result, push-down (or AUTO) and federated give the same data,
 * metadata and warnings. A failure prints the seed, the input's number and the input.
 */
class QueryFuzzTest {
  static final long SEED = 0x8C_2026L;
  static final int INPUTS = 2_000;

  // ---------------------------------------------------------------- the schema the generator knows

  enum T { STRING, INTEGER, BIGINT, DECIMAL, DOUBLE, BOOLEAN, DATE, DATETIME, ENUM, JSON }

  record F(String name, T type) {}

  record E(String name, List<F> fields, Map<String, String> relations) {}

  static final Map<String, E> ENTITIES = new LinkedHashMap<>();

  static {
    add(new E("product", List.of(new F("id", T.STRING), new F("title", T.STRING), new F("price", T.DECIMAL),
        new F("stock", T.INTEGER), new F("sold_count", T.BIGINT), new F("is_active", T.BOOLEAN),
        new F("rating", T.DOUBLE), new F("released_on", T.DATE), new F("status", T.ENUM),
        new F("attributes", T.JSON), new F("sku", T.STRING), new F("created_at", T.DATETIME),
        new F("deleted_at", T.DATETIME)), Map.of("shelves", "shelf", "warehouse", "warehouse")));
    add(new E("shelf", List.of(new F("id", T.STRING), new F("label", T.STRING), new F("deleted_at", T.DATETIME)),
        Map.of("products", "product")));
    add(new E("warehouse", List.of(new F("id", T.STRING), new F("name", T.STRING),
        new F("deleted_at", T.DATETIME)), Map.of("products", "product")));
    add(new E("product_warehouse", List.of(new F("id", T.STRING), new F("product_id", T.STRING),
        new F("warehouse_id", T.STRING), new F("priority", T.INTEGER), new F("note", T.STRING),
        new F("meta", T.JSON), new F("since", T.DATETIME), new F("created_at", T.DATETIME),
        new F("updated_at", T.DATETIME), new F("deleted_at", T.DATETIME)),
        Map.of("product", "product", "warehouse", "warehouse")));
    add(new E("product_shelf", List.of(new F("id", T.STRING), new F("product_id", T.STRING),
        new F("shelf_id", T.STRING), new F("created_at", T.DATETIME), new F("updated_at", T.DATETIME),
        new F("deleted_at", T.DATETIME)), Map.of("product", "product", "shelf", "shelf")));
  }

  static void add(E e) {
    // relations in a fixed order, so that the seed gives the same inputs on every JVM
    ENTITIES.put(e.name(), new E(e.name(), e.fields(), new TreeMap<>(e.relations())));
  }

  static final Map<String, String> ENTRY_POINTS = new LinkedHashMap<>();

  static {
    ENTRY_POINTS.put("product", "product");
    ENTRY_POINTS.put("products", "product");
    ENTRY_POINTS.put("shelf", "shelf");
    ENTRY_POINTS.put("shelves", "shelf");
    ENTRY_POINTS.put("warehouse", "warehouse");
    ENTRY_POINTS.put("warehouses", "warehouse");
    ENTRY_POINTS.put("product_warehouse", "product_warehouse");
    ENTRY_POINTS.put("product_shelf", "product_shelf");
  }

  // ---------------------------------------------------------------- data

  /** p1..p8 with varied values (p7 soft-deleted), w1..w3, s1..s3 (s3 soft-deleted, still linked). */
  static void seed(Modlink modlink) {
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    modlink.sessionFactory("catalog").inTransaction(s -> {
      for (int i = 1; i <= 8; i++) {
        Product p = new Product("p" + i, "Product " + i, new BigDecimal(i % 3 == 0 ? "9.99" : "10.00"),
            i % 4 == 0 ? null : i, i % 2 == 1, i % 3 == 0 ? ProductStatus.draft : ProductStatus.published,
            t0.plusSeconds(3600L * (i % 5)));
        p.rating = i % 2 == 0 ? 4.5 : null;
        p.releasedOn = i % 3 == 1 ? LocalDate.of(2024, i, 1) : null;
        p.attributes = i == 1 ? Map.of("color", "red") : null;
        p.soldCount = (long) (i * 7 % 5);
        p.sku = i == 8 ? null : "SKU-p" + i;
        s.persist(p);
      }
    });
    modlink.sessionFactory("stock").inTransaction(s -> {
      for (int i = 1; i <= 3; i++) {
        s.persist(new Warehouse("w" + i, "Warehouse " + i));
        s.persist(new Shelf("s" + i, "Shelf " + i));
      }
    });
    List<LinkRequest> links = new ArrayList<>();
    for (String[] pw : new String[][] {{"p1", "w1"}, {"p2", "w1"}, {"p3", "w2"}, {"p5", "w3"}, {"p7", "w2"}}) {
      links.add(LinkRequest.between(LinkKey.of("catalog", "product_id", pw[0]),
          LinkKey.of("stock", "warehouse_id", pw[1])));
    }
    for (String[] ps : new String[][] {{"p1", "s1"}, {"p1", "s2"}, {"p2", "s2"}, {"p3", "s3"}, {"p4", "s1"},
        {"p6", "s2"}, {"p7", "s1"}, {"p6", "s3"}}) {
      links.add(LinkRequest.between(LinkKey.of("catalog", "product_id", ps[0]),
          LinkKey.of("stock", "shelf_id", ps[1])));
    }
    modlink.link().create(links);
    modlink.store("product").softDelete(List.of("p7"));
    modlink.store("shelf").softDelete(List.of("s3"));
  }

  // ---------------------------------------------------------------- the test

  @DatabaseTest
  void everyGeneratedQueryIsAResultOrATypedErrorAndBothStrategiesAgree(TestDatabase db) {
    try (Modlink modlink = LinkFixtures.builder(config(db)).build()) {
      seed(modlink);
      Gen gen = new Gen(new Random(SEED));
      Map<String, Integer> outcomes = new TreeMap<>();
      int compared = 0;
      int pushedDown = 0;
      long resultNanos = 0;
      long start = System.nanoTime();
      for (int i = 0; i < INPUTS; i++) {
        Input input = gen.input();
        try {
          long t = System.nanoTime();
          String outcome = run(modlink, input);
          outcomes.merge(outcome, 1, Integer::sum);
          if (outcome.startsWith("result")) {
            resultNanos += System.nanoTime() - t;
            compared++;
            pushedDown += outcome.equals("result (push-down)") ? 1 : 0;
          }
        } catch (Throwable e) {
          throw new AssertionError("QueryFuzzTest on " + db.engine() + ", seed " + SEED + ", input #" + i + ": "
              + input.text + "\n  failed with " + e, e);
        }
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.println("QueryFuzzTest [" + db.engine() + "] seed " + SEED + ": " + INPUTS + " inputs in " + ms
          + " ms (" + resultNanos / 1_000_000 + " ms running valid ones both ways); outcomes " + outcomes + "; " + compared + " results compared push-down/AUTO vs federated ("
          + pushedDown + " of them pushed down)");
      assertThat(compared).as("valid inputs").isGreaterThan(INPUTS / 4);
      assertThat(pushedDown).as("inputs pushed down").isGreaterThan(INPUTS / 10);
      assertThat(INPUTS - compared).as("invalid inputs").isGreaterThan(INPUTS / 4);
    }
  }

  /** Runs one input; returns its outcome, or throws what breaks the promise. */
  static String run(Modlink modlink, Input input) {
    GraphQuery query;
    try {
      GraphQuery.Builder builder = GraphQuery.entity(input.entity);
      input.steps.forEach(step -> step.accept(builder));
      query = builder.build();
    } catch (ModlinkException e) {
      return typed(e, "refused by the builder");
    }
    GraphResult first;
    try {
      first = modlink.query().graph(query);
    } catch (ModlinkException e) {
      return typed(e, "refused");
    }
    QueryPlan plan = modlink.query().explain(query);
    // the same query the other way: federated against push-down (or AUTO, which may run either way)
    Strategy other = query.strategy() == Strategy.FEDERATED ? Strategy.AUTO : Strategy.FEDERATED;
    GraphQuery.Builder again = GraphQuery.entity(input.entity);
    input.steps.forEach(step -> step.accept(again));
    GraphResult second = modlink.query().graph(again.strategy(other).build());
    assertThat(second.data()).as("data, %s vs %s", query.strategy(), other).isEqualTo(first.data());
    assertThat(second.metadata()).as("metadata").isEqualTo(first.metadata());
    assertThat(second.warnings()).as("warnings").isEqualTo(first.warnings());
    return plan.strategy().equals("push-down") || !second.stats().fetches().isEmpty()
        && second.stats().fetches().get(0).strategy().equals("push-down") ? "result (push-down)" : "result (federated)";
  }

  private static String typed(ModlinkException e, String stage) {
    String message = e.getMessage();
    String start = message == null ? "null" : message.substring(0, Math.min(300, message.length()));
    if (e.type() == ErrorType.UNEXPECTED_STATE) {
      throw new AssertionError("the database refused an input that passed validation: " + start, e);
    }
    if (message == null || message.isBlank() || message.length() > 1_000
        || message.toLowerCase(java.util.Locale.ROOT).contains("select ")) {
      throw new AssertionError("a message that is empty, over 1,000 characters or holds SQL ("
          + (message == null ? 0 : message.length()) + " characters): " + start, e);
    }
    return stage + ": " + e.type().code();
  }

  // ---------------------------------------------------------------- inputs

  /** One generated query: the builder calls to make, and how they read. */
  static final class Input {
    final String entity;
    final List<Consumer<GraphQuery.Builder>> steps = new ArrayList<>();
    final StringBuilder text;

    Input(String entity) {
      this.entity = entity;
      this.text = new StringBuilder("GraphQuery.entity(" + show(entity) + ")");
    }

    void step(String call, Consumer<GraphQuery.Builder> step) {
      text.append('.').append(call);
      steps.add(step);
    }
  }

  /** A value as Java-ish text for the failure message: short, quoted, NUL shown as \0, depth-limited. */
  static String show(Object value) {
    StringBuilder out = new StringBuilder();
    show(value, out, 0);
    return out.length() > 400 ? out.substring(0, 400) + "...(" + out.length() + " chars)" : out.toString();
  }

  private static void show(Object value, StringBuilder out, int depth) {
    if (out.length() > 400) {
      return;
    }
    if (value instanceof String s) {
      String shown = s.length() > 60 ? s.substring(0, 60) + "...(" + s.length() + " chars)" : s;
      out.append('"').append(shown.replace("\\", "\\\\").replace("\0", "\\0")).append('"');
    } else if (value instanceof Map<?, ?> m) {
      if (depth > 6) {
        out.append("{...nested}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.append(first ? "" : ", ");
        first = false;
        show(e.getKey(), out, depth + 1);
        out.append(": ");
        show(e.getValue(), out, depth + 1);
      }
      out.append('}');
    } else if (value instanceof Collection<?> c) {
      if (depth > 6) {
        out.append("[...nested]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (Object o : c) {
        out.append(first ? "" : ", ");
        first = false;
        show(o, out, depth + 1);
      }
      out.append(']');
    } else {
      try {
        out.append(value);
      } catch (RuntimeException e) {
        out.append("<a value whose toString throws>");
      }
      if (value != null && !(value instanceof Integer || value instanceof Boolean)) {
        out.append(" (").append(value.getClass().getSimpleName()).append(')');
      }
    }
  }

  /** Generates inputs: about half valid, the rest wrong in one or more places. */
  static final class Gen {
    private final Random r;

    Gen(Random r) {
      this.r = r;
    }

    boolean chance(double p) {
      return r.nextDouble() < p;
    }

    <X> X pick(List<X> xs) {
      return xs.get(r.nextInt(xs.size()));
    }

    Input input() {
      String entityName;
      E entity;
      if (chance(0.95)) {
        entityName = pick(new ArrayList<>(ENTRY_POINTS.keySet()));
        entity = ENTITIES.get(ENTRY_POINTS.get(entityName));
      } else {
        entityName = pick(java.util.Arrays.asList("", " ", "prodcut", null, "product.shelves", "*",
            "x".repeat(5_000), "pro\0duct", "PRODUCT"));
        entity = ENTITIES.get("product");
      }
      Input in = new Input(entityName);
      // fields
      Set<String> relationPaths = new LinkedHashSet<>();
      int n = r.nextInt(4);
      List<String> paths = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        paths.add(chance(0.9) ? validPath(entity, relationPaths) : invalidPath(entity));
      }
      if (!paths.isEmpty()) {
        in.step("fields(" + show(paths) + ")", b -> b.fields(paths));
      }
      // filters
      if (chance(0.6)) {
        Map<String, Object> filter = filter(entity, 2, true, chance(0.8));
        in.step("filters(" + show(filter) + ")", b -> b.filters(filter));
      }
      // relation arguments
      int relations = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0;
      for (int i = 0; i < relations; i++) {
        relationArgs(in, entity, relationPaths);
      }
      // page and order
      if (chance(0.3)) {
        int skip = pick(List.of(0, 1, 2, 3, 5, 7, Integer.MAX_VALUE, -1));
        in.step("skip(" + skip + ")", b -> b.skip(skip));
      }
      if (chance(0.4)) {
        int take = pick(List.of(0, 1, 2, 3, 5, Integer.MAX_VALUE, -1, 1, 2));
        in.step("take(" + take + ")", b -> b.take(take));
      }
      int orders = r.nextInt(3);
      for (int i = 0; i < orders; i++) {
        order(in, entity, null);
      }
      if (chance(0.15)) {
        in.step("withCount()", GraphQuery.Builder::withCount);
      }
      if (chance(0.2)) {
        in.step("withDeleted()", GraphQuery.Builder::withDeleted);
      }
      if (chance(0.05)) {
        in.step("throwIfKeyNotFound()", GraphQuery.Builder::throwIfKeyNotFound);
      }
      if (chance(0.05)) {
        in.step("throwIfRelationNotFound()", GraphQuery.Builder::throwIfRelationNotFound);
      }
      if (chance(0.08)) {
        int depth = pick(List.of(1, 2, 3, 0, 33, GraphQuery.DEPTH_LIMIT, -1));
        in.step("maxDepth(" + depth + ")", b -> b.maxDepth(depth));
      }
      Strategy strategy = pick(List.of(Strategy.AUTO, Strategy.AUTO, Strategy.FEDERATED, Strategy.PUSH_DOWN));
      in.step("strategy(" + strategy + ")", b -> b.strategy(strategy));
      return in;
    }

    /** A path that exists: up to 3 relations, then '*', a field or nothing (the bare relation). */
    String validPath(E root, Set<String> relationPaths) {
      E at = root;
      StringBuilder path = new StringBuilder();
      int hops = pick(List.of(0, 0, 1, 1, 1, 2, 2, 3));
      for (int i = 0; i < hops; i++) {
        String rel = pick(new ArrayList<>(at.relations().keySet()));
        path.append(path.length() == 0 ? "" : ".").append(rel);
        relationPaths.add(path.toString());
        at = ENTITIES.get(at.relations().get(rel));
      }
      if (hops > 0 && chance(0.2)) {
        return path.toString();
      }
      String last = chance(0.4) ? "*" : pick(at.fields()).name();
      return path.length() == 0 ? last : path + "." + last;
    }

    String invalidPath(E root) {
      String rel = pick(new ArrayList<>(root.relations().keySet()));
      return pick(java.util.Arrays.asList(null, "", " ", ".", "..", "**", "*.id", "id.x", "nope", rel + ".nope",
          ".id", rel + "..id", rel + ".", String.join(".", Collections.nCopies(1_000, "a")),
          String.join(".", Collections.nCopies(40, rel)) + ".id", "x".repeat(10_000), "i\0d", "ID", " id",
          rel + ".*.*", "*" + rel));
    }

    /** A filter map on {@code entity}: field conditions, $and / $or, linked paths (where allowed). */
    Map<String, Object> filter(E entity, int budget, boolean linkedAllowed, boolean valid) {
      Map<String, Object> filter = new HashMap<>();
      int entries = 1 + r.nextInt(3);
      for (int i = 0; i < entries; i++) {
        boolean wrong = !valid && (i == 0 || chance(0.3));
        int kind = r.nextInt(10);
        if (wrong && chance(0.25)) {
          switch (r.nextInt(6)) {
            case 0 -> filter.put(null, "p1");
            case 1 -> filter.put("nope", 1);
            case 2 -> filter.put("$not", List.of(Map.of("id", "p1")));
            case 3 -> filter.put(pick(List.of("$and", "$or")), nestedDeep(pick(List.of(33, 40, 1_000))));
            case 4 -> filter.put(pick(List.of("$and", "$or")), pick(java.util.Arrays.asList(List.of(), "x", null,
                List.of("x"), Map.of())));
            default -> filter.put(pick(entity.fields()).name(), Map.of());
          }
        } else if (kind < 6 || budget == 0) {
          F f = pick(entity.fields());
          filter.put(f.name(), condition(f, !wrong));
        } else if (kind < 8) {
          List<Object> parts = new ArrayList<>();
          int count = 1 + r.nextInt(3);
          for (int j = 0; j < count; j++) {
            parts.add(filter(entity, budget - 1, false, !wrong || j > 0));
          }
          filter.put(pick(List.of("$and", "$or")), parts);
        } else if (linkedAllowed) {
          String rel = pick(new ArrayList<>(entity.relations().keySet()));
          E target = ENTITIES.get(entity.relations().get(rel));
          filter.put(rel, wrong && chance(0.3) ? "Shelf 1" : filter(target, budget - 1, true, !wrong));
        } else {
          F f = pick(entity.fields());
          filter.put(f.name(), condition(f, !wrong));
        }
      }
      return filter;
    }

    Map<String, Object> nestedDeep(int depth) {
      Map<String, Object> filter = Map.of("id", "p1");
      for (int i = 0; i < depth; i++) {
        filter = Map.of(i % 2 == 0 ? "$and" : "$or", List.of(filter));
      }
      return filter;
    }

    /** A condition on one field: a value, a list, null, or an operator map. */
    Object condition(F f, boolean valid) {
      int kind = r.nextInt(10);
      if (kind < 3) {
        return value(f, valid);
      }
      if (kind < 4) {
        List<Object> list = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          list.add(value(f, valid || i > 0));
        }
        if (!valid && list.isEmpty()) {
          list.add(null);
        }
        return list;
      }
      if (kind < 5) {
        return valid ? null : Map.of("$eq", Map.of("$eq", 1));
      }
      Map<String, Object> ops = new HashMap<>();
      int n = 1 + r.nextInt(2);
      for (int i = 0; i < n; i++) {
        operator(f, ops, valid || i > 0);
      }
      return ops;
    }

    void operator(F f, Map<String, Object> ops, boolean valid) {
      boolean comparable = f.type() != T.JSON;
      boolean ordered = f.type() != T.JSON && f.type() != T.BOOLEAN && f.type() != T.ENUM;
      boolean text = f.type() == T.STRING || f.type() == T.ENUM;
      List<String> allowed = new ArrayList<>(List.of("$exists"));
      if (comparable) {
        allowed.addAll(List.of("$eq", "$ne", "$in", "$nin"));
      }
      if (ordered) {
        allowed.addAll(List.of("$gt", "$gte", "$lt", "$lte"));
      }
      if (text) {
        allowed.addAll(List.of("$like", "$ilike"));
      }
      if (!valid && chance(0.4)) {
        String op = pick(java.util.Arrays.asList("$regex", "$EQ", "eq", "", "$", null, "$like", "$gt", "$in"));
        ops.put(op, value(f, chance(0.5)));
        return;
      }
      String op = pick(allowed);
      Object value = switch (op) {
        case "$exists" -> valid ? r.nextBoolean() : pick(java.util.Arrays.asList("yes", 1, null));
        case "$in", "$nin" -> {
          if (!valid && chance(0.3)) {
            yield value(f, true);
          }
          List<Object> list = new ArrayList<>();
          int n = r.nextInt(4);
          for (int i = 0; i < n; i++) {
            list.add(value(f, valid || i > 0));
          }
          if (!valid && list.isEmpty()) {
            list.add(null);
          }
          yield list;
        }
        case "$like", "$ilike" -> valid ? pick(List.of("%1", "Product%", "%e%", "P_oduct 1", "\\%", "%", "s%",
            "%\\_%", "pub%", "%A%", "\\\\%")) : pick(java.util.Arrays.asList("abc\\", "%\0%", 5, null, Map.of()));
        case "$eq", "$ne" -> valid && chance(0.1) ? null : value(f, valid);
        default -> value(f, valid);
      };
      ops.put(op, value);
    }

    /** A value for field {@code f}: one it accepts, or one it refuses. */
    Object value(F f, boolean valid) {
      if (!valid && chance(0.15)) {
        return pick(List.of(Map.of("a", 1), List.of(List.of("p1")), "a\0b", new Object() {
          @Override
          public String toString() {
            throw new IllegalStateException("toString of a strange value");
          }
        }));
      }
      return switch (f.type()) {
        case STRING -> valid ? pick(strings(f.name())) : pick(List.of(Map.of("x", "y"), "p\0", List.of(Map.of())));
        case INTEGER -> valid ? pick(List.of(0, 1, 2, 3, 7, -1, "3", 4L, new BigDecimal("2"), (short) 1))
            : pick(List.of("abc", 2.5, 1e20, Long.MAX_VALUE, "1e999999999", true));
        case BIGINT -> valid ? pick(List.of(0, 1, 2L, "4", Long.MAX_VALUE, Long.MIN_VALUE))
            : pick(List.of(BigInteger.TEN.pow(30), "x", 0.5, Double.NaN));
        case DECIMAL -> valid ? pick(List.of("10.00", 9.99, 10, new BigDecimal("1e40"), "-0.001", 0))
            : pick(List.of("NaN", Double.NaN, "ten", Double.POSITIVE_INFINITY, "1e2147483648"));
        case DOUBLE -> valid ? pick(List.of(4.5, 3, "4.5", 0.0, -1e300, Long.MAX_VALUE))
            : pick(List.of(Double.NaN, Double.NEGATIVE_INFINITY, "1e400", "four"));
        case BOOLEAN -> valid ? pick(List.of(true, false, "true", "false")) : pick(List.of("yes", 1, "TRUE "));
        case DATE -> valid ? pick(List.of("2024-01-01", LocalDate.of(2024, 4, 1), "2024-07-01", "0001-01-01"))
            : pick(List.of("2024-13-01", LocalDate.MAX, "+10000-01-01", LocalDate.MIN, "soon"));
        case DATETIME -> valid ? pick(List.of("2024-01-01T00:00:00Z", Instant.parse("2024-01-01T02:00:00Z"),
            "2024-01-01", "2024-01-01T01:00:00", OffsetDateTime.of(2024, 1, 1, 3, 0, 0, 0, ZoneOffset.ofHours(2)),
            "9999-12-31T00:00:00Z", Instant.EPOCH))
            : pick(List.of(Instant.MAX, Instant.MIN, "yesterday", "0000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                OffsetDateTime.MAX));
        case ENUM -> valid ? pick(List.of("draft", "published")) : pick(List.of("gone", 1, "DRAFT"));
        case JSON -> valid ? pick(List.of("x", 1)) : pick(List.of(Map.of("color", "red"), "red", 1));
      };
    }

    List<Object> strings(String field) {
      return switch (field) {
        case "id" -> List.of("p1", "p2", "p7", "p9", "s1", "s3", "w1", "prwh_x", "", "'; drop table product; --");
        case "title" -> List.of("Product 1", "Product 3", "Product 8", "product 1", "x".repeat(5_000), 12);
        case "label" -> List.of("Shelf 1", "Shelf 3", "shelf", true);
        case "name" -> List.of("Warehouse 1", "Warehouse 2", "Warehouse 9");
        case "product_id" -> List.of("p1", "p3", "p7");
        case "warehouse_id" -> List.of("w1", "w2");
        case "shelf_id" -> List.of("s1", "s3");
        default -> List.of("SKU-p1", "a", "é€😀", "%", "");
      };
    }

    void relationArgs(Input in, E root, Set<String> relationPaths) {
      String path;
      E target;
      if (!relationPaths.isEmpty() && chance(0.75)) {
        path = pick(new ArrayList<>(relationPaths));
        target = root;
        for (String seg : path.split("\\.")) {
          target = ENTITIES.get(target.relations().get(seg));
        }
      } else {
        path = pick(java.util.Arrays.asList(".", "", " ", "nope", "..", pick(new ArrayList<>(root.relations().keySet())),
            pick(new ArrayList<>(root.relations().keySet())) + ".", null));
        target = root;
      }
      E onto = target;
      List<Consumer<RelationArgs.Builder>> args = new ArrayList<>();
      StringBuilder text = new StringBuilder("r");
      if (chance(0.6)) {
        Map<String, Object> filter = filter(onto, 1, false, chance(0.8));
        text.append(".filters(").append(show(filter)).append(')');
        args.add(a -> a.filters(filter));
      }
      if (chance(0.5)) {
        StringBuilder orderText = new StringBuilder();
        Consumer<RelationArgs.Builder> order = relationOrder(onto, orderText);
        text.append(orderText);
        args.add(order);
      }
      if (chance(0.4)) {
        int limit = pick(List.of(0, 1, 2, 5, -1));
        text.append(".limit(").append(limit).append(')');
        args.add(a -> a.limit(limit));
      }
      in.step("relation(" + show(path) + ", r -> " + text + ")", b -> b.relation(path, a -> args.forEach(x -> x.accept(a))));
    }

    Consumer<RelationArgs.Builder> relationOrder(E entity, StringBuilder text) {
      Object[] o = orderArgs(entity);
      text.append(".order(").append(show(o[0])).append(", ").append(show(o[1])).append(')');
      return o[1] instanceof String s ? a -> a.order((String) o[0], s) : a -> a.order((String) o[0], (SortDirection) o[1]);
    }

    void order(Input in, E entity, Object unused) {
      Object[] o = orderArgs(entity);
      Consumer<GraphQuery.Builder> step = o[1] instanceof String s ? b -> b.order((String) o[0], s)
          : b -> b.order((String) o[0], (SortDirection) o[1]);
      in.step("order(" + show(o[0]) + ", " + show(o[1]) + ")", step);
    }

    /** A field and a direction (an enum, or text as Medusa gives it), right or wrong. */
    Object[] orderArgs(E entity) {
      List<F> orderable = entity.fields().stream().filter(f -> f.type() != T.JSON).toList();
      Object field = chance(0.85) ? pick(orderable).name()
          : pick(java.util.Arrays.asList(null, "nope", "", "attributes", "meta", "shelves", "shelves.label"));
      Object direction = chance(0.9) ? pick(List.of(SortDirection.ASC, SortDirection.DESC, "asc", "DESC", " Desc "))
          : pick(java.util.Arrays.asList(null, "up", "", "descending"));
      return new Object[] {field, direction};
    }
  }
}
