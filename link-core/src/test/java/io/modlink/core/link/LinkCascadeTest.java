package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.module.EntityModel;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** delete / restore: the soft-delete cascade through links and deleteCascade sides, and its undo on failure. */
class LinkCascadeTest {

  private static LinkRequest pw(String product, String warehouse) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "warehouse_id", warehouse));
  }

  private static LinkRequest ps(String product, String shelf) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "shelf_id", shelf));
  }

  private static void linkAll(Modlink modlink) {
    modlink.link().create(List.of(pw("p1", "w1"), pw("p2", "w1"), pw("p3", "w2"),
        ps("p1", "s1"), ps("p2", "s2"), ps("p3", "s3")));
  }

  private static List<String> liveIds(Modlink modlink, String entity) {
    return modlink.store(entity).read(ReadRequest.all()).rows().stream().map(r -> r.get("id").asText()).toList();
  }

  private static long liveLinks(Modlink modlink, String table) {
    return modlink.link().list(LinkQuery.of(table)).size();
  }

  @DatabaseTest
  void deleteCascadesThroughTwoLinksAndRestoreBringsItBack(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      linkAll(modlink);
      // the module deletes its warehouse, then asks the links to follow
      modlink.store("warehouse").softDelete(List.of("w1"));
      CascadeResult deleted = modlink.link().delete(Map.of("stock", Map.of("warehouse_id", List.of("w1"))));

      assertThat(deleted.links().get("product_warehouse")).extracting(LinkRecord::leftKey)
          .containsExactlyInAnyOrder("p1", "p2");
      assertThat(deleted.links().get("product_shelf")).extracting(LinkRecord::rightKey)
          .containsExactlyInAnyOrder("s1", "s2");
      assertThat(deleted.recordIds("catalog", "product")).containsExactlyInAnyOrder("p1", "p2");
      assertThat(deleted.recordIds("stock", "shelf")).containsExactlyInAnyOrder("s1", "s2");
      assertThat(deleted.records().get("catalog")).singleElement().satisfies(a ->
          assertThat(a.byLinkableKey().get("product_sku")).containsExactlyInAnyOrder("SKU-p1", "SKU-p2"));
      assertThat(liveIds(modlink, "product")).containsExactly("p3");
      assertThat(liveIds(modlink, "shelf")).containsExactly("s3");
      assertThat(liveLinks(modlink, "product_warehouse")).isEqualTo(1);
      assertThat(liveLinks(modlink, "product_shelf")).isEqualTo(1);

      modlink.store("warehouse").restore(List.of("w1"));
      CascadeResult restored = modlink.link().restore(Map.of("stock", Map.of("warehouse_id", List.of("w1"))));
      assertThat(restored.linkCount()).isEqualTo(4);
      assertThat(liveIds(modlink, "product")).containsExactly("p1", "p2", "p3");
      assertThat(liveIds(modlink, "shelf")).containsExactly("s1", "s2", "s3");
      assertThat(liveLinks(modlink, "product_warehouse")).isEqualTo(3);
      assertThat(liveLinks(modlink, "product_shelf")).isEqualTo(3);
    });
  }

  @DatabaseTest
  void aSideWithoutDeleteCascadeKeepsItsRecords(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      linkAll(modlink);
      // deleting a shelf dismisses its link; products are not deleteCascade on that link
      CascadeResult result = modlink.link().delete(Map.of("stock", Map.of("shelf_id", List.of("s1", "s9"))));
      assertThat(result.linkCount()).isEqualTo(1);
      assertThat(result.records()).isEmpty();
      assertThat(liveIds(modlink, "product")).containsExactly("p1", "p2", "p3");
      // deleting it twice changes nothing more
      assertThat(modlink.link().delete(Map.of("stock", Map.of("shelf_id", List.of("s1")))).linkCount()).isZero();
    });
  }

  @DatabaseTest
  void anyLinkableKeyAddressesTheRecords(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      linkAll(modlink);
      CascadeResult result = modlink.link().delete(Map.of("catalog", Map.of("product_sku", List.of("SKU-p3"))));
      assertThat(result.links().keySet()).containsExactlyInAnyOrder("product_warehouse", "product_shelf");
      assertThat(result.recordIds("stock", "shelf")).containsExactly("s3");
      assertThatThrownBy(() -> modlink.link().delete(Map.of("catalog", Map.of("sku", List.of("x")))))
          .isInstanceOf(InvalidDataException.class)
          .hasMessageStartingWith("'sku' is not a linkable key of module 'catalog' at delete.catalog.sku");
    });
  }

  /** Fails on soft delete of one entity, to force a failure half-way through a cascade. */
  private static final class FailingStore implements EntityStore {
    private final EntityStore delegate;

    FailingStore(EntityStore delegate) {
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
      throw new IllegalStateException("shelf store is down");
    }

    @Override
    public AffectedKeys restore(Collection<?> ids) {
      return delegate.restore(ids);
    }
  }

  @DatabaseTest
  void aFailureHalfWayThroughAMultiStoreCascadeLeavesNothingChanged(TestDatabase db) {
    // catalog on the test database, stock on an embedded one, links on the test database
    try (Modlink modlink = LinkFixtures.builder(config(db))
        .database("stock", DatabaseConfig.embedded())
        .decorateStores(store -> store.model().name().equals("shelf") ? new FailingStore(store) : store)
        .build()) {
      LinkFixtures.seed(modlink, 3);
      linkAll(modlink);
      assertThatThrownBy(() -> modlink.link().delete(Map.of("stock", Map.of("warehouse_id", List.of("w1")))))
          .isInstanceOf(IllegalStateException.class).hasMessage("shelf store is down");
      assertThat(liveIds(modlink, "product")).containsExactly("p1", "p2", "p3");
      assertThat(liveIds(modlink, "shelf")).containsExactly("s1", "s2", "s3");
      assertThat(liveLinks(modlink, "product_warehouse")).isEqualTo(3);
      assertThat(liveLinks(modlink, "product_shelf")).isEqualTo(3);
    }
  }

  @DatabaseTest
  void aRestoreThatFailsHalfWayPutsEveryRowBackAsItWasDeletedAtIncluded(TestDatabase db) {
    // shelves are restored last in the cascade; their store fails then
    try (Modlink modlink = LinkFixtures.builder(config(db))
        .decorateStores(store -> store.model().name().equals("shelf") ? new FailingRestore(store) : store)
        .build()) {
      LinkFixtures.seed(modlink, 3);
      linkAll(modlink);
      modlink.link().delete(Map.of("stock", Map.of("warehouse_id", List.of("w1"))));
      var deleted = db.allRows();
      assertThatThrownBy(() -> modlink.link().restore(Map.of("stock", Map.of("warehouse_id", List.of("w1")))))
          .isInstanceOf(IllegalStateException.class).hasMessage("shelf store cannot restore");
      assertThat(db.allRows()).isEqualTo(deleted);
    }
  }

  /** Restores fail; everything else is delegated, including taking part in units of work. */
  private static final class FailingRestore implements EntityStore {
    private final EntityStore delegate;

    FailingRestore(EntityStore delegate) {
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
      return delegate.softDelete(ids);
    }

    @Override
    public AffectedKeys restore(Collection<?> ids) {
      throw new IllegalStateException("shelf store cannot restore");
    }

    @Override
    public boolean joinsUnitsOfWork() {
      return delegate.joinsUnitsOfWork();
    }
  }

  @DatabaseTest
  void aConstraintBrokenWhileDeletingIsAConflictThatSaysSoAndDeletesNothing(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      linkAll(modlink);
      // a rule of the application's own: a link with note 'locked' may not be dismissed
      db.execute("alter table product_warehouse add constraint ck_locked check (deleted_at is null or note is null"
          + " or note <> 'locked')");
      modlink.link().create(List.of(pw("p2", "w1").withData(Map.of("note", "locked"))));
      var before = db.allRows();
      assertThatThrownBy(() -> modlink.link().delete(Map.of("stock", Map.of("warehouse_id", List.of("w1")))))
          .isInstanceOf(io.modlink.core.error.ConflictException.class)
          .hasMessageStartingWith("soft-deleting the links of these records broke a database constraint (")
          .hasMessageEndingWith("); nothing was deleted");
      assertThat(db.allRows()).isEqualTo(before);
    });
  }

  @DatabaseTest
  void aRestoreThatWouldBreakCardinalityIsAConflictAndRestoresNothing(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      modlink.link().create(List.of(pw("p1", "w1")));
      modlink.link().delete(Map.of("catalog", Map.of("product_id", List.of("p1"))));
      modlink.link().create(List.of(pw("p1", "w2")));
      var before = db.allRows();
      assertThatThrownBy(() -> modlink.link().restore(Map.of("catalog", Map.of("product_id", List.of("p1")))))
          .isInstanceOf(io.modlink.core.error.ConflictException.class)
          .hasMessageStartingWith("restoring the links of these records would give a record more live partners");
      assertThat(modlink.link().list(LinkQuery.of("product_warehouse"))).extracting(LinkRecord::rightKey)
          .containsExactly("w2");
      assertThat(db.allRows()).isEqualTo(before);
    });
  }
}
