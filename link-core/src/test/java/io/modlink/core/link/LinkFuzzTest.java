package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.Modlink;
import io.modlink.core.error.ModlinkException;
import io.modlink.core.fixtures.Category;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.StatementFaults;
import io.modlink.testing.TestDatabase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Generated inputs for every entry point of the Link service (create, dismiss, update, delete,
 * restore, list, purge), valid and invalid mixed, from a fixed seed: every outcome is a result or a
 * {@link ModlinkException}, and a call that throws after running a write statement left every row
 * as it was. Plain JUnit and {@link Random} (no property-testing library: shrinking is not needed
 * when the failing input is printed whole).
 */
class LinkFuzzTest {
  private static final long SEED = 0x8A_5EEDL;
  private static final int CASES = 2_000;

  /** A many-to-many link with an extra column of every type. */
  static final LinkDefinition CATEGORY_WAREHOUSE = LinkDefinition
      .between(LinkSide.of("catalog", "product_category").list(), LinkSide.of("stock", "warehouse").list())
      .table("category_warehouse")
      .idPrefix("cawh")
      .extraColumn(ExtraColumn.of("label", ColumnType.STRING))
      .extraColumn(ExtraColumn.of("body", ColumnType.TEXT))
      .extraColumn(ExtraColumn.of("amount", ColumnType.DECIMAL))
      .extraColumn(ExtraColumn.of("ratio", ColumnType.DOUBLE))
      .extraColumn(ExtraColumn.of("rank", ColumnType.INTEGER).notNull().defaultValue(0))
      .extraColumn(ExtraColumn.of("total", ColumnType.BIGINT))
      .extraColumn(ExtraColumn.of("flag", ColumnType.BOOLEAN))
      .extraColumn(ExtraColumn.of("since", ColumnType.DATETIME))
      .extraColumn(ExtraColumn.of("doc", ColumnType.JSON))
      .build();

  /** Counts the statements that are not reads: a call that ran none cannot have changed a row. */
  static final class WriteCounter implements StatementInspector {
    private static final long serialVersionUID = 1L;
    final AtomicInteger writes = new AtomicInteger();

    @Override
    public String inspect(String sql) {
      String head = sql.stripLeading().toLowerCase(Locale.ROOT);
      if (!head.startsWith("select") && !head.startsWith("with")) {
        writes.incrementAndGet();
      }
      return sql;
    }
  }

  /** One entry point under test: makes an input from the random source and calls the service. */
  interface Entry {
    Object input(Random random, Gen gen);

    Object call(Link link, Object input);

    boolean writes();

    /** Whether a successful call may have changed rows. */
    default boolean changed(Object result) {
      return true;
    }
  }

  @DatabaseTest
  void create(TestDatabase db) {
    fuzz(db, "create", new Entry() {
      public Object input(Random r, Gen g) {
        return g.requests(r, r.nextInt(10) < 3);
      }

      @SuppressWarnings("unchecked")
      public Object call(Link link, Object input) {
        if (input instanceof Map<?, ?> map) {
          return link.create((Map<String, ?>) map);
        }
        List<LinkRequest> requests = (List<LinkRequest>) input;
        return requests.size() % 2 == 0 ? link.create(requests)
            : link.create(requests, CreateOptions.withoutVerification());
      }

      public boolean writes() {
        return true;
      }
    });
  }

  @DatabaseTest
  void dismiss(TestDatabase db) {
    fuzz(db, "dismiss", new Entry() {
      public Object input(Random r, Gen g) {
        return g.requests(r, false);
      }

      @SuppressWarnings("unchecked")
      public Object call(Link link, Object input) {
        if (input instanceof Map<?, ?> map) {
          return link.dismiss((Map<String, ?>) map);
        }
        return link.dismiss((List<LinkRequest>) input);
      }

      public boolean writes() {
        return true;
      }
    });
  }

  @DatabaseTest
  void update(TestDatabase db) {
    fuzz(db, "update", new Entry() {
      public Object input(Random r, Gen g) {
        return g.requests(r, true);
      }

      @SuppressWarnings("unchecked")
      public Object call(Link link, Object input) {
        if (input instanceof Map<?, ?> map) {
          return link.update(List.of(LinkRequest.fromMap((Map<String, ?>) map)));
        }
        return link.update((List<LinkRequest>) input);
      }

      public boolean writes() {
        return true;
      }
    });
  }

