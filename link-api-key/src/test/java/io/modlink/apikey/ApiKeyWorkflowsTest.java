package io.modlink.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkRequest;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.StatementFaults;
import io.modlink.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The API key service's multi-step operations, run as workflows: setting a key's sales channels
 * (validate, add, remove) and deleting keys (delete, remove their links). All or nothing, checked
 * by failing each at every SQL statement in turn, with everything on one database and with the
 * api_key module on a database of its own.
 */
class ApiKeyWorkflowsTest {
  private static final String TABLE = "publishable_api_key_sales_channel";
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

  /** The api_key module and a stand-in sales channel module, with a fault injector. */
  private static final class Shop implements AutoCloseable {
    final StatementFaults faults = new StatementFaults();
    final Modlink modlink;
    final ApiKeyService apiKeys;
    final List<TestDatabase> databases = new ArrayList<>();

    Shop(TestDatabase db, @Nullable TestDatabase keys) {
      Modlink.Builder builder = Modlink.builder()
          .database(config(db))
          .schema(SchemaAction.MIGRATE)
          .module(ApiKeyModule.DEFINITION)
          .module(SalesChannelStandIn.DEFINITION)
          .links(ApiKeyModule.links())
          .hibernateProperty(StatementFaults.PROPERTY, faults);
      databases.add(db);
      if (keys != null) {
        builder.database(ApiKeyModule.NAME, config(keys));
        databases.add(keys);
      }
      modlink = builder.build();
      apiKeys = new ApiKeyService(modlink);
    }

    /**
     * Keys apk_a and apk_b (publishable), apk_r (publishable, revoked), apk_s (secret, revoked);
     * channels sc_1..sc_3; links a-sc_1, a-sc_2, b-sc_1, r-sc_1, r-sc_3.
     */
    void reset() {
      databases.forEach(db -> db.deleteRows("api_key", "sales_channel", TABLE));
      modlink.sessionFactory(ApiKeyModule.NAME).inTransaction(s -> {
        s.persist(new ApiKey("apk_a", "Web", ApiKeyType.publishable, "pk_a", "pk_a***", "user_1", T0));
        s.persist(new ApiKey("apk_b", "App", ApiKeyType.publishable, "pk_b", "pk_b***", "user_1", T0));
        ApiKey revoked = new ApiKey("apk_r", "Old", ApiKeyType.publishable, "pk_r", "pk_r***", "user_1", T0);
        revoked.revoke("user_2", T0.plusSeconds(60));
        s.persist(revoked);
        ApiKey secret = new ApiKey("apk_s", "Server", ApiKeyType.secret, "hash", "sk_s***", "user_1", T0);
        secret.revoke("user_2", T0.plusSeconds(60));
        s.persist(secret);
      });
      modlink.sessionFactory("sales_channel").inTransaction(s -> {
        for (int i = 1; i <= 3; i++) {
          s.persist(new SalesChannelStandIn("sc_" + i, "Channel " + i));
        }
      });
      modlink.link().create(List.of(link("apk_a", "sc_1"), link("apk_a", "sc_2"), link("apk_b", "sc_1"),
          link("apk_r", "sc_1"), link("apk_r", "sc_3")));
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

    List<String> channelsOf(String key) {
      return modlink.link().list(LinkQuery.of(TABLE).where("publishable_key_id", key)).stream()
          .map(r -> r.rightKey().toString()).sorted().toList();
    }

    @Override
    public void close() {
      modlink.close();
    }
  }

  private static DatabaseConfig config(TestDatabase db) {
    return DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password());
  }

  private static LinkRequest link(String key, String channel) {
    return LinkRequest.between(LinkKey.of("api_key", "api_key_id", key), LinkKey.of("sales_channel",
        "sales_channel_id", channel));
  }

