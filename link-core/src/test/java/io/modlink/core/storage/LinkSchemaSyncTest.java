package io.modlink.core.storage;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.link.ColumnType;
import io.modlink.core.link.ExtraColumn;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.link.LinkSide;
import io.modlink.core.link.CreateOptions;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.StandardError;
import io.modlink.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/** Schema sync of link tables: plans and their application, on H2 and PostgreSQL. */
class LinkSchemaSyncTest {
  private static final LinkSide PRODUCT = LinkSide.of("catalog", "product").list();
  private static final LinkSide WAREHOUSE = LinkSide.of("stock", "warehouse");

  private static LinkDefinition.Builder productWarehouse() {
    return LinkDefinition.between(PRODUCT, WAREHOUSE).table("product_warehouse");
  }

  private static Modlink start(TestDatabase db, boolean first, boolean sync, LinkDefinition... links) {
    Modlink.Builder b = Modlink.builder().database(config(db))
        .schema(first ? SchemaAction.CREATE : SchemaAction.NONE)
        .module(LinkFixtures.CATALOG).module(LinkFixtures.STOCK);
    for (LinkDefinition l : links) {
      b.link(l);
    }
    if (!sync) {
      b.noLinkSync();
    }
    return b.build();
  }

  private static final String WARNING = "WARN io.modlink.core.storage.LinkSchemaSync - link schema: 1 change(s) not"
      + " applied because they may lose data; review them and run LinkSchemaSync.apply(SyncMode.ALL): [";

  private static List<String> columns(TestDatabase db, String table) {
    // this run's schema only: other runs on the same server may have tables of the same name
    return db.column("select lower(column_name) from information_schema.columns where lower(table_name) = '"
        + table + "' and lower(table_schema) = lower(" + db.currentSchemaSql() + ") order by ordinal_position").stream()
        .map(String::valueOf).toList();
  }

  private static boolean tableExists(TestDatabase db, String table) {
    return !db.column("select table_name from information_schema.tables where lower(table_name) = '" + table + "'"
        + " and lower(table_schema) = lower(" + db.currentSchemaSql() + ")").isEmpty();
  }

  @DatabaseTest
  void startUpCreatesTheTablesAndThenThereIsNothingToDo(TestDatabase db) {
    try (Modlink modlink = start(db, true, true, productWarehouse()
        .extraColumn(ExtraColumn.of("priority", ColumnType.INTEGER)).build())) {
      assertThat(columns(db, "product_warehouse")).startsWith("id", "product_id", "warehouse_id", "priority",
          "created_at", "updated_at", "deleted_at");
      assertThat(db.column("select table_name from modlink_link_tables")).containsExactly("product_warehouse");
      assertThat(modlink.linkSchemaSync().plan()).singleElement().satisfies(a -> {
        assertThat(a.kind()).isEqualTo(SyncKind.NOOP);
        assertThat(a.reason()).isEqualTo("up to date");
      });
    }
  }

  @DatabaseTest
  void aNewExtraColumnIsASafeUpdate(TestDatabase db) {
    start(db, true, true, productWarehouse().build()).close();
    try (Modlink modlink = start(db, false, false, productWarehouse()
        .extraColumn(ExtraColumn.of("note", ColumnType.STRING)).build())) {
      List<SyncAction> plan = modlink.linkSchemaSync().plan();
      assertThat(plan).singleElement().satisfies(a -> {
        assertThat(a.kind()).isEqualTo(SyncKind.UPDATE);
        assertThat(a.reason()).isEqualTo("column note is missing");
        assertThat(a.sql()).singleElement().asString().startsWith("alter table product_warehouse add column note");
      });
      assertThat(modlink.linkSchemaSync().apply(SyncMode.SAFE)).hasSize(1);
      assertThat(columns(db, "product_warehouse")).contains("note");
      assertThat(modlink.linkSchemaSync().plan()).extracting(SyncAction::kind).containsExactly(SyncKind.NOOP);
    }
  }

