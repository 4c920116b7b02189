package io.modlink.core.link;

import static io.modlink.core.fixtures.Fixtures.config;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modlink.core.Modlink;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.internal.storage.LinkService;
import io.modlink.core.spi.LinkListener;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bulk creates of 1,000 links and more, which PostgreSQL writes with {@code COPY} (in its text format)
 * and the other engines with batched inserts: pairs that exist are skipped and revived, and values
 * that COPY's text format must escape (tabs, newlines, backslashes, {@code \N}, quotes, unicode) come
 * back as they were sent, in keys and in extra columns of every kind.
 */
class LinkBulkInsertTest {

  private static LinkRequest ps(String product, String shelf) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "shelf_id", shelf));
  }

  private static LinkRequest pw(String product, String warehouse) {
    return LinkRequest.between(LinkKey.of("catalog", "product_id", product), LinkKey.of("stock", "warehouse_id", warehouse));
  }

  /**
   * A many-to-many bulk create whose pairs partly exist (one live, one dismissed, in the middle of the
   * rows): on PostgreSQL the COPY meets the unique index, rolls back to its savepoint and the rows go in
   * with {@code on conflict do nothing}; the existing pairs keep their ids and are revived, the others
   * are inserted once, listeners hear of every link, and the undo removes exactly what the call added.
   */
  @DatabaseTest
  void aBulkCreateThatMeetsExistingPairsSkipsAndRevivesThem(TestDatabase db) {
    LinkRoundTripsTest.Recorder recorder = new LinkRoundTripsTest.Recorder();
    AtomicInteger heard = new AtomicInteger();
    try (Modlink modlink = LinkFixtures.builder(config(db))
        .hibernateProperty("hibernate.session_factory.statement_inspector", recorder)
        .listener(new LinkListener() {
          @Override
          public void attached(List<LinkRecord> links) {
            heard.addAndGet(links.size());
          }
        }).build()) {
      LinkRecord live = modlink.link().create(List.of(ps("bulk1200", "s0")), CreateOptions.withoutVerification())
          .get(0);
      LinkRecord dismissed = modlink.link().create(List.of(ps("bulk2101", "s1")), CreateOptions.withoutVerification())
          .get(0);
      modlink.link().dismiss(List.of(ps("bulk2101", "s1")));
      var before = db.allRows();
      heard.set(0);

      List<LinkRequest> requests = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        requests.add(ps("bulk" + i, "s" + (i % 3)));
      }
      recorder.sql.clear();
      var created = LinkService.of(modlink.link()).createRecorded(requests, CreateOptions.withoutVerification());

      assertThat(created.value()).hasSize(3000).allMatch(LinkRecord::isLive);
      assertThat(created.value()).extracting(LinkRecord::leftKey).startsWith("bulk0", "bulk1", "bulk2");
      assertThat(created.value().get(1200).id()).isEqualTo(live.id());
      assertThat(created.value().get(2101).id()).isEqualTo(dismissed.id());
      assertThat(created.value()).extracting(LinkRecord::id).doesNotHaveDuplicates();
      assertThat(db.column("select count(*) from product_shelf").get(0)).isEqualTo(3000L);
      assertThat(db.column("select count(*) from product_shelf where deleted_at is null").get(0)).isEqualTo(3000L);
      assertThat(heard.get()).isEqualTo(3000);
      if (db.engine() == Engine.POSTGRESQL) {
        assertThat(recorder.sql).as("the statements seen by the inspector").anyMatch(s -> s.startsWith("copy "))
            .anyMatch(s -> s.contains(" on conflict "));
      }

      LinkService.of(modlink.link()).undo(created.changes());
      assertThat(db.allRows()).isEqualTo(before);
    }
  }

  /**
   * Keys and extra columns with characters that COPY's text format escapes, and values that look like
   * its markers: they are stored and read back unchanged.
   */
  @DatabaseTest
  void valuesThatNeedEscapingAreWrittenUnchanged(TestDatabase db) {
    String[] notes = {"tab\there", "new\nline", "carriage\rreturn", "back\\slash", "\\N", "\\.", "quote's \"q\"",
        "unicode é ß 漢字 😀", "", "trailing\\"};
    try (Modlink modlink = LinkFixtures.builder(config(db)).build()) {
      List<LinkRequest> requests = new ArrayList<>();
      Map<String, Map<String, Object>> sent = new HashMap<>();
      for (int i = 0; i < 1200; i++) {
        String product = "p\t" + i + "\\\n" + notes[i % notes.length];
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("priority", i - 600);
        data.put("note", i % 11 == 0 ? null : notes[i % notes.length] + i);
        data.put("meta", Map.of("text", notes[(i + 3) % notes.length], "n", i, "list", List.of("a\tb", "ü")));
        data.put("since", Instant.parse("2024-06-01T10:15:30.123456Z").plusSeconds(i));
        requests.add(pw(product, "w" + (i % 3)).withData(data));
        sent.put(product, data);
      }
      List<LinkRecord> created = modlink.link().create(requests, CreateOptions.withoutVerification());
      assertThat(created).hasSize(1200);

      ObjectMapper json = new ObjectMapper();
      List<LinkRecord> read = modlink.link().list(LinkQuery.of("product_warehouse"));
      assertThat(read).hasSize(1200);
      for (LinkRecord r : read) {
        Map<String, Object> data = sent.get((String) r.leftKey());
        assertThat(data).as("the key %s", r.leftKey()).isNotNull();
        assertThat(r.data().get("priority")).isEqualTo(data.get("priority"));
        assertThat(r.data().get("note")).isEqualTo(data.get("note"));
        assertThat(r.data().get("meta")).isEqualTo(json.valueToTree(data.get("meta")));
        assertThat(r.data().get("since")).isEqualTo(data.get("since"));
      }
      assertThat(db.column("select count(*) from product_warehouse where note is null").get(0))
          .isEqualTo((long) (1200 / 11 + 1));
      assertThat(db.column("select count(distinct product_id) from product_warehouse").get(0)).isEqualTo(1200L);
    }
  }
}