  @DatabaseTest
  void delete(TestDatabase db) {
    fuzz(db, "delete", new Entry() {
      public Object input(Random r, Gen g) {
        return g.cascadeKeys(r);
      }

      @SuppressWarnings({"unchecked", "rawtypes"})
      public Object call(Link link, Object input) {
        return link.delete((Map) input);
      }

      public boolean writes() {
        return true;
      }
    });
  }

  @DatabaseTest
  void restore(TestDatabase db) {
    fuzz(db, "restore", new Entry() {
      public Object input(Random r, Gen g) {
        return g.cascadeKeys(r);
      }

      @SuppressWarnings({"unchecked", "rawtypes"})
      public Object call(Link link, Object input) {
        return link.restore((Map) input);
      }

      public boolean writes() {
        return true;
      }
    });
  }

  @DatabaseTest
  void list(TestDatabase db) {
    fuzz(db, "list", new Entry() {
      public Object input(Random r, Gen g) {
        return g.query(r);
      }

      @SuppressWarnings("unchecked")
      public Object call(Link link, Object input) {
        return link.list(((Function<Void, LinkQuery>) input).apply(null));
      }

      public boolean writes() {
        return false;
      }
    });
  }

  @DatabaseTest
  void purge(TestDatabase db) {
    fuzz(db, "purge", new Entry() {
      public Object input(Random r, Gen g) {
        return switch (r.nextInt(6)) {
          case 0 -> Instant.MAX;
          case 1 -> Instant.MIN;
          case 2 -> Instant.EPOCH;
          case 3 -> Instant.now().minusSeconds(r.nextInt(100));
          case 4 -> Instant.ofEpochSecond(r.nextLong() % 400_000_000_000L);
          default -> Instant.now().plusSeconds(r.nextInt(1_000_000));
        };
      }

      public Object call(Link link, Object input) {
        return link.purge((Instant) input);
      }

      @SuppressWarnings("unchecked")
      public boolean changed(Object result) {
        return ((Map<String, Long>) result).values().stream().anyMatch(n -> n > 0);
      }

      public boolean writes() {
        return true;
      }
    });
  }

  /** A request made lazily, so that a refused {@code LinkRequest.fromMap} is an outcome of the call. */
  record LinkRequestsOrError(Object source) {
    static LinkRequestsOrError of(Object source) {
      return new LinkRequestsOrError(source);
    }

    @SuppressWarnings("unchecked")
    LinkRequest get() {
      return source instanceof LinkRequest r ? r : LinkRequest.fromMap((Map<String, ?>) source);
    }

    @Override
    public String toString() {
      return Gen.show(source);
    }
  }

