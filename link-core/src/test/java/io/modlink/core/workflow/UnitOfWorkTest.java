package io.modlink.core.workflow;

import static io.modlink.core.fixtures.Fixtures.config;
import static io.modlink.core.workflow.WorkflowFixture.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.modlink.core.Modlink;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.fixtures.Product;
import io.modlink.core.fixtures.ProductStatus;
import io.modlink.core.fixtures.Warehouse;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.query.Strategy;
import io.modlink.core.spi.LinkListener;
import io.modlink.core.spi.ReadRequest;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Units of work on H2 and PostgreSQL: module sessions, stores, link calls, raw JDBC and graph
 * queries share one transaction per DataSource; commit and rollback; nesting; several databases.
 */
class UnitOfWorkTest {

  private static Product product(String id) {
    return new Product(id, "Product " + id, new BigDecimal("1.00"), 1, true, ProductStatus.published,
        Instant.parse("2024-01-01T00:00:00Z"));
  }

  private static void insertWarehouse(Modlink modlink, String id) {
    try (Connection c = modlink.dataSource("stock").getConnection();
         PreparedStatement ps = c.prepareStatement("insert into warehouse (id, name) values (?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, "Warehouse " + id);
      ps.executeUpdate();
      c.commit();   // absorbed inside a unit of work: the unit commits
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** p9 (Hibernate session), w9 (raw JDBC), the link p9-w9 (verified: it sees both), read back by a graph query. */
  private static GraphResult writeEverywhere(Modlink modlink) {
    modlink.sessionFactory("catalog").inTransaction(s -> s.persist(product("p9")));
    insertWarehouse(modlink, "w9");
    modlink.link().create(List.of(pw("p9", "w9"), WorkflowFixture.ps("p9", "s1")));
    // federated: the root, then two hops that would run concurrently on the pool outside a unit
    return modlink.query().graph(GraphQuery.entity("product").fields("id", "warehouse.*", "shelves.*")
        .filters(Map.of("id", "p9")).strategy(Strategy.FEDERATED).build());
  }

  @DatabaseTest
  void everythingInsideCommitsTogetherAndIsInvisibleOutsideUntilThen(TestDatabase db) throws SQLException {
    List<String> heard = new CopyOnWriteArrayList<>();
    try (Modlink modlink = LinkFixtures.builder(config(db)).listener(new LinkListener() {
      @Override
      public void attached(List<LinkRecord> links) {
        links.forEach(l -> heard.add("attached " + l.leftKey() + "-" + l.rightKey()));
      }
    }).build()) {
      LinkFixtures.seed(modlink, 3);
      assertThat(modlink.transactions().isAtomic()).isTrue();
      GraphResult seenInside = modlink.fromTransaction(tx -> {
        GraphResult r = writeEverywhere(modlink);
        // another connection sees none of it yet
        assertThat(db.column("select count(*) from product where id = 'p9'").get(0).toString()).isEqualTo("0");
        assertThat(db.column("select count(*) from product_warehouse").get(0).toString()).isEqualTo("0");
        assertThat(heard).as("listeners hear after the commit").isEmpty();
        return r;
      });
      JsonNode p9 = seenInside.data().get(0);
      assertThat(p9.get("warehouse").get("id").asText()).isEqualTo("w9");
      assertThat(p9.get("shelves").get(0).get("id").asText()).isEqualTo("s1");
      assertThat(db.column("select id from product where id = 'p9'")).containsExactly("p9");
      assertThat(db.column("select id from warehouse where id = 'w9'")).containsExactly("w9");
      assertThat(modlink.link().list(LinkQuery.of("product_warehouse"))).extracting(LinkRecord::rightKey)
          .containsExactly("w9");
      assertThat(heard).containsExactlyInAnyOrder("attached p9-w9", "attached p9-s1");
    }
  }

  @DatabaseTest
  void aFailureAnywhereRollsEverythingBackAndNobodyHearsOfIt(TestDatabase db) {
    List<String> heard = new CopyOnWriteArrayList<>();
    try (Modlink modlink = LinkFixtures.builder(config(db)).listener(new LinkListener() {
      @Override
      public void attached(List<LinkRecord> links) {
        heard.add("attached");
      }
    }).build()) {
      LinkFixtures.seed(modlink, 3);
      var before = db.allRows();
      List<String> afterRollback = new ArrayList<>();
      assertThatThrownBy(() -> modlink.inTransaction(tx -> {
        tx.afterRollback(() -> afterRollback.add("rolled back"));
        tx.afterCommit(() -> afterRollback.add("committed"));
        writeEverywhere(modlink);
        modlink.store("shelf").softDelete(List.of("s2"));
        throw new IllegalStateException("the caller changed its mind");
      })).isInstanceOf(IllegalStateException.class).hasMessage("the caller changed its mind");
      assertThat(db.allRows()).isEqualTo(before);
      assertThat(heard).isEmpty();
      assertThat(afterRollback).containsExactly("rolled back");
    }
  }

  @DatabaseTest
  void nestedUnitsJoinTheOuterOneAndAFailureTheySwallowRollsBackTheWhole(TestDatabase db) {
    try (Modlink modlink = LinkFixtures.builder(config(db)).build()) {
      LinkFixtures.seed(modlink, 3);
      var before = db.allRows();

      // a nested unit commits with the outer one
      modlink.inTransaction(outer -> {
        modlink.inTransaction(inner -> modlink.link().create(pw("p1", "w1")));
        assertThat(db.column("select count(*) from product_warehouse").get(0).toString()).isEqualTo("0");
      });
      assertThat(modlink.link().list(LinkQuery.of("product_warehouse"))).hasSize(1);
      modlink.link().dismiss(List.of(pw("p1", "w1")));
      var afterDismiss = db.allRows();

      // a failure that escapes a nested unit dooms the outer one, even when caught
      assertThatThrownBy(() -> modlink.inTransaction(outer -> {
        modlink.link().create(pw("p2", "w2"));
        try {
          modlink.inTransaction(inner -> {
            modlink.store("product").softDelete(List.of("p3"));
            throw new IllegalStateException("inner failure");
          });
        } catch (IllegalStateException swallowed) {
          // carries on as if nothing happened
        }
        modlink.link().create(pw("p1", "w3"));
      })).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("the unit of work was rolled back, nothing was committed: a failure escaped a nested"
              + " unit of work (java.lang.IllegalStateException: inner failure)")
          .hasCauseInstanceOf(IllegalStateException.class);
      assertThat(db.allRows()).isEqualTo(afterDismiss);

      // setRollbackOnly rolls back without an exception
      modlink.inTransaction(tx -> {
        modlink.link().create(pw("p2", "w2"));
        tx.setRollbackOnly();
      });
      assertThat(db.allRows()).isEqualTo(afterDismiss);
      assertThat(before).isNotEqualTo(afterDismiss);
    }
  }

  @DatabaseTest
  void aUnitHoldsOneConnectionPerDatabaseSoAPoolOfOneIsEnough(TestDatabase db) {
    try (Modlink modlink = LinkFixtures.builder(config(db).withMaxPoolSize(1)).build()) {
      LinkFixtures.seed(modlink, 3);
      // a module session holding its connection while the link service and a store work beside it
      List<String> deleted = modlink.fromTransaction(tx -> modlink.sessionFactory("stock").fromTransaction(s -> {
        s.persist(new Warehouse("w7", "Warehouse 7"));
        s.flush();
        modlink.link().create(pw("p1", "w7"));
        modlink.store("warehouse").softDelete(List.of("w7"));
        modlink.link().delete(Map.of("stock", Map.of("warehouse_id", List.of("w7"))));
        return modlink.store("product").read(ReadRequest.builder().withDeleted().build()).rows().stream()
            .filter(r -> !r.get("deleted_at").isNull()).map(r -> r.get("id").asText()).toList();
      }));
      assertThat(deleted).containsExactly("p1");
      assertThat(db.column("select count(*) from product where deleted_at is not null").get(0).toString())
          .isEqualTo("1");
    }
  }

  @DatabaseTest
  void acrossDatabasesEachOneRollsBackItsPartAndAUnitIsNotAtomic(TestDatabase db) {
    TestDatabase stockDb = db.sibling("stock");
    try (Modlink modlink = LinkFixtures.builder(config(db)).database("stock", config(stockDb)).build()) {
      LinkFixtures.seed(modlink, 3);
      assertThat(modlink.transactions().isAtomic()).isFalse();
      var before = db.allRows();
      var stockBefore = stockDb.allRows();
      assertThatThrownBy(() -> modlink.inTransaction(tx -> {
        writeEverywhere(modlink);
        throw new IllegalStateException("failed after writing to both databases");
      })).hasMessage("failed after writing to both databases");
      assertThat(db.allRows()).isEqualTo(before);
      assertThat(stockDb.allRows()).isEqualTo(stockBefore);

      modlink.inTransaction(tx -> writeEverywhere(modlink));
      assertThat(db.column("select id from product where id = 'p9'")).containsExactly("p9");
      assertThat(stockDb.column("select id from warehouse where id = 'w9'")).containsExactly("w9");
    }
  }

  /**
   * A commit that fails (here a deferred constraint, checked at commit on PostgreSQL): on the first
   * database the unit used, nothing is committed; on a later one, the exception says which database
   * committed and which did not.
   */
  @DatabaseTest(Engine.POSTGRESQL)
  void aCommitThatFailsSaysWhatWasCommittedAndWhatWasNot(TestDatabase db) {
    TestDatabase stockDb = db.sibling("stock");
    try (Modlink modlink = LinkFixtures.builder(config(db)).database("stock", config(stockDb)).build()) {
      LinkFixtures.seed(modlink, 3);
      stockDb.execute("create table stock_note (id varchar(16) not null, constraint uq_stock_note unique (id)"
          + " deferrable initially deferred)");
      Runnable duplicateNotes = () -> {
        try (Connection c = modlink.dataSource("stock").getConnection();
             PreparedStatement ps = c.prepareStatement("insert into stock_note (id) values ('n1')")) {
          ps.executeUpdate();
          ps.executeUpdate();   // accepted until the commit checks the deferred constraint
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      };

      // stock first: its commit fails, and the catalog's work is rolled back with it
      assertThatThrownBy(() -> modlink.inTransaction(tx -> {
        duplicateNotes.run();
        modlink.link().create(pw("p1", "w1"));
      })).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("committing the unit of work failed on " + stockDb.jdbcUrl() + " (")
          .hasMessageEndingWith("); nothing was committed");
      assertThat(modlink.link().list(LinkQuery.of("product_warehouse"))).isEmpty();

      // the link tables first: they commit, then the stock database fails
      assertThatThrownBy(() -> modlink.inTransaction(tx -> {
        modlink.link().create(pw("p1", "w1"));
        duplicateNotes.run();
      })).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("the unit of work committed on " + db.jdbcUrl() + " but its commit failed on "
              + stockDb.jdbcUrl() + " (")
          .hasMessageEndingWith("), so it rolled back on " + stockDb.jdbcUrl() + ": a unit of work across several"
              + " databases is not atomic; run the operation as a Workflow to undo the committed part by"
              + " compensation");
      assertThat(modlink.link().list(LinkQuery.of("product_warehouse"))).hasSize(1);
      assertThat(stockDb.column("select count(*) from stock_note").get(0).toString()).isEqualTo("0");
    }
  }
}