  @DatabaseTest
  void theIndexOnTheLeftKeyThatThePrimaryKeyMakesRedundantIsDropped(TestDatabase db) {
    start(db, true, true, productWarehouse().build()).close();
    // a table as earlier versions created it: with an index on the left key
    db.execute("create index idx_product_warehouse_product_id on product_warehouse (product_id)");
    try (Modlink modlink = start(db, false, false, productWarehouse().build())) {
      assertThat(modlink.linkSchemaSync().plan()).singleElement().satisfies(a -> {
        assertThat(a.kind()).isEqualTo(SyncKind.UPDATE);
        assertThat(a.reason()).isEqualTo("index idx_product_warehouse_product_id is redundant (the primary key starts"
            + " with product_id)");
        assertThat(a.sql()).containsExactly("drop index idx_product_warehouse_product_id"
            + (db.engine() == Engine.MARIADB ? " on product_warehouse" : ""));
      });
      assertThat(modlink.linkSchemaSync().apply(SyncMode.SAFE)).hasSize(1);
      assertThat(indexes(db, "product_warehouse")).doesNotContain("idx_product_warehouse_product_id")
          .contains("idx_product_warehouse_id", "idx_product_warehouse_warehouse_id");
      // idempotent: nothing left to do, and a second apply does nothing
      assertThat(modlink.linkSchemaSync().plan()).extracting(SyncAction::kind).containsExactly(SyncKind.NOOP);
      assertThat(modlink.linkSchemaSync().apply(SyncMode.SAFE)).isEmpty();
    }
  }

  private static List<String> indexes(TestDatabase db, String table) {
    String sql = switch (db.engine()) {
      case POSTGRESQL -> "select indexname from pg_indexes where tablename = '" + table + "' and schemaname"
          + " = current_schema";
      case MARIADB -> "select distinct lower(index_name) from information_schema.statistics where table_name = '"
          + table + "' and table_schema = database()";
      case H2 -> "select lower(index_name) from information_schema.indexes where lower(table_name) = '" + table + "'"
          + " and lower(table_schema) = lower(current_schema)";
    };
    return db.column(sql).stream().map(String::valueOf).toList();
  }

  @DatabaseTest
  void aDroppedColumnIsOnlyReportedUnlessAllIsAsked(TestDatabase db) throws Throwable {
    start(db, true, true, productWarehouse().extraColumn(ExtraColumn.of("note", ColumnType.STRING)).build()).close();
    StandardError.Captured<Modlink> started = StandardError.capture(() -> start(db, false, true,
        productWarehouse().build()));
    try (Modlink modlink = started.value()) {
      // start-up applied SAFE: the column is still there, and a warning says why
      assertThat(columns(db, "product_warehouse")).contains("note");
      assertThat(started.text()).contains(WARNING + "notify product_warehouse: column note is no longer declared]");
      List<SyncAction> plan = modlink.linkSchemaSync().plan();
      assertThat(plan).singleElement().satisfies(a -> {
        assertThat(a.kind()).isEqualTo(SyncKind.NOTIFY);
        assertThat(a.kind().isSafe()).isFalse();
        assertThat(a.reason()).isEqualTo("column note is no longer declared");
        assertThat(a.sql()).containsExactly("alter table product_warehouse drop column note");
      });
      String log = StandardError.capture(() -> assertThat(modlink.linkSchemaSync().apply(SyncMode.SAFE)).isEmpty());
      assertThat(log).contains(WARNING + "notify product_warehouse: column note is no longer declared]");
      assertThat(columns(db, "product_warehouse")).contains("note");
      assertThat(modlink.linkSchemaSync().apply(SyncMode.ALL)).extracting(SyncAction::kind)
          .containsExactly(SyncKind.NOTIFY);
      assertThat(columns(db, "product_warehouse")).doesNotContain("note");
    }
  }

  @DatabaseTest
  void aRemovedLinkIsADeleteThatSafeNeverRuns(TestDatabase db) throws Throwable {
    LinkDefinition shelves = LinkDefinition.between(LinkSide.of("catalog", "product").list(),
        LinkSide.of("stock", "shelf").list()).table("product_shelf").build();
    start(db, true, true, productWarehouse().build(), shelves).close();
    StandardError.Captured<Modlink> started = StandardError.capture(() -> start(db, false, true,
        productWarehouse().build()));
    try (Modlink modlink = started.value()) {
      assertThat(tableExists(db, "product_shelf")).isTrue();
      assertThat(started.text()).contains(WARNING + "delete product_shelf: no declared link uses this table any more");
      SyncAction delete = modlink.linkSchemaSync().plan().stream().filter(a -> a.kind() == SyncKind.DELETE)
          .findFirst().orElseThrow();
      assertThat(delete.table()).isEqualTo("product_shelf");
      assertThat(delete.sql()).containsExactly("drop table product_shelf");
      modlink.linkSchemaSync().apply(SyncMode.ALL);
      assertThat(tableExists(db, "product_shelf")).isFalse();
      assertThat(db.column("select table_name from modlink_link_tables")).containsExactly("product_warehouse");
    }
  }

