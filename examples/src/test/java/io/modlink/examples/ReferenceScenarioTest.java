package io.modlink.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.apikey.ApiKeyRecord;
import io.modlink.apikey.ApiKeyService;
import io.modlink.apikey.CreateApiKey;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.link.Link;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import io.modlink.saleschannel.CreateSalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import io.modlink.saleschannel.SalesChannelRecord;
import io.modlink.saleschannel.SalesChannelService;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.List;
import java.util.Map;

/**
 * The reference scenario with the real modules, end to end, on H2 and PostgreSQL: an API key and a
 * sales channel from two modules that never import each other, linked, listed and dismissed through
 * the {@link Link} service; deletes and restores followed across the link.
 */
class ReferenceScenarioTest {
  private static final String TABLE = "publishable_api_key_sales_channel";

  private static Injector injector(ModlinkModule database) {
    return Guice.createInjector(database.withSchema(SchemaAction.MIGRATE), new ApiKeyModule(),
        new SalesChannelModule());
  }

  private static ModlinkModule database(TestDatabase db) {
    return ModlinkModule.jdbc(db.jdbcUrl(), db.user(), db.password());
  }

  private static Map<String, Map<String, String>> pair(String keyName, String key, String channel) {
    return Map.of("api_key", Map.of(keyName, key), "sales_channel", Map.of("sales_channel_id", channel));
  }

