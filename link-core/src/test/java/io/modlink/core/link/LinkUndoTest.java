package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.Modlink;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.internal.storage.LinkService;
import io.modlink.core.module.EntityModel;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.StatementFaults;
import io.modlink.testing.TestDatabase;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Exact undo: a cascade that fails at any statement leaves every row as it was, times included, also
 * when a store writes outside modlink's units of work (its changes are undone by the opposite call:
 * a restore by {@link EntityStore#softDeleteAt} with the times read before it).
 */
class LinkUndoTest {

  private static LinkRequest pw(String product, String warehouse) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "warehouse_id", warehouse));
  }

  private static LinkRequest ps(String product, String shelf) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "shelf_id", shelf));
  }

  /**
   * A store whose writes commit on their own (on another thread, outside the caller's unit of work),
   * as a store over a remote service does; it says so by not joining units of work.
   */
  private static final class OwnTransactions implements EntityStore {
    private final EntityStore delegate;

    OwnTransactions(EntityStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public EntityModel model() {
      return delegate.model();
    }

    @Override
    public ReadResult read(ReadRequest request) {
      return delegate.read(request);
    }

    @Override
    public AffectedKeys softDelete(Collection<?> ids) {
      return CompletableFuture.supplyAsync(() -> delegate.softDelete(ids)).join();
    }

    @Override
    public AffectedKeys softDeleteAt(Map<?, Instant> deletedAt) {
      return CompletableFuture.supplyAsync(() -> delegate.softDeleteAt(deletedAt)).join();
    }

    @Override
    public AffectedKeys restore(Collection<?> ids) {
      return CompletableFuture.supplyAsync(() -> delegate.restore(ids)).join();
    }
  }

  private static Modlink build(TestDatabase db, StatementFaults faults) {
    return LinkFixtures.builder(config(db))
        .decorateStores(store -> store.model().name().equals("product") || store.model().name().equals("shelf")
            ? new OwnTransactions(store) : store)
        .hibernateProperty(StatementFaults.PROPERTY, faults)
        .build();
  }

  private static void seedAndDelete(Modlink modlink, TestDatabase db) {
    db.deleteRows("product_warehouse", "product_shelf", "product", "warehouse", "shelf");
    LinkFixtures.seed(modlink, 3);
    modlink.link().create(List.of(pw("p1", "w1"), pw("p2", "w1"), pw("p3", "w2"), ps("p1", "s1"), ps("p2", "s2")));
    modlink.link().delete(Map.of("stock", Map.of("warehouse_id", List.of("w1"))));
  }

  @DatabaseTest
  void aRestoreFailedAtAnyStatementPutsBackThePreviousDeletedAtThroughAStoreOutsideTheUnit(TestDatabase db) {
    StatementFaults faults = new StatementFaults();
    try (Modlink modlink = build(db, faults)) {
      int failures = faults.failEveryStatement(() -> seedAndDelete(modlink, db), db::allRows, db::outcome,
          () -> modlink.link().restore(Map.of("stock", Map.of("warehouse_id", List.of("w1")))));
      System.out.printf("LinkUndoTest restore [%s]: %d statements failed in turn, every row as it was after each%n",
          db.engine(), failures);
      assertThat(failures).isGreaterThan(3);
    }
  }

  @DatabaseTest
  void aDeleteFailedAtAnyStatementPutsBackEveryRowThroughAStoreOutsideTheUnit(TestDatabase db) {
    StatementFaults faults = new StatementFaults();
    try (Modlink modlink = build(db, faults)) {
      Runnable reset = () -> {
        db.deleteRows("product_warehouse", "product_shelf", "product", "warehouse", "shelf");
        LinkFixtures.seed(modlink, 3);
        modlink.link().create(List.of(pw("p1", "w1"), pw("p2", "w1"), ps("p1", "s1"), ps("p2", "s2")));
        // a link dismissed and revived earlier: its updated_at differs from its created_at
        modlink.link().dismiss(List.of(ps("p2", "s2")));
        modlink.link().create(List.of(ps("p2", "s2")));
      };
      int failures = faults.failEveryStatement(reset, db::allRows, db::outcome,
          () -> modlink.link().delete(Map.of("stock", Map.of("warehouse_id", List.of("w1")))));
      assertThat(failures).isGreaterThan(3);
    }
  }

  /**
   * A verified create that owns its unit of work (on PostgreSQL one statement that returns each row's
   * previous state) revives one link and inserts another; its undo puts every row back as it was,
   * extra columns of every kind and times included.
   */
  @DatabaseTest
  void aCreateThatRevivesAndInsertsIsUndoneExactly(TestDatabase db) {
    try (Modlink modlink = LinkFixtures.builder(config(db)).build()) {
      LinkFixtures.seed(modlink, 3);
      modlink.link().create(List.of(pw("p1", "w1").withData(Map.of("priority", 3, "note", "first",
          "meta", Map.of("tags", List.of("a", "b")), "since", "2024-05-01T10:00:00Z"))));
      modlink.link().dismiss(List.of(pw("p1", "w1")));
      var before = db.allRows();
      LinkService service = LinkService.of(modlink.link());
      var created = service.createRecorded(List.of(pw("p1", "w1").withData(Map.of("note", "again")),
          pw("p2", "w2").withData(Map.of("note", "new"))), CreateOptions.defaults());
      assertThat(created.value()).extracting(LinkRecord::leftKey).containsExactly("p1", "p2");
      assertThat(created.value()).allMatch(LinkRecord::isLive);
      assertThat(created.value().get(0).data()).containsEntry("priority", 3).containsEntry("note", "again")
          .containsEntry("since", Instant.parse("2024-05-01T10:00:00Z"));
      assertThat(created.value().get(1).data()).containsEntry("priority", 0).containsEntry("note", "new");
      service.undo(created.changes());
      assertThat(db.allRows()).isEqualTo(before);
    }
  }

  /**
   * A single verified create without data of a dismissed pair, then of a live one (on PostgreSQL and
   * MariaDB one statement each, which keeps the row's previous state): each undo puts every row back as
   * it was, times included.
   */
  @DatabaseTest
  void aSingleCreateThatRevivesOrRefreshesIsUndoneExactly(TestDatabase db) {
    try (Modlink modlink = LinkFixtures.builder(config(db)).build()) {
      LinkFixtures.seed(modlink, 3);
      modlink.link().create(List.of(pw("p1", "w1").withData(Map.of("note", "first")), pw("p2", "w2")));
      modlink.link().dismiss(List.of(pw("p1", "w1")));
      LinkService service = LinkService.of(modlink.link());
      for (String[] pair : new String[][] {{"p1", "w1"}, {"p2", "w2"}}) {
        var before = db.allRows();
        var created = service.createRecorded(List.of(pw(pair[0], pair[1])), CreateOptions.defaults());
        assertThat(created.value()).singleElement().satisfies(link -> assertThat(link.isLive()).isTrue());
        assertThat(db.allRows()).isNotEqualTo(before);
        service.undo(created.changes());
        assertThat(db.allRows()).as("after the undo of %s/%s", pair[0], pair[1]).isEqualTo(before);
      }
      assertThat(service.createRecorded(List.of(pw("p1", "w1")), CreateOptions.defaults()).value().get(0).data())
          .containsEntry("note", "first");
    }
  }
}