  @DatabaseTest
  void aNewTableNameForTheSameSidesIsARenameThatKeepsTheRows(TestDatabase db) {
    try (Modlink first = start(db, true, true, productWarehouse().build())) {
      first.link().create(List.of(LinkRequest.between(LinkKey.of("catalog", "product_id", "p1"),
          LinkKey.of("stock", "warehouse_id", "w1"))), CreateOptions.withoutVerification());
    }
    LinkDefinition renamed = LinkDefinition.between(PRODUCT, WAREHOUSE).table("product_stock_location").build();
    try (Modlink modlink = start(db, false, false, renamed)) {
      List<SyncAction> plan = modlink.linkSchemaSync().plan();
      assertThat(plan).singleElement().satisfies(a -> {
        assertThat(a.kind()).isEqualTo(SyncKind.RENAME);
        assertThat(a.previousTable()).isEqualTo("product_warehouse");
        assertThat(a.table()).isEqualTo("product_stock_location");
        assertThat(a.sql().get(0)).isEqualTo("alter table product_warehouse rename to product_stock_location");
      });
      modlink.linkSchemaSync().apply(SyncMode.SAFE);
      assertThat(tableExists(db, "product_warehouse")).isFalse();
      assertThat(modlink.link().list(LinkQuery.of("product_stock_location"))).singleElement()
          .satisfies(r -> assertThat(r.leftKey()).isEqualTo("p1"));
      assertThat(modlink.linkSchemaSync().plan()).extracting(SyncAction::kind).containsExactly(SyncKind.NOOP);
    }
  }

  @DatabaseTest
  void theTableOfALinkWhoseModuleIsNotInstalledIsKept(TestDatabase db) {
    LinkDefinition declared = productWarehouse().declaredBy("catalog").build();
    start(db, true, true, declared).close();
    try (Modlink catalogOnly = Modlink.builder().database(config(db)).schema(SchemaAction.NONE)
        .module(LinkFixtures.CATALOG).link(declared).linkSync(SyncMode.ALL).build()) {
      assertThat(catalogOnly.registry().inactiveLinks()).hasSize(1);
      assertThat(tableExists(db, "product_warehouse")).isTrue();
      assertThat(catalogOnly.linkSchemaSync().plan()).singleElement().satisfies(a -> {
        assertThat(a.kind()).isEqualTo(SyncKind.NOOP);
        assertThat(a.reason()).isEqualTo("kept: its link is inactive because module 'stock' is not installed");
      });
    }
  }

  @DatabaseTest
  void changingCardinalityAddsOrRemovesTheOneLivePartnerIndex(TestDatabase db) {
    start(db, true, true, LinkDefinition.between(PRODUCT, WAREHOUSE.list()).table("product_warehouse").build())
        .close();
    try (Modlink modlink = start(db, false, false, productWarehouse().build())) {
      SyncAction update = modlink.linkSchemaSync().plan().get(0);
      assertThat(update.kind()).isEqualTo(SyncKind.UPDATE);
      assertThat(update.reason()).isEqualTo("product_id may have only one live partner");
      modlink.linkSchemaSync().apply(SyncMode.SAFE);
      assertThat(modlink.linkSchemaSync().plan()).extracting(SyncAction::kind).containsExactly(SyncKind.NOOP);
    }
    try (Modlink modlink = start(db, false, false,
        LinkDefinition.between(PRODUCT, WAREHOUSE.list()).table("product_warehouse").build())) {
      SyncAction update = modlink.linkSchemaSync().plan().get(0);
      assertThat(update.kind()).isEqualTo(SyncKind.UPDATE);
      assertThat(update.reason()).isEqualTo("product_id may now have many partners");
      modlink.linkSchemaSync().apply(SyncMode.SAFE);
      assertThat(modlink.linkSchemaSync().plan()).extracting(SyncAction::kind).containsExactly(SyncKind.NOOP);
    }
  }