  @DatabaseTest
  void aKeyAndAChannelAreLinkedListedAndDismissed(TestDatabase db) {
    Injector injector = injector(database(db));
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      ApiKeyService apiKeys = injector.getInstance(ApiKeyService.class);
      SalesChannelService channels = injector.getInstance(SalesChannelService.class);
      Link link = injector.getInstance(Link.class);
      assertThat(link).isSameAs(modlink.link());

      ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
      SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));
      SalesChannelRecord app = channels.create(CreateSalesChannel.named("Mobile app"));

      // the reference call, with the api_key_id form
      List<LinkRecord> created = link.create(pair("api_key_id", key.id(), web.id()));
      assertThat(created).singleElement().satisfies(r -> {
        assertThat(r.table()).isEqualTo(TABLE);
        assertThat(r.id()).matches("pksc_[0-9A-Z]{26}");
        assertThat(r.leftKey()).isEqualTo(key.id());
        assertThat(r.rightKey()).isEqualTo(web.id());
        assertThat(r.isLive()).isTrue();
      });
      // and with the publishable_key_id form: the same link
      link.create(pair("publishable_key_id", key.id(), app.id()));
      assertThat(link.create(pair("publishable_key_id", key.id(), web.id()))).singleElement()
          .extracting(LinkRecord::id).isEqualTo(created.get(0).id());

      List<LinkRecord> rows = link.list(LinkQuery.of(TABLE).where("publishable_key_id", key.id()));
      assertThat(rows).extracting(LinkRecord::rightKey).containsExactlyInAnyOrder(web.id(), app.id());
      assertThat(link.list(LinkQuery.of(TABLE).where("sales_channel_id", web.id())))
          .extracting(LinkRecord::leftKey).containsExactly(key.id());
      assertThat(db.column("select publishable_key_id from " + TABLE + " where sales_channel_id = '" + app.id() + "'"))
          .containsExactly(key.id());

      assertThat(link.dismiss(pair("api_key_id", key.id(), web.id()))).hasSize(1);
      assertThat(link.dismiss(pair("publishable_key_id", key.id(), app.id()))).hasSize(1);
      assertThat(link.dismiss(pair("api_key_id", key.id(), app.id()))).isEmpty();   // not linked: ignored
      assertThat(link.list(LinkQuery.of(TABLE))).isEmpty();
      assertThat(link.list(LinkQuery.of(TABLE).withDeleted())).hasSize(2);

      // the records must exist
      assertThatThrownBy(() -> link.create(pair("api_key_id", "apk_123", "sc_123")))
          .isInstanceOf(NotFoundException.class);
    }
  }

  @DatabaseTest
  void deletingAKeyDismissesItsLinks(TestDatabase db) {
    Injector injector = injector(database(db));
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      ApiKeyService apiKeys = injector.getInstance(ApiKeyService.class);
      SalesChannelService channels = injector.getInstance(SalesChannelService.class);
      Link link = modlink.link();
      ApiKeyRecord gone = apiKeys.create(CreateApiKey.publishable("Gone", "user_1"));
      ApiKeyRecord kept = apiKeys.create(CreateApiKey.publishable("Kept", "user_1"));
      SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));
      SalesChannelRecord app = channels.create(CreateSalesChannel.named("Mobile app"));
      link.create(pair("api_key_id", gone.id(), web.id()));
      link.create(pair("api_key_id", gone.id(), app.id()));
      link.create(pair("api_key_id", kept.id(), web.id()));

      apiKeys.revoke(gone.id(), "admin_1", 0);
      apiKeys.delete(List.of(gone.id()));

      assertThat(link.list(LinkQuery.of(TABLE))).extracting(LinkRecord::leftKey).containsExactly(kept.id());
      assertThat(link.list(LinkQuery.of(TABLE).withDeleted()).stream().filter(r -> !r.isLive())
          .map(LinkRecord::rightKey)).containsExactlyInAnyOrder(web.id(), app.id());
      // the channels are untouched
      assertThat(channels.retrieve(web.id()).deletedAt()).isNull();
      assertThat(channels.retrieve(app.id()).deletedAt()).isNull();
    }
  }

  @DatabaseTest
  void softDeletingAChannelDismissesItsLinksAndRestoringItBringsThemBack(TestDatabase db) {
    Injector injector = injector(database(db));
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      ApiKeyService apiKeys = injector.getInstance(ApiKeyService.class);
      SalesChannelService channels = injector.getInstance(SalesChannelService.class);
      Link link = modlink.link();
      ApiKeyRecord first = apiKeys.create(CreateApiKey.publishable("First", "user_1"));
      ApiKeyRecord second = apiKeys.create(CreateApiKey.publishable("Second", "user_1"));
      SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));
      SalesChannelRecord app = channels.create(CreateSalesChannel.named("Mobile app"));
      link.create(pair("api_key_id", first.id(), web.id()));
      link.create(pair("api_key_id", second.id(), web.id()));
      link.create(pair("api_key_id", first.id(), app.id()));

      assertThat(channels.softDelete(List.of(web.id()))).singleElement()
          .satisfies(c -> assertThat(c.deletedAt()).isNotNull());
      assertThat(link.list(LinkQuery.of(TABLE))).extracting(LinkRecord::rightKey).containsExactly(app.id());
      assertThat(apiKeys.retrieve(first.id()).deletedAt()).isNull();   // the keys stay

      assertThat(channels.restore(List.of(web.id()))).hasSize(1);
      assertThat(link.list(LinkQuery.of(TABLE).where("sales_channel_id", web.id())))
          .extracting(LinkRecord::leftKey).containsExactlyInAnyOrder(first.id(), second.id());
      assertThat(link.list(LinkQuery.of(TABLE))).hasSize(3).allMatch(LinkRecord::isLive);
    }
  }

  @DatabaseTest
  void eachModuleMayHaveItsOwnDatabase(TestDatabase db) throws Exception {
    TestDatabase keys = db.sibling("keys");
    TestDatabase channelsDb = db.sibling("channels");
    {
      Injector injector = injector(database(db)
          .withModuleDatabase("api_key", DatabaseConfig.of(keys.jdbcUrl(), keys.user(), keys.password()))
          .withModuleDatabase("sales_channel", DatabaseConfig.of(channelsDb.jdbcUrl(), channelsDb.user(), channelsDb.password())));
      try (Modlink modlink = injector.getInstance(Modlink.class)) {
        ApiKeyService apiKeys = injector.getInstance(ApiKeyService.class);
        SalesChannelService channels = injector.getInstance(SalesChannelService.class);
        Link link = modlink.link();
        ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
        SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web store"));

        link.create(pair("api_key_id", key.id(), web.id()));
        assertThat(link.list(LinkQuery.of(TABLE))).hasSize(1);
        assertThat(db.column("select count(*) from " + TABLE).get(0).toString()).isEqualTo("1");
        assertThat(tables(db)).contains(TABLE).doesNotContain("api_key", "sales_channel");

        channels.softDelete(List.of(web.id()));
        assertThat(link.list(LinkQuery.of(TABLE))).isEmpty();
        channels.restore(List.of(web.id()));
        assertThat(link.list(LinkQuery.of(TABLE))).hasSize(1);
        apiKeys.revoke(key.id(), "admin_1", 0);
        apiKeys.delete(List.of(key.id()));
        assertThat(link.list(LinkQuery.of(TABLE))).isEmpty();
      }
    }
  }

  @DatabaseTest
  void theModulesCanStartInEitherOrderAndAgain(TestDatabase db) {
    DatabaseConfig config = DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password());
    // the sales channel module migrates first, into a schema that then has tables: the API key
    // module's history starts at a baseline and its first migration still runs
    Modlink.builder().database(config).schema(SchemaAction.MIGRATE).module(SalesChannelModule.DEFINITION).build()
        .close();
    for (int start = 0; start < 2; start++) {
      try (Modlink modlink = Modlink.builder().database(config).schema(SchemaAction.MIGRATE)
          .module(ApiKeyModule.DEFINITION).module(SalesChannelModule.DEFINITION).links(ApiKeyModule.links())
          .build()) {
        ApiKeyRecord key = new ApiKeyService(modlink).create(CreateApiKey.publishable("K" + start, "user_1"));
        SalesChannelRecord channel = new SalesChannelService(modlink).create(CreateSalesChannel.named("C" + start));
        modlink.link().create(pair("api_key_id", key.id(), channel.id()));
      }
    }
    assertThat(db.column("select count(*) from " + TABLE).get(0).toString()).isEqualTo("2");
    assertThat(tables(db)).contains("api_key_schema_history", "sales_channel_schema_history");
  }

  private static List<String> tables(TestDatabase db) {
    return db.column("select lower(table_name) from information_schema.tables where table_schema = " + db.currentSchemaSql())
        .stream().map(String::valueOf).toList();
  }

}
