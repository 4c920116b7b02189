package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.Modlink;
import io.modlink.core.error.ConflictException;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.spi.LinkListener;
import io.modlink.core.spi.ReadRequest;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** The Link service on H2 and PostgreSQL: create, upsert, cardinality, verification, dismiss, list, purge. */
class LinkServiceTest {

  private static LinkRequest pw(String product, String warehouse) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "warehouse_id", warehouse));
  }

  private static List<LinkRecord> live(Modlink modlink, String table) {
    return modlink.link().list(LinkQuery.of(table));
  }

  @DatabaseTest
  void createsALinkInMedusasMapFormAndInTheTypedForm(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      List<LinkRecord> created = modlink.link().create(Map.of(
          "catalog", Map.of("product_id", "p1"),
          "stock", Map.of("warehouse_id", "w1"),
          "data", Map.of("note", "first")));
      assertThat(created).singleElement().satisfies(r -> {
        assertThat(r.table()).isEqualTo("product_warehouse");
        assertThat(r.id()).matches("prwh_[0-9A-Z]{26}");
        assertThat(r.leftKey()).isEqualTo("p1");
        assertThat(r.rightKey()).isEqualTo("w1");
        assertThat(r.data()).containsEntry("note", "first").containsEntry("priority", 0);
        assertThat(r.isLive()).isTrue();
      });
      modlink.link().create(pw("p2", "w1"));
      assertThat(live(modlink, "product_warehouse")).extracting(LinkRecord::leftKey).containsExactly("p1", "p2");
      assertThat(db.column("select count(*) from product_warehouse").get(0)).isEqualTo(2L);
    });
  }

  @DatabaseTest
  void theLinkIsFoundWhateverTheOrderAndWhicheverLinkableKeyIsNamed(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      modlink.link().create(LinkRequest.between(LinkKey.of("stock", "warehouse_id", "w2"),
          LinkKey.of("catalog", "variant_product_id", "p1")));
      modlink.link().create(LinkRequest.between(LinkKey.of("catalog", "product_sku", "SKU-p2"),
          LinkKey.of("stock", "warehouse_id", "w2")));
      assertThat(live(modlink, "product_warehouse")).extracting(LinkRecord::leftKey, LinkRecord::rightKey)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("p1", "w2"), org.assertj.core.groups.Tuple.tuple("p2", "w2"));
    });
  }

  @DatabaseTest
  void createIsAnUpsertThatKeepsExtraColumnsNotGiven(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      Instant since = Instant.parse("2024-06-01T10:15:30Z");
      LinkRecord first = modlink.link().create(pw("p1", "w1").withData(Map.of("priority", 5, "note", "a",
          "meta", Map.of("shelf", "A3", "tags", List.of("x")), "since", since))).get(0);
      LinkRecord second = modlink.link().create(pw("p1", "w1").withData(Map.of("note", "b"))).get(0);
      assertThat(second.id()).isEqualTo(first.id());
      assertThat(second.data()).containsEntry("priority", 5).containsEntry("note", "b").containsEntry("since", since);
      assertThat(second.data().get("meta")).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper()
          .valueToTree(Map.of("shelf", "A3", "tags", List.of("x"))));
      assertThat(second.createdAt()).isEqualTo(first.createdAt());

      assertThat(modlink.link().dismiss(List.of(pw("p1", "w1")))).singleElement()
          .satisfies(r -> assertThat(r.isLive()).isFalse());
      assertThat(live(modlink, "product_warehouse")).isEmpty();
      LinkRecord revived = modlink.link().create(pw("p1", "w1")).get(0);
      assertThat(revived.id()).isEqualTo(first.id());
      assertThat(revived.isLive()).isTrue();
      assertThat(revived.data()).containsEntry("note", "b").containsEntry("priority", 5);
      assertThat(db.column("select count(*) from product_warehouse").get(0)).isEqualTo(1L);
    });
  }

  @DatabaseTest
  void aSideThatIsNotAListAllowsOneLivePartnerWithinABatch(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      assertThatThrownBy(() -> modlink.link().create(List.of(pw("p2", "w1"), pw("p1", "w1"), pw("p1", "w2"))))
          .isInstanceOf(ConflictException.class)
          .hasMessage("product p1 would be linked to 2 warehouse records in one request (warehouse_id w1, w2),"
              + " but link product_warehouse allows it one warehouse; send one of them");
      assertThat(live(modlink, "product_warehouse")).isEmpty();
    });
  }

  @DatabaseTest
  void aSideThatIsNotAListAllowsOneLivePartnerAgainstTheTable(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      modlink.link().create(pw("p1", "w1"));
      assertThatThrownBy(() -> modlink.link().create(List.of(pw("p2", "w2"), pw("p1", "w2"))))
          .isInstanceOf(ConflictException.class)
          .hasMessage("product p1 is already linked to warehouse w1 and link product_warehouse allows it one"
              + " warehouse; dismiss that link first");
      assertThat(live(modlink, "product_warehouse")).extracting(LinkRecord::leftKey).containsExactly("p1");
      modlink.link().dismiss(List.of(pw("p1", "w1")));
      modlink.link().create(pw("p1", "w2"));
      assertThat(live(modlink, "product_warehouse")).extracting(LinkRecord::rightKey).containsExactly("w2");
      // the other side is a list: a warehouse has many products
      modlink.link().create(List.of(pw("p2", "w2"), pw("p3", "w2")));
      assertThat(live(modlink, "product_warehouse")).hasSize(3);
    });
  }

  @DatabaseTest
  void twoRacingRequestsCannotBothWin(TestDatabase db) throws Exception {
    LinkFixtures.with(config(db), 40, modlink -> {
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      List<Thread> threads = new ArrayList<>();
      java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
      for (String warehouse : List.of("w1", "w2")) {
        threads.add(new Thread(() -> {
          for (int i = 1; i <= 40; i++) {
            try {
              barrier.await();
              modlink.link().create(List.of(pw("p" + i, warehouse)), CreateOptions.withoutVerification());
            } catch (ConflictException e) {
              failures.add(e);
            } catch (Exception e) {
              failures.add(new AssertionError("unexpected " + e, e));
            }
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        try {
          t.join();
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }
      assertThat(failures).allSatisfy(f -> assertThat(f).isInstanceOf(ConflictException.class));
      assertThat(failures).hasSize(40);
      List<LinkRecord> rows = live(modlink, "product_warehouse");
      assertThat(rows).hasSize(40);
      assertThat(rows.stream().map(LinkRecord::leftKey).distinct().count()).isEqualTo(40);
    });
  }

  @DatabaseTest
  void createVerifiesThatTheLinkedRecordsExist(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      assertThatThrownBy(() -> modlink.link().create(List.of(pw("p1", "w1"), pw("p2", "w9"), pw("p3", "w8"))))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("warehouse not found for warehouse_id w9, w8 (link product_warehouse); create the records"
              + " first, or pass CreateOptions.withoutVerification() to link records that are not there yet");
      assertThat(live(modlink, "product_warehouse")).isEmpty();
      modlink.store("warehouse").softDelete(List.of("w3"));
      assertThatThrownBy(() -> modlink.link().create(pw("p1", "w3"))).isInstanceOf(NotFoundException.class);
      modlink.link().create(List.of(pw("p1", "w9")), CreateOptions.withoutVerification());
      assertThat(live(modlink, "product_warehouse")).extracting(LinkRecord::rightKey).containsExactly("w9");
    });
  }

  @DatabaseTest
  void badRequestsAreRejectedWithTheRightWordsAndWriteNothing(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      Link link = modlink.link();
      assertThatThrownBy(() -> link.create(List.of(pw("p1", "w1"), LinkRequest.between(
          LinkKey.of("catalogue", "product_id", "p1"), LinkKey.of("stock", "warehouse_id", "w1")))))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("unknown module 'catalogue' at [1] (did you mean 'catalog'?); installed: catalog, stock");
      assertThatThrownBy(() -> link.create(Map.of("catalog", Map.of("product_id", "p1"), "stock",
          Map.of("warehouse_id", "w1"), "other", Map.of("x_id", "1"))))
          .hasMessageContaining("names 3 module(s)").hasMessageContaining("a link joins exactly two modules");
      assertThatThrownBy(() -> link.create(LinkRequest.between(LinkKey.of("catalog", "product_code", "p1"),
          LinkKey.of("stock", "warehouse_id", "w1"))))
          .hasMessage("'product_code' is not a linkable key of module 'catalog' at [0].catalog.product_code (did you"
              + " mean 'product_id'?); its linkable keys: product_id, variant_product_id, product_sku,"
              + " product_category_id");
      assertThatThrownBy(() -> link.create(LinkRequest.between(LinkKey.of("catalog", "product_category_id", "c1"),
          LinkKey.of("stock", "warehouse_id", "w1"))))
          .hasMessage("no link between product_category and warehouse at [0]; links of product_category: (none);"
              + " links of warehouse: catalog.product <-> stock.warehouse (product_warehouse)");
      assertThatThrownBy(() -> link.create(pw("p1", " "))).isInstanceOf(InvalidDataException.class)
          .hasMessage("empty id at [0].stock.warehouse_id; give the id of the record to link");
      assertThatThrownBy(() -> link.create(pw("p1", "w1").withData(Map.of("priorty", 1))))
          .hasMessage("unknown extra column 'priorty' at [0].data.priorty for link product_warehouse (did you mean"
              + " 'priority'?); its extra columns: priority, note, meta, since");
      assertThatThrownBy(() -> link.create(pw("p1", "w1").withData(Map.of("priority", "high"))))
          .hasMessage("value 'high' at [0].data.priority does not fit extra column 'priority' of link product_warehouse"
              + " (integer): expected an Integer (or Short, Byte)");
      java.util.HashMap<String, Object> nullPriority = new java.util.HashMap<>();
      nullPriority.put("priority", null);
      assertThatThrownBy(() -> link.create(pw("p1", "w1").withData(nullPriority)))
          .hasMessage("extra column 'priority' at [0].data.priority does not accept null");
      assertThatThrownBy(() -> link.list(LinkQuery.of("product_warehose")))
          .hasMessageStartingWith("unknown link 'product_warehose' (did you mean 'product_warehouse'?)");
      assertThat(live(modlink, "product_warehouse")).isEmpty();
    });
  }

  @DatabaseTest
  void dismissIgnoresPairsThatDoNotExist(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      modlink.link().create(List.of(pw("p1", "w1"), pw("p2", "w1")));
      List<LinkRecord> dismissed = modlink.link().dismiss(List.of(pw("p1", "w1"), pw("p3", "w1"), pw("p2", "w2")));
      assertThat(dismissed).extracting(LinkRecord::leftKey).containsExactly("p1");
      assertThat(modlink.link().dismiss(List.of(pw("p1", "w1")))).isEmpty();
      assertThat(live(modlink, "product_warehouse")).extracting(LinkRecord::leftKey).containsExactly("p2");
      assertThat(modlink.link().list(LinkQuery.of("product_warehouse").withDeleted())).hasSize(2);
    });
  }

  @DatabaseTest
  void listFiltersAndReturnsRequestsThatRecreateTheLinks(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      modlink.link().create(List.of(pw("p1", "w1").withData(Map.of("priority", 2)), pw("p2", "w1"), pw("p3", "w2")));
      assertThat(modlink.link().list(LinkQuery.of("product_warehouse").where("warehouse_id", "w1")))
          .extracting(LinkRecord::leftKey).containsExactly("p1", "p2");
      assertThat(modlink.link().list(LinkQuery.of("product_warehouse").where("product_id", List.of("p2", "p3"))
          .where("priority", 0))).extracting(LinkRecord::leftKey).containsExactly("p2", "p3");
      List<LinkRequest> requests = modlink.link().listRequests(LinkQuery.of("product_warehouse"));
      assertThat(requests.get(0).data()).containsEntry("priority", 2);
      modlink.link().dismiss(requests);
      assertThat(live(modlink, "product_warehouse")).isEmpty();
      modlink.link().create(requests);
      assertThat(live(modlink, "product_warehouse")).hasSize(3)
          .first().satisfies(r -> assertThat(r.data()).containsEntry("priority", 2));
      assertThatThrownBy(() -> modlink.link().list(LinkQuery.of("product_warehouse").where("colour", "red")))
          .hasMessageStartingWith("unknown column 'colour' in a query of link product_warehouse");
    });
  }

  @DatabaseTest
  void purgeHardDeletesRowsDismissedBeforeTheCutOff(TestDatabase db) throws Exception {
    LinkFixtures.with(config(db), 3, modlink -> {
      modlink.link().create(List.of(pw("p1", "w1"), pw("p2", "w1"), pw("p3", "w1")));
      modlink.link().dismiss(List.of(pw("p1", "w1"), pw("p2", "w1")));
      assertThat(modlink.link().purge(Instant.now().minusSeconds(3600))).containsEntry("product_warehouse", 0L);
      assertThat(modlink.link().purge(Instant.now().plusSeconds(1))).containsEntry("product_warehouse", 2L)
          .containsEntry("product_shelf", 0L);
      assertThat(db.column("select product_id from product_warehouse")).containsExactly("p3");
    });
  }

  @DatabaseTest
  void listenersHearAboutCommittedChanges(TestDatabase db) {
    List<String> heard = new CopyOnWriteArrayList<>();
    LinkListener listener = new LinkListener() {
      @Override
      public void attached(List<LinkRecord> links) {
        links.forEach(l -> heard.add("+" + l.leftKey() + "/" + l.rightKey()));
      }

      @Override
      public void detached(List<LinkRecord> links) {
        links.forEach(l -> heard.add("-" + l.leftKey() + "/" + l.rightKey()));
      }
    };
    try (Modlink modlink = LinkFixtures.builder(config(db)).listener(listener).build()) {
      LinkFixtures.seed(modlink, 3);
      modlink.link().create(List.of(pw("p1", "w1"), pw("p2", "w1")));
      assertThatThrownBy(() -> modlink.link().create(pw("p3", "w7"))).isInstanceOf(NotFoundException.class);
      modlink.link().dismiss(List.of(pw("p2", "w1")));
      assertThat(heard).containsExactly("+p1/w1", "+p2/w1", "-p2/w1");
    }
  }

  @DatabaseTest
  void aBulkCreateCostsRoundTripsPerBatchNotPerLink(TestDatabase db) {
    LinkFixtures.with(config(db), 1, modlink -> {
      List<LinkRequest> requests = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        requests.add(LinkRequest.between(LinkKey.of("catalog", "product_id", "bulk" + i),
            LinkKey.of("stock", "shelf_id", "s" + (i % 3))));
      }
      var stats = modlink.linkSessionFactory().getStatistics();
      stats.clear();
      modlink.link().create(requests, CreateOptions.withoutVerification());
      // 3 selects of existing rows (1,000 keys each) and 3 insert batches of 1,000 rows
      assertThat(stats.getPrepareStatementCount()).isLessThanOrEqualTo(8);
      assertThat(modlink.link().list(LinkQuery.of("product_shelf"))).hasSize(3000);

      stats.clear();
      List<LinkRequest> twice = new ArrayList<>(requests);
      twice.addAll(requests);
      modlink.link().create(twice, CreateOptions.withoutVerification());
      assertThat(stats.getPrepareStatementCount()).isLessThanOrEqualTo(8);
      assertThat(db.column("select count(*) from product_shelf").get(0)).isEqualTo(3000L);
    });
  }

  /**
   * Verification reads each side once, through its store; on PostgreSQL, where both stores are plain
   * tables on the link tables' database, the insert checks the keys itself (no read).
   */
  @DatabaseTest
  void verificationIsOneBatchedReadPerSideOrPartOfTheInsert(TestDatabase db) {
    LinkFixtures.with(config(db), 300, modlink -> {
      List<LinkRequest> requests = new ArrayList<>();
      for (int i = 1; i <= 300; i++) {
        requests.add(LinkRequest.between(LinkKey.of("catalog", "product_id", "p" + i),
            LinkKey.of("stock", "shelf_id", "s" + (1 + i % 3))));
      }
      var catalogStats = modlink.sessionFactory("catalog").getStatistics();
      var stockStats = modlink.sessionFactory("stock").getStatistics();
      catalogStats.clear();
      stockStats.clear();
      var linkStats = modlink.linkSessionFactory().getStatistics();
      linkStats.clear();
      modlink.link().create(requests);
      boolean inTheInsert = db.engine() == Engine.POSTGRESQL;
      assertThat(catalogStats.getPrepareStatementCount()).isEqualTo(inTheInsert ? 0 : 1);
      assertThat(stockStats.getPrepareStatementCount()).isEqualTo(inTheInsert ? 0 : 1);
      if (inTheInsert) {
        assertThat(linkStats.getPrepareStatementCount()).isEqualTo(1);
      }
      assertThat(modlink.link().list(LinkQuery.of("product_shelf"))).hasSize(300);
      assertThat(modlink.store("shelf").read(ReadRequest.all()).rows()).hasSize(3);
    });
  }

  @DatabaseTest
  void aCallSpanningTwoLinksIsCheckedWholeBeforeAnyWrite(TestDatabase db) {
    LinkFixtures.with(config(db), 3, modlink -> {
      modlink.link().create(pw("p1", "w1"));
      var stats = modlink.linkSessionFactory().getStatistics();
      stats.clear();
      LinkRequest shelf = LinkRequest.between(LinkKey.of("catalog", "product_id", "p2"),
          LinkKey.of("stock", "shelf_id", "s1"));
      assertThatThrownBy(() -> modlink.link().create(List.of(shelf, pw("p1", "w2"))))
          .isInstanceOf(ConflictException.class);
      assertThat(stats.getEntityInsertCount()).isZero();
      assertThat(modlink.link().list(LinkQuery.of("product_shelf").withDeleted())).isEmpty();
    });
  }
}