  @DatabaseTest
  void settingTheSalesChannelsOfAKeyAddsAndRemovesAllOrNothing(TestDatabase db) {
    try (Shop shop = new Shop(db, null)) {
      shop.reset();
      shop.apiKeys.updateSalesChannels("apk_a", List.of("sc_3", "sc_2"), List.of("sc_1"));
      assertThat(shop.channelsOf("apk_a")).containsExactly("sc_2", "sc_3");
      assertThat(shop.channelsOf("apk_b")).containsExactly("sc_1");
      // removing a channel that is not linked, adding one that is: nothing to do for them
      shop.apiKeys.updateSalesChannels("apk_a", List.of("sc_3"), List.of("sc_1"));
      assertThat(shop.channelsOf("apk_a")).containsExactly("sc_2", "sc_3");

      shop.reset();
      var before = shop.rows();
      assertThatThrownBy(() -> shop.apiKeys.updateSalesChannels("apk_a", List.of("sc_3", "sc_9"), List.of("sc_1")))
          .isInstanceOf(NotFoundException.class).hasMessage("SalesChannel id not found: sc_9");
      assertThatThrownBy(() -> shop.apiKeys.updateSalesChannels("apk_404", List.of("sc_3"), List.of()))
          .isInstanceOf(NotFoundException.class).hasMessage("ApiKey with id: apk_404 was not found");
      assertThatThrownBy(() -> shop.apiKeys.updateSalesChannels("apk_s", List.of("sc_3"), List.of()))
          .isInstanceOf(NotAllowedException.class)
          .hasMessage("api key apk_s is a secret key: only publishable keys have sales channels");
      assertThatThrownBy(() -> shop.apiKeys.updateSalesChannels("apk_a", List.of("sc_3", "sc_1"), List.of("sc_1")))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("sales channels sc_1 are both added to and removed from api key apk_a; name each channel in one"
              + " of the two lists");
      assertThatThrownBy(() -> shop.apiKeys.updateSalesChannels("apk_a", List.of(" "), List.of()))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("sales channel id [0] to add is empty; give the id of a channel (sc_...)");
      assertThat(shop.rows()).isEqualTo(before);
    }
  }

  @DatabaseTest
  void withoutASalesChannelModuleAKeyHasNoSalesChannels(TestDatabase db) {
    try (Modlink modlink = Modlink.builder().database(config(db)).schema(SchemaAction.MIGRATE)
        .module(ApiKeyModule.DEFINITION).links(ApiKeyModule.links()).build()) {
      ApiKeyService apiKeys = new ApiKeyService(modlink);
      ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Web", "user_1"));
      assertThatThrownBy(() -> apiKeys.updateSalesChannels(key.id(), List.of("sc_1"), List.of()))
          .isInstanceOf(NotAllowedException.class)
          .hasMessage("api key " + key.id() + " cannot have sales channels: no sales_channel module is installed;"
              + " install one to link keys to channels");
    }
  }

  @DatabaseTest
  void onOneDatabaseAFailureAtAnyStatementLeavesEveryRowAsItWas(TestDatabase db) {
    try (Shop shop = new Shop(db, null)) {
      failEverywhere(shop);
    }
  }

  @DatabaseTest
  void withTheKeysOnADatabaseOfTheirOwnCompensationsLeaveEveryRowAsItWas(TestDatabase db) {
    try (Shop shop = new Shop(db, db.sibling("keys"))) {
      assertThat(shop.modlink.transactions().isAtomic()).isFalse();
      failEverywhere(shop);
    }
  }

  private static void failEverywhere(Shop shop) {
    int update = shop.faults.failEveryStatement(shop::reset, shop::rows, shop::outcome,
        () -> shop.apiKeys.updateSalesChannels("apk_a", List.of("sc_3"), List.of("sc_1")));
    assertThat(shop.channelsOf("apk_a")).containsExactly("sc_2", "sc_3");
    int delete = shop.faults.failEveryStatement(shop::reset, shop::rows, shop::outcome,
        () -> assertThat(shop.apiKeys.delete(List.of("apk_s", "apk_r"))).containsExactly("apk_s", "apk_r"));
    assertThat(shop.apiKeys.list(io.modlink.core.spi.ListQuery.all())).extracting(ApiKeyRecord::id)
        .containsExactlyInAnyOrder("apk_a", "apk_b");
    assertThat(shop.modlink.link().list(LinkQuery.of(TABLE).where("publishable_key_id", "apk_r").withDeleted()))
        .hasSize(2).noneMatch(LinkRecord::isLive);
    assertThat(update).as("statements of setting the sales channels").isGreaterThanOrEqualTo(4);
    assertThat(delete).as("statements of deleting keys").isGreaterThanOrEqualTo(4);
  }
}