  private void fuzz(TestDatabase db, String entryPoint, Entry entry) {
    WriteCounter counter = new WriteCounter();
    try (Modlink modlink = LinkFixtures.builder(config(db)).link(CATEGORY_WAREHOUSE)
        .hibernateProperty(StatementFaults.PROPERTY, counter).build()) {
      LinkFixtures.seed(modlink, 4);
      modlink.sessionFactory("catalog").inTransaction(s -> {
        for (int i = 1; i <= 3; i++) {
          s.persist(new Category("c" + i, "Category " + i));
        }
      });
      Link link = modlink.link();
      // a few links to dismiss, update, delete and restore
      link.create(List.of(
          LinkRequest.between(LinkKey.of("catalog", "product_id", "p1"), LinkKey.of("stock", "warehouse_id", "w1")),
          LinkRequest.between(LinkKey.of("catalog", "product_id", "p2"), LinkKey.of("stock", "shelf_id", "s2")),
          LinkRequest.between(LinkKey.of("catalog", "product_category_id", "c1"),
              LinkKey.of("stock", "warehouse_id", "w2"))));
      Random random = new Random(SEED);
      Gen gen = new Gen();
      Map<String, Integer> outcomes = new TreeMap<>();
      Map<String, Long> nanos = new TreeMap<>();
      java.sql.Connection connection = db.connect();
      Object rows = rows(connection);
      long started = System.nanoTime();
      int checked = 0;
      for (int i = 0; i < CASES; i++) {
        Object input = entry.input(random, gen);
        int writesBefore = counter.writes.get();
        long callStarted = System.nanoTime();
        String outcome;
        try {
          Object result = entry.call(link, input);
          assertThat(result).as("result of %s", entryPoint).isNotNull();
          outcome = "ok";
          if (entry.writes() && counter.writes.get() != writesBefore && entry.changed(result)) {
            rows = rows(connection);
          }
        } catch (ModlinkException e) {
          outcome = e.type().code();
          if (counter.writes.get() != writesBefore) {
            checked++;
            Object after = rows(connection);
            if (!after.equals(rows)) {
              throw new AssertionError(failure(entryPoint, i, input) + ": refused (" + e.getMessage()
                  + ") after changing rows:\nbefore: " + rows + "\nafter:  " + after, e);
            }
          }
        } catch (Throwable e) {
          throw new AssertionError(failure(entryPoint, i, input) + ": " + e, e);
        }
        outcomes.merge(outcome, 1, Integer::sum);
        nanos.merge(outcome, System.nanoTime() - callStarted, Long::sum);
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf(Locale.ROOT, "LinkFuzzTest %s [%s]: %d inputs (seed %#x) in %d ms, outcomes %s, %d refused"
          + " calls that had written compared row by row; ms by outcome %s%n", entryPoint, db.engine(), CASES, SEED,
          millis, outcomes, checked, nanos.entrySet().stream().collect(java.util.stream.Collectors.toMap(
              Map.Entry::getKey, e -> e.getValue() / 1_000_000, (a, b) -> a, TreeMap::new)));
      assertThat(outcomes.getOrDefault("ok", 0)).as("some inputs succeed").isPositive();
      if (!entryPoint.equals("purge")) {
        assertThat(outcomes.getOrDefault("invalid_data", 0)).as("some inputs are refused").isPositive();
      }
      connection.close();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final List<String> TABLES = List.of("product_warehouse", "product_shelf", "category_warehouse",
      "product", "product_category", "warehouse", "shelf");

  /** Every row of the fixture's tables, as text, sorted: what a refused write must leave as it was. */
  private static Map<String, List<String>> rows(java.sql.Connection c) throws java.sql.SQLException {
    Map<String, List<String>> out = new TreeMap<>();
    try (java.sql.Statement st = c.createStatement()) {
      for (String table : TABLES) {
        List<String> rows = new ArrayList<>();
        try (java.sql.ResultSet rs = st.executeQuery("select * from " + table)) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(rs.getString(i)).append('|');
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        out.put(table, rows);
      }
    }
    return out;
  }

  private static String failure(String entryPoint, int index, Object input) {
    return "link." + entryPoint + " input " + index + " (seed " + String.format(Locale.ROOT, "%#x", SEED) + "): "
        + Gen.show(input);
  }

  /** Input parts: mostly valid, with garbage mixed in. */
  static final class Gen {
    private static final String LONG = "x".repeat(300);
    private static final String[] MODULES = {"catalog", "stock", "catalog", "stock", "nope", "", "CATALOG"};
    private static final String[][] KEYS = {
        {"catalog", "product_id", "p"}, {"catalog", "variant_product_id", "p"}, {"catalog", "product_sku", "SKU-p"},
        {"catalog", "product_category_id", "c"}, {"stock", "warehouse_id", "w"}, {"stock", "shelf_id", "s"}};

    Object garbage(Random r) {
      return switch (r.nextInt(22)) {
        case 0 -> null;
        case 1 -> "";
        case 2 -> "  ";
        case 3 -> LONG;
        case 4 -> "a\u0000b";
        case 5 -> "日本語 ✓ é";
        case 6 -> Double.NaN;
        case 7 -> Double.POSITIVE_INFINITY;
        case 8 -> new BigDecimal("1e40");
        case 9 -> new BigDecimal("0.00000000001");
        case 10 -> Instant.MAX;
        case 11 -> "not a date";
        case 12 -> new Object();
        case 13 -> Map.of();
        case 14 -> List.of();
        case 15 -> Map.of("a", List.of(Map.of("b", "c")));
        case 16 -> Long.MAX_VALUE;
        case 17 -> Integer.MIN_VALUE;
        case 18 -> new BigInteger("123456789012345678901234567890123");
        case 19 -> nested(1_500);
        case 20 -> "y".repeat(5_000);
        default -> List.of("p1", 7);
      };
    }

    private static Object nested(int depth) {
      Object value = "deep";
      for (int i = 0; i < depth; i++) {
        value = List.of(value);
      }
      return value;
    }

    Object id(Random r, String prefix) {
      return r.nextInt(5) == 0 ? garbage(r) : prefix + (1 + r.nextInt(prefix.equals("SKU-p") || prefix.equals("p") ? 5 : 4));
    }

    Object extraValue(Random r, String column) {
      if (r.nextInt(3) == 0) {
        return garbage(r);
      }
      return switch (column) {
        case "label", "note" -> "label " + r.nextInt(5);
        case "since" -> r.nextBoolean() ? Instant.ofEpochSecond(r.nextInt(2_000_000_000))
            : OffsetDateTime.parse("2024-05-01T10:00:00+02:00").toString();
        case "body" -> "body ".repeat(r.nextInt(100));
        case "amount" -> new BigDecimal(r.nextInt(100_000)).movePointLeft(r.nextInt(6));
        case "ratio" -> r.nextDouble();
        case "rank", "priority" -> r.nextInt(100);
        case "total" -> r.nextLong();
        case "flag" -> r.nextBoolean();
        case "doc", "meta" -> Map.of("k", r.nextInt(10), "list", List.of(1, "two"));
        default -> garbage(r);
      };
    }

    Map<Object, Object> data(Random r) {
      String[] columns = {"label", "body", "amount", "ratio", "rank", "total", "flag", "since", "doc", "priority",
          "note", "meta", "nope"};
      Map<Object, Object> data = new HashMap<>();
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        String column = columns[r.nextInt(columns.length)];
        data.put(r.nextInt(40) == 0 ? null : column, extraValue(r, column));
      }
      return data;
    }

    private String[] side(Random r) {
      return KEYS[r.nextInt(KEYS.length)];
    }

    /** One request in map form (with garbage where it goes wrong), or a list of 1 to 3 requests. */
    Object requests(Random r, boolean withData) {
      if (withData && r.nextInt(3) == 0) {
        boolean product = r.nextBoolean();
        Map<Object, Object> data = new HashMap<>();
        String[] columns = product ? new String[] {"priority", "note", "meta", "since"}
            : new String[] {"label", "body", "amount", "ratio", "rank", "total", "flag", "since", "doc"};
        String column = columns[r.nextInt(columns.length)];
        data.put(column, r.nextInt(4) == 0 ? garbage(r) : extraValue(r, column));
        return new LazyList(List.of(product
            ? new KeyRequest("catalog", "product_id", "p1", "stock", "warehouse_id", "w1", data)
            : new KeyRequest("catalog", "product_category_id", "c1", "stock", "warehouse_id", "w2", data)));
      }
      if (r.nextInt(10) < 4) {
        return mapRequest(r, withData);
      }
      List<Object> out = new ArrayList<>();
      int n = 1 + r.nextInt(3);
      for (int i = 0; i < n; i++) {
        out.add(r.nextInt(3) == 0 ? LinkRequestsOrError.of(mapRequest(r, withData)) : keyRequest(r, withData));
      }
      return new LazyList(out);
    }

    private Object keyRequest(Random r, boolean withData) {
      String[] a = side(r);
      String[] b = side(r);
      Object module = r.nextInt(30) == 0 ? garbageName(r) : a[0];
      Object key = r.nextInt(30) == 0 ? garbageName(r) : a[1];
      return new KeyRequest((String) module, (String) key, id(r, a[2]), b[0], b[1], id(r, b[2]),
          withData || r.nextInt(4) == 0 ? data(r) : Map.of());
    }

    private String garbageName(Random r) {
      return switch (r.nextInt(4)) {
        case 0 -> null;
        case 1 -> "";
        case 2 -> "nope";
        default -> "a\u0000b";
      };
    }

    Map<Object, Object> mapRequest(Random r, boolean withData) {
      Map<Object, Object> request = new HashMap<>();
      int sides = r.nextInt(12) == 0 ? r.nextInt(4) : 2;
      for (int i = 0; i < sides; i++) {
        String[] s = side(r);
        Object module = r.nextInt(25) == 0 ? garbageName(r) : s[0];
        Object value;
        switch (r.nextInt(20)) {
          case 0 -> value = garbage(r);
          case 1 -> value = Map.of(s[1], "x", "other", "y");
          case 2 -> {
            Map<Object, Object> k = new HashMap<>();
            k.put(null, id(r, s[2]));
            value = k;
          }
          default -> {
            Map<Object, Object> k = new HashMap<>();
            k.put(s[1], id(r, s[2]));
            value = k;
          }
        }
        request.put(module, value);
      }
      if (withData || r.nextInt(4) == 0) {
        request.put("data", r.nextInt(15) == 0 ? garbage(r) : data(r));
      }
      return request;
    }

    /** A delete/restore map: module -> key -> ids, with garbage at every level. */
    Map<Object, Object> cascadeKeys(Random r) {
      Map<Object, Object> keys = new HashMap<>();
      int modules = r.nextInt(3);
      for (int m = 0; m < modules; m++) {
        String[] s = side(r);
        Object module = r.nextInt(15) == 0 ? garbageName(r) : s[0];
        if (r.nextInt(12) == 0) {
          keys.put(module, garbage(r));
          continue;
        }
        Map<Object, Object> byKey = new HashMap<>();
        Object key = r.nextInt(15) == 0 ? garbageName(r) : s[1];
        if (r.nextInt(12) == 0) {
          byKey.put(key, garbage(r));
        } else {
          List<Object> ids = new ArrayList<>();
          int n = r.nextInt(4);
          for (int i = 0; i < n; i++) {
            ids.add(id(r, s[2]));
          }
          byKey.put(key, ids);
        }
        keys.put(module, byKey);
      }
      return keys;
    }

    /** A LinkQuery made when called, so that a refused {@code where} is an outcome of the call. */
    Function<Void, LinkQuery> query(Random r) {
      String[] links = {"product_warehouse", "product_shelf", "category_warehouse", "nope", ""};
      String[] columns = {"id", "product_id", "warehouse_id", "shelf_id", "product_category_id", "priority", "note",
          "meta", "since", "label", "body", "amount", "ratio", "rank", "total", "flag", "doc", "created_at",
          "updated_at", "deleted_at", "nope"};
      String table = links[r.nextInt(links.length)];
      boolean deleted = r.nextBoolean();
      List<Object[]> filters = new ArrayList<>();
      int n = r.nextInt(3);
      for (int i = 0; i < n; i++) {
        String column = r.nextInt(30) == 0 ? garbageName(r) : columns[r.nextInt(columns.length)];
        Object value = switch (r.nextInt(5)) {
          case 0 -> garbage(r);
          case 1 -> java.util.Arrays.asList(extraValue(r, String.valueOf(column)), "w1");
          case 2 -> column != null && column.endsWith("_at") ? Instant.now() : "w1";
          default -> column != null && column.endsWith("_id") ? id(r, column.substring(0, 1))
              : extraValue(r, String.valueOf(column));
        };
        filters.add(new Object[] {column, value});
      }
      return new ShownQuery(table, deleted, filters);
    }

    static String show(Object value) {
      String text;
      if (value instanceof Object[] array) {
        text = java.util.Arrays.deepToString(array);
      } else {
        text = String.valueOf(value);
      }
      return text.length() > 400 ? text.substring(0, 300) + "... (" + text.length() + " characters)" : text;
    }
  }

  /** A request by LinkKeys, made when called (LinkKey.of refuses some of the inputs). */
  record KeyRequest(String moduleA, String keyA, Object idA, String moduleB, String keyB, Object idB,
      Map<Object, Object> data) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    LinkRequest get() {
      return LinkRequest.between(LinkKey.of(moduleA, keyA, idA), LinkKey.of(moduleB, keyB, idB))
          .withData((Map) data);
    }

    @Override
    public String toString() {
      return Gen.show(moduleA + "." + keyA + "=" + Gen.show(idA) + " <-> " + moduleB + "." + keyB + "="
          + Gen.show(idB) + " " + Gen.show(data));
    }
  }

  /** A list of requests that makes them when read. */
  static final class LazyList extends java.util.AbstractList<LinkRequest> {
    private final List<Object> parts;

    LazyList(List<Object> parts) {
      this.parts = parts;
    }

    @Override
    public LinkRequest get(int index) {
      Object part = parts.get(index);
      return part instanceof KeyRequest k ? k.get() : ((LinkRequestsOrError) part).get();
    }

    @Override
    public int size() {
      return parts.size();
    }

    @Override
    public String toString() {
      return Gen.show(parts);
    }
  }

  record ShownQuery(String table, boolean deleted, List<Object[]> filters) implements Function<Void, LinkQuery> {
    @Override
    public LinkQuery apply(Void unused) {
      LinkQuery query = LinkQuery.of(table);
      if (deleted) {
        query = query.withDeleted();
      }
      for (Object[] f : filters) {
        query = query.where((String) f[0], f[1]);
      }
      return query;
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder("LinkQuery.of(" + table + ")" + (deleted ? ".withDeleted()" : ""));
      for (Object[] f : filters) {
        s.append(".where(").append(f[0]).append(", ").append(Gen.show(f[1])).append(')');
      }
      return s.toString();
    }
  }
}
