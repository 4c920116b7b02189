package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.Modlink;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.workflow.Transactions;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * What a {@code Link.create} costs in statements and transactions (counted, never timed): a single
 * verified create is one transaction; the same bulk call run again and again sends no more
 * statements than the first time, and binds its key lists as one array each (on PostgreSQL a
 * statement with 1,000 parameters gets a generic plan after five runs that does not hash the list).
 */
class LinkRoundTripsTest {

  /** Records every statement modlink sends through Hibernate and its stores. */
  static final class Recorder implements StatementInspector {
    private static final long serialVersionUID = 1L;
    final List<String> sql = new CopyOnWriteArrayList<>();

    @Override
    public String inspect(String statement) {
      sql.add(statement);
      return statement;
    }
  }

  private static LinkRequest ps(String product, String shelf) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "shelf_id", shelf));
  }

  @DatabaseTest
  void aSingleVerifiedCreateIsOneTransactionAndAtMostTwoStatements(TestDatabase db) {
    Recorder recorder = new Recorder();
    try (Modlink modlink = LinkFixtures.builder(config(db))
        .hibernateProperty("hibernate.session_factory.statement_inspector", recorder).build()) {
      LinkFixtures.seed(modlink, 3);
      Transactions transactions = modlink.transactions();
      for (int i = 1; i <= 3; i++) {
        recorder.sql.clear();
        long before = transactions.transactionsBegun();
        assertThat(modlink.link().create(List.of(ps("p" + i, "s" + i)))).hasSize(1);
        assertThat(transactions.transactionsBegun() - before).as("transactions of create #%d; statements: %s", i,
            recorder.sql).isEqualTo(1);
        // both stores are plain tables on the link tables' database: the insert checks the keys itself (on
        // MariaDB after a read of the pair's previous state, for undo: its returning gives only the row after)
        assertThat(recorder.sql).as("statements of create #%d", i).hasSize(db.engine() == Engine.MARIADB ? 2 : 1);
      }
      // the same link again (an upsert): one statement on PostgreSQL, two on MariaDB; on H2 the insert finds
      // the pair and the usual path revives it (reads of both keys, an insert that skips the pair, its read,
      // its update)
      recorder.sql.clear();
      long before = transactions.transactionsBegun();
      assertThat(modlink.link().create(List.of(ps("p1", "s1")))).hasSize(1);
      assertThat(transactions.transactionsBegun() - before).isEqualTo(1);
      assertThat(recorder.sql).hasSizeLessThanOrEqualTo(db.engine() == Engine.H2 ? 6
          : db.engine() == Engine.MARIADB ? 2 : 1);
      // a dismissed link created again is revived, as many statements, and keeps its id
      String id = db.column("select id from product_shelf where product_id = 'p2'").get(0).toString();
      modlink.link().dismiss(List.of(ps("p2", "s2")));
      recorder.sql.clear();
      before = transactions.transactionsBegun();
      assertThat(modlink.link().create(List.of(ps("p2", "s2")))).singleElement()
          .satisfies(link -> assertThat(link.deletedAt()).isNull());
      assertThat(transactions.transactionsBegun() - before).isEqualTo(1);
      assertThat(recorder.sql).hasSizeLessThanOrEqualTo(db.engine() == Engine.H2 ? 6
          : db.engine() == Engine.MARIADB ? 2 : 1);
      assertThat(db.column("select id from product_shelf where product_id = 'p2' and deleted_at is null"))
          .containsExactly(id);
      // a rejected create: one transaction, rolled back, nothing written, and the usual message
      recorder.sql.clear();
      before = transactions.transactionsBegun();
      assertThatThrownBy(() -> modlink.link().create(List.of(ps("p1", "s9")))).isInstanceOf(NotFoundException.class)
          .hasMessage("shelf not found for shelf_id s9 (link product_shelf); create the records first, or pass"
              + " CreateOptions.withoutVerification() to link records that are not there yet");
      assertThat(transactions.transactionsBegun() - before).isEqualTo(1);
      assertThat(db.column("select count(*) from product_shelf").get(0)).isEqualTo(3L);
    }
  }

  /**
   * A bulk create without verification of a link whose sides are both lists reads no existing pairs
   * first: new pairs cost only their insert; existing pairs (live and dismissed) are found by the insert,
   * then revived, and keep their ids.
   */
  @DatabaseTest
  void aBulkCreateOfNewExistingAndDismissedPairsWritesEachPairOnce(TestDatabase db) {
    Recorder recorder = new Recorder();
    try (Modlink modlink = LinkFixtures.builder(config(db))
        .hibernateProperty("hibernate.session_factory.statement_inspector", recorder).build()) {
      List<LinkRequest> fresh = new ArrayList<>();
      for (int i = 0; i < 2_500; i++) {
        fresh.add(ps("p" + i, "s" + (i % 7)));
      }
      recorder.sql.clear();
      modlink.link().create(fresh, CreateOptions.withoutVerification());
      // inserts (a COPY on PostgreSQL), no select of existing pairs
      assertThat(recorder.sql).as("statements of a bulk create of new pairs").allSatisfy(sql ->
          assertThat(sql).matches("(?s)(insert|copy) .*"));
      modlink.link().dismiss(fresh.subList(0, 500));
      // 500 dismissed, 500 live and 1,500 new pairs, and every one of them twice in the request
      List<LinkRequest> mixed = new ArrayList<>(fresh.subList(0, 1_000));
      for (int i = 0; i < 1_500; i++) {
        mixed.add(ps("q" + i, "s" + (i % 7)));
      }
      mixed.addAll(new ArrayList<>(mixed));
      assertThat(modlink.link().create(mixed, CreateOptions.withoutVerification())).hasSize(2_500)
          .allSatisfy(link -> assertThat(link.deletedAt()).isNull());
      assertThat(db.column("select count(*) from product_shelf").get(0)).isEqualTo(4_000L);
      assertThat(db.column("select count(*) from product_shelf where deleted_at is null").get(0)).isEqualTo(4_000L);
      assertThat(db.column("select count(distinct id) from product_shelf").get(0)).isEqualTo(4_000L);
      assertThat(db.column("select count(*) from product_shelf where product_id like 'q%'").get(0)).isEqualTo(1_500L);
      // the revived and the live pairs kept the rows they had: one row per pair, created by the first call
      assertThat(db.column("select count(*) from product_shelf where product_id like 'p%' and updated_at > created_at")
          .get(0)).isEqualTo(1_000L);
    }
  }

  @DatabaseTest
  void theSameBulkCallRunSevenTimesSendsNoMoreStatementsThanTheFirst(TestDatabase db) {
    Recorder recorder = new Recorder();
    try (Modlink modlink = LinkFixtures.builder(config(db))
        .hibernateProperty("hibernate.session_factory.statement_inspector", recorder).build()) {
      // each call creates 1,500 new links and revives 100 that the previous call created and were dismissed
      List<LinkRequest> dismissed = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        dismissed.add(ps("p_init_" + i, "s_init"));
      }
      modlink.link().create(dismissed, CreateOptions.withoutVerification());
      modlink.link().dismiss(dismissed);
      List<Integer> statements = new ArrayList<>();
      for (int call = 0; call < 7; call++) {
        List<LinkRequest> requests = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
          requests.add(ps("p_" + call + "_" + i, "s_" + call + "_" + (i % 10)));
        }
        requests.addAll(dismissed);
        recorder.sql.clear();
        assertThat(modlink.link().create(requests, CreateOptions.withoutVerification())).hasSize(1_600)
            .allSatisfy(link -> assertThat(link.deletedAt()).isNull());
        statements.add(recorder.sql.size());
        dismissed = requests.subList(0, 100);
        modlink.link().dismiss(dismissed);
      }
      assertThat(statements).as("statements per call").allSatisfy(n -> assertThat(n).isEqualTo(statements.get(0)));
      assertThat(db.column("select count(*) from product_shelf").get(0)).isEqualTo(100 + 7 * 1_500L);
      assertThat(db.column("select count(*) from product_shelf where deleted_at is null").get(0))
          .isEqualTo(7 * 1_500L);
      if (db.engine() == Engine.MARIADB) {
        // no arrays there: key lists are IN lists of at most 1,000 keys, padded to a power of two, so
        // that lists of similar size share one statement text
        // (inserts are a JDBC batch of one-row inserts, or, where pairs exist, one multi-row insert per chunk)
        assertThat(recorder.sql).as("statements of the last call").filteredOn(sql -> !sql.startsWith("insert"))
            .allSatisfy(sql -> {
          long parameters = sql.chars().filter(c -> c == '?').count();
          assertThat(parameters < 20 || Long.bitCount(parameters) == 1 && parameters <= 1_024).as(sql).isTrue();
        });
      } else {
        // key lists go as one array parameter (one plan whatever the list), not as in (?, ?, ... 1,000 times)
        assertThat(recorder.sql).as("statements of the last call").allSatisfy(sql ->
            assertThat(sql.chars().filter(c -> c == '?').count()).isLessThan(20));
      }
    }
  }
}