  @DatabaseTest({Engine.POSTGRESQL, Engine.MARIADB})
  void applyWaitsForTheAdvisoryLockHeldByAnotherInstance(TestDatabase db) throws Exception {
    boolean pg = db.engine() == Engine.POSTGRESQL;
    try (Modlink modlink = start(db, true, false, productWarehouse().build());
         Connection other = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
      try (Statement s = other.createStatement()) {
        s.execute(pg ? "select pg_advisory_lock(" + 0x6d6f646c696e6bL + ")" : "select get_lock('modlink_link_schema', 5)");
      }
      Thread apply = new Thread(() -> modlink.linkSchemaSync().apply(SyncMode.SAFE));
      apply.start();
      apply.join(1500);
      assertThat(apply.isAlive()).as("apply must wait while another instance holds the lock").isTrue();
      assertThat(tableExists(db, "product_warehouse")).isFalse();
      try (Statement s = other.createStatement()) {
        s.execute(pg ? "select pg_advisory_unlock(" + 0x6d6f646c696e6bL + ")" : "select release_lock('modlink_link_schema')");
      }
      apply.join(30_000);
      assertThat(apply.isAlive()).isFalse();
      assertThat(tableExists(db, "product_warehouse")).isTrue();
    }
  }

  @DatabaseTest
  void aRenameIsOnlyInferredWhenItIsUnambiguous(TestDatabase db) {
    LinkDefinition one = LinkDefinition.between(PRODUCT, WAREHOUSE).table("pw_one").build();
    LinkDefinition two = LinkDefinition.between(PRODUCT.alias("featured_products"), WAREHOUSE.alias("featured_warehouse"))
        .table("pw_two").build();
    start(db, true, true, one, two).close();
    LinkDefinition three = LinkDefinition.between(PRODUCT.alias("featured_products"),
        WAREHOUSE.alias("featured_warehouse")).table("pw_three").build();
    try (Modlink modlink = start(db, false, false, three)) {
      assertThat(modlink.linkSchemaSync().plan()).extracting(SyncAction::kind, SyncAction::table)
          .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(SyncKind.CREATE, "pw_three"),
              org.assertj.core.groups.Tuple.tuple(SyncKind.DELETE, "pw_one"),
              org.assertj.core.groups.Tuple.tuple(SyncKind.DELETE, "pw_two"));
    }
  }

  @DatabaseTest
  void aRenamedTableGetsItsOtherChangesInTheSameStart(TestDatabase db) {
    start(db, true, true, productWarehouse().build()).close();
    LinkDefinition renamed = LinkDefinition.between(PRODUCT, WAREHOUSE).table("product_location")
        .extraColumn(ExtraColumn.of("note", ColumnType.STRING)).build();
    try (Modlink modlink = start(db, false, true, renamed)) {
      assertThat(columns(db, "product_location")).contains("note");
      assertThat(modlink.linkSchemaSync().plan()).extracting(SyncAction::kind).containsExactly(SyncKind.NOOP);
    }
  }

  @DatabaseTest
  void tighteningCardinalityOverRowsThatBreakItIsReportedNotApplied(TestDatabase db) throws Throwable {
    try (Modlink first = start(db, true, true,
        LinkDefinition.between(PRODUCT, WAREHOUSE.list()).table("product_warehouse").build())) {
      first.link().create(List.of(
          LinkRequest.between(LinkKey.of("catalog", "product_id", "p1"), LinkKey.of("stock", "warehouse_id", "w1")),
          LinkRequest.between(LinkKey.of("catalog", "product_id", "p1"), LinkKey.of("stock", "warehouse_id", "w2"))),
          CreateOptions.withoutVerification());
    }
    StandardError.Captured<Modlink> started = StandardError.capture(() -> start(db, false, true,
        productWarehouse().build()));
    try (Modlink modlink = started.value()) {
      assertThat(started.text()).contains(WARNING + "notify product_warehouse: product_id may now have only one live"
          + " partner, but p1 have several");
      assertThat(modlink.linkSchemaSync().plan()).singleElement().satisfies(a -> {
        assertThat(a.kind()).isEqualTo(SyncKind.NOTIFY);
        assertThat(a.reason()).isEqualTo("product_id may now have only one live partner, but p1 have several:"
            + " dismiss the extra links, then sync again");
      });
    }
  }
}
