package io.modlink.core.workflow;

import static io.modlink.core.fixtures.Fixtures.config;

import io.modlink.core.Modlink;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.link.CreateOptions;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkRequest;
import io.modlink.testing.StatementFaults;
import io.modlink.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The catalog and stock modules of {@link LinkFixtures}, with fault injection, on one database or
 * with stock on a database of its own; {@link #reset()} puts the same data back between cases.
 *
 * <p>Data: products p1..p4, warehouses w1..w3, shelves s1..s3; product_warehouse p1-w1 (priority 5,
 * note "first", meta {"a": 1}, since 2024-01-01), p2-w1, p3-w2 (dismissed); product_shelf p1-s1,
 * p2-s2, p4-s3.
 */
final class WorkflowFixture implements AutoCloseable {
  final Modlink modlink;
  final StatementFaults sql = new StatementFaults();
  final StoreFaults stores = new StoreFaults();
  private final TestDatabase main;
  private final @Nullable TestDatabase stock;

  private WorkflowFixture(TestDatabase main, @Nullable TestDatabase stock) {
    this.main = main;
    this.stock = stock;
    Modlink.Builder builder = LinkFixtures.builder(config(main))
        .hibernateProperty(StatementFaults.PROPERTY, sql)
        .decorateStores(stores);
    if (stock != null) {
      builder.database("stock", config(stock));
    }
    this.modlink = builder.build();
  }

  /** Every module and the link tables on {@code db}. */
  static WorkflowFixture oneDatabase(TestDatabase db) {
    return new WorkflowFixture(db, null);
  }

  /** Catalog and the link tables on {@code db}, stock on a sibling database. */
  static WorkflowFixture separateDatabases(TestDatabase db) {
    return new WorkflowFixture(db, db.sibling("stock"));
  }

  static LinkRequest pw(String product, String warehouse) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product),
        LinkKey.of("stock", "warehouse_id", warehouse));
  }

  static LinkRequest ps(String product, String shelf) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "shelf_id", shelf));
  }

  /** Empties every table and seeds the data again; disarms the faults. */
  void reset() {
    sql.disarm();
    stores.disarm();
    for (TestDatabase db : databases()) {
      db.deleteRows("product", "product_category", "warehouse", "shelf", "product_warehouse", "product_shelf");
    }
    LinkFixtures.seed(modlink, 4);
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("priority", 5);
    first.put("note", "first");
    first.put("meta", Map.of("a", 1));
    first.put("since", "2024-01-01T00:00:00Z");
    modlink.link().create(List.of(pw("p1", "w1").withData(first), pw("p2", "w1"), pw("p3", "w2"),
        ps("p1", "s1"), ps("p2", "s2"), ps("p4", "s3")), CreateOptions.withoutVerification());
    modlink.link().dismiss(List.of(pw("p3", "w2")));
  }

  /** Every row of every table of every database, all columns. */
  Map<String, List<Map<String, @Nullable Object>>> snapshot() {
    Map<String, List<Map<String, @Nullable Object>>> all = new TreeMap<>();
    for (TestDatabase db : databases()) {
      String prefix = db == main ? "" : "stock:";
      db.allRows().forEach((table, rows) -> all.put(prefix + table, rows));
    }
    return all;
  }

  /** The data without what differs between two runs of the same work: generated ids and times. */
  Map<String, List<String>> state() {
    Map<String, List<String>> all = new TreeMap<>();
    for (TestDatabase db : databases()) {
      String prefix = db == main ? "" : "stock:";
      db.outcome().forEach((table, rows) -> all.put(prefix + table, rows));
    }
    return all;
  }

  private List<TestDatabase> databases() {
    return stock == null ? List.of(main) : List.of(main, stock);
  }

  @Override
  public void close() {
    modlink.close();
  }
}
