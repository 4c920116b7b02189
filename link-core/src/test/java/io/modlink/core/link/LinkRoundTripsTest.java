package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.Modlink;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.internal.tx.TransactionManager;
import io.modlink.testing.DatabaseTest;
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
  void aSingleVerifiedCreateIsOneTransaction(TestDatabase db) {
    Recorder recorder = new Recorder();
    try (Modlink modlink = LinkFixtures.builder(config(db))
        .hibernateProperty("hibernate.session_factory.statement_inspector", recorder).build()) {
      LinkFixtures.seed(modlink, 3);
      TransactionManager transactions = (TransactionManager) modlink.transactions();
      for (int i = 1; i <= 3; i++) {
        recorder.sql.clear();
        long before = transactions.transactionsBegun();
        assertThat(modlink.link().create(List.of(ps("p" + i, "s" + i)))).hasSize(1);
        assertThat(transactions.transactionsBegun() - before).as("transactions of create #%d; statements: %s", i,
            recorder.sql).isEqualTo(1);
        // read the product, read the shelf, select the pair, insert
        assertThat(recorder.sql).as("statements of create #%d", i).hasSizeLessThanOrEqualTo(4);
      }
      // a rejected create: one transaction, rolled back, nothing written
      long before = transactions.transactionsBegun();
      assertThatThrownBy(() -> modlink.link().create(List.of(ps("p1", "s9")))).isInstanceOf(NotFoundException.class);
      assertThat(transactions.transactionsBegun() - before).isEqualTo(1);
      assertThat(db.column("select count(*) from product_shelf").get(0)).isEqualTo(3L);
    }
  }

  @DatabaseTest
  void theSameBulkCallRunSixTimesSendsNoMoreStatementsThanTheFirst(TestDatabase db) {
    Recorder recorder = new Recorder();
    try (Modlink modlink = LinkFixtures.builder(config(db))
        .hibernateProperty("hibernate.session_factory.statement_inspector", recorder).build()) {
      List<Integer> statements = new ArrayList<>();
      for (int call = 0; call < 7; call++) {
        List<LinkRequest> requests = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
          requests.add(ps("p_" + call + "_" + i, "s_" + call + "_" + (i % 10)));
        }
        recorder.sql.clear();
        assertThat(modlink.link().create(requests, CreateOptions.withoutVerification())).hasSize(1_500);
        statements.add(recorder.sql.size());
      }
      assertThat(statements).as("statements per call").allSatisfy(n -> assertThat(n).isEqualTo(statements.get(0)));
      assertThat(db.column("select count(*) from product_shelf").get(0)).isEqualTo(7 * 1_500L);
      // key lists go as one array parameter (one plan whatever the list), not as in (?, ?, ... 1,000 times)
      assertThat(recorder.sql).as("statements of the last call").allSatisfy(sql ->
          assertThat(sql.chars().filter(c -> c == '?').count()).isLessThan(20));
    }
  }
}
