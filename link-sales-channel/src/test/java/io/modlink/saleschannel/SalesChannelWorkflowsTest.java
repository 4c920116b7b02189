package io.modlink.saleschannel;

import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.link.LinkSide;
import io.modlink.core.spi.ReadRequest;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.StatementFaults;
import io.modlink.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Deleting sales channels is a workflow (soft-delete the channels, then the cascade through their
 * links, here into stock locations deleted with their channel), and restoring them one unit of
 * work: each fails at every SQL statement in turn and leaves every row as it was, with everything on
 * one database and with the sales_channel module on a database of its own.
 */
class SalesChannelWorkflowsTest {
  private static final String TABLE = "sales_channel_stock_location";
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  private static final LinkDefinition LOCATIONS = LinkDefinition
      .between(LinkSide.of("sales_channel", "sales_channel"),
          LinkSide.of("stock_location", "stock_location").list().deleteCascade())
      .table(TABLE)
      .build();

  private static final class Shop implements AutoCloseable {
    final StatementFaults faults = new StatementFaults();
    final Modlink modlink;
    final SalesChannelService channels;
    final List<TestDatabase> databases = new ArrayList<>();

    Shop(TestDatabase db, @Nullable TestDatabase own) {
      Modlink.Builder builder = Modlink.builder()
          .database(config(db))
          .schema(SchemaAction.MIGRATE)
          .module(SalesChannelModule.DEFINITION)
          .module(StockLocation.DEFINITION)
          .link(LOCATIONS)
          .hibernateProperty(StatementFaults.PROPERTY, faults);
      databases.add(db);
      if (own != null) {
        builder.database(SalesChannelModule.NAME, config(own));
        databases.add(own);
      }
      modlink = builder.build();
      channels = new SalesChannelService(modlink);
    }

    /** Channels sc_1 (with metadata), sc_2; locations sloc_1..3; links sc_1-sloc_1, sc_1-sloc_2, sc_2-sloc_3. */
    void reset(boolean deleted) {
      databases.forEach(db -> db.deleteRows("sales_channel", "stock_location", TABLE));
      modlink.sessionFactory(SalesChannelModule.NAME).inTransaction(s -> {
        SalesChannel web = new SalesChannel("sc_1", "Web", "The web store", T0);
        Map<String, @Nullable Object> metadata = new LinkedHashMap<>();
        metadata.put("region", "eu");
        metadata.put("tags", List.of("a", 1, true));
        web.setMetadata(metadata);
        s.persist(web);
        s.persist(new SalesChannel("sc_2", "POS", null, T0));
      });
      modlink.sessionFactory("stock_location").inTransaction(s -> {
        for (int i = 1; i <= 3; i++) {
          s.persist(new StockLocation("sloc_" + i, "Location " + i));
        }
      });
      modlink.link().create(List.of(link("sc_1", "sloc_1"), link("sc_1", "sloc_2"), link("sc_2", "sloc_3")));
      if (deleted) {
        channels.softDelete(List.of("sc_1"));
      }
    }

    Map<String, List<Map<String, @Nullable Object>>> rows() {
      Map<String, List<Map<String, @Nullable Object>>> all = new TreeMap<>();
      databases.forEach(db -> db.allRows().forEach((table, rows) -> all.put(db.name() + "." + table, rows)));
      return all;
    }

    Map<String, List<String>> outcome() {
      Map<String, List<String>> all = new TreeMap<>();
      databases.forEach(db -> db.outcome().forEach((table, rows) -> all.put(db.name() + "." + table, rows)));
      return all;
    }

    @Override
    public void close() {
      modlink.close();
    }
  }

  private static DatabaseConfig config(TestDatabase db) {
    return DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password());
  }

  private static LinkRequest link(String channel, String location) {
    return LinkRequest.between(LinkKey.of("sales_channel", "sales_channel_id", channel),
        LinkKey.of("stock_location", "stock_location_id", location));
  }

  @DatabaseTest
  void onOneDatabase(TestDatabase db) {
    try (Shop shop = new Shop(db, null)) {
      failEverywhere(shop);
    }
  }

  @DatabaseTest
  void withTheChannelsOnADatabaseOfTheirOwn(TestDatabase db) {
    try (Shop shop = new Shop(db, db.sibling("channels"))) {
      assertThat(shop.modlink.transactions().isAtomic()).isFalse();
      failEverywhere(shop);
    }
  }

  private static void failEverywhere(Shop shop) {
    int delete = shop.faults.failEveryStatement(() -> shop.reset(false), shop::rows, shop::outcome,
        () -> assertThat(shop.channels.softDelete(List.of("sc_1", "sc_9"))).extracting(SalesChannelRecord::id)
            .containsExactly("sc_1"));
    assertThat(shop.modlink.store("stock_location").read(ReadRequest.all()).rows()).hasSize(1);
    assertThat(shop.modlink.link().list(LinkQuery.of(TABLE))).extracting(LinkRecord::leftKey).containsExactly("sc_2");
    assertThat(delete).as("statements of deleting a channel").isGreaterThanOrEqualTo(5);

    int restore = shop.faults.failEveryStatement(() -> shop.reset(true), shop::rows, shop::outcome,
        () -> assertThat(shop.channels.restore(List.of("sc_1"))).extracting(SalesChannelRecord::id)
            .containsExactly("sc_1"));
    assertThat(shop.modlink.store("stock_location").read(ReadRequest.all()).rows()).hasSize(3);
    assertThat(shop.modlink.link().list(LinkQuery.of(TABLE))).hasSize(3);
    assertThat(restore).as("statements of restoring a channel").isGreaterThanOrEqualTo(5);
  }
}
