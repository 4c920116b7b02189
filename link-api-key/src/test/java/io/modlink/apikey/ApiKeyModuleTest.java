package io.modlink.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.spi.ListQuery;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRegistry;
import io.modlink.core.link.ResolvedLink;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldType;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The API Key module, alone and with a sales channel module it does not depend on. */
class ApiKeyModuleTest {
  @Test
  void withoutASalesChannelModuleTheLinkIsInactive() {
    try (Modlink modlink = Guice.createInjector(ModlinkModule.embedded(), new ApiKeyModule())
        .getInstance(Modlink.class)) {
      LinkRegistry registry = modlink.registry();
      assertThat(registry.links()).isEmpty();
      assertThat(registry.inactiveLinks()).singleElement().satisfies(l -> {
        assertThat(l.definition()).isEqualTo(ApiKeyModule.SALES_CHANNEL_LINK);
        assertThat(l.reason()).isEqualTo("module 'sales_channel' is not installed");
      });
      // the module works on its own, and deleting keys has no link to follow
      ApiKeyService apiKeys = new ApiKeyService(modlink);
      ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Alone", "user_1"));
      apiKeys.revoke(key.id(), "user_1", 0);
      assertThat(apiKeys.delete(List.of(key.id()))).containsExactly(key.id());
    }
  }

  @DatabaseTest
  void theApiKeyEntityAndThePredefinedLink(TestDatabase db) {
    try (Modlink modlink = Guice.createInjector(
            ModlinkModule.jdbc(db.jdbcUrl(), db.user(), db.password()).withSchema(SchemaAction.CREATE),
            new ApiKeyModule(), new SalesChannelStandIn.Module())
        .getInstance(Modlink.class)) {
      LinkRegistry registry = modlink.registry();
      EntityModel apiKey = registry.entity("api_key").orElseThrow();
      assertThat(apiKey.table()).isEqualTo("api_key");
      assertThat(apiKey.linkableKeyNames()).containsExactly("api_key_id", "publishable_key_id");
      assertThat(apiKey.field("type").orElseThrow().type()).isEqualTo(FieldType.ENUM);
      assertThat(apiKey.field("last_used_at").orElseThrow().type()).isEqualTo(FieldType.DATETIME);
      assertThat(apiKey.isSoftDeletable()).isTrue();

      ResolvedLink link = registry.links().get(0);
      assertThat(link.table()).contains("publishable_api_key_sales_channel");
      assertThat(link.idPrefix()).contains("pksc");
      assertThat(link.left().column()).isEqualTo("publishable_key_id");
      assertThat(link.right().column()).isEqualTo("sales_channel_id");
      assertThat(link.left().isList()).isTrue();
      assertThat(link.right().isList()).isTrue();
      assertThat(registry.relation("api_key", "sales_channels").orElseThrow().isList()).isTrue();
      assertThat(registry.relation("sales_channel", "publishable_api_keys").orElseThrow().target())
          .isSameAs(apiKey);
      assertThat(db.column("select count(*) from information_schema.tables where lower(table_name) = 'api_key'"
          + " and table_schema = " + db.currentSchemaSql()).get(0).toString()).isEqualTo("1");
    }
  }

  @DatabaseTest
  void migrateCreatesTheTableFromTheModulesMigrationsWithAHistoryOfItsOwn(TestDatabase db) {
    for (int start = 0; start < 2; start++) {   // the second start finds nothing to migrate
      try (Modlink modlink = Modlink.builder()
          .database(DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password()))
          .schema(SchemaAction.MIGRATE)
          .module(ApiKeyModule.DEFINITION)
          .build()) {
        new ApiKeyService(modlink).create(CreateApiKey.publishable("Start " + start, "user_1"));
      }
    }
    assertThat(ApiKeyModule.DEFINITION.migrations()).contains("classpath:db/modlink/api_key/{vendor}");
    assertThat(db.column("select " + db.quote("version") + " from " + db.quote("api_key_schema_history")
        + " where " + db.quote("success") + " = true and " + db.quote("version") + " is not null order by "
        + db.quote("installed_rank"))).extracting(String::valueOf).containsExactly("1");
    assertThat(db.column("select count(*) from api_key").get(0).toString()).isEqualTo("2");
    // the mapping fits the migrated table
    try (Modlink validated = Modlink.builder()
        .database(DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password()))
        .schema(SchemaAction.VALIDATE)
        .module(ApiKeyModule.DEFINITION)
        .build()) {
      assertThat(new ApiKeyService(validated).list(ListQuery.all())).hasSize(2);
    }
    // the unique index on token
    db.execute("insert into api_key (id, token, salt, redacted, title, type, created_by)"
        + " values ('apk_a', 'pk_same', '', 'pk_sam***ame', 'A', 'publishable', 'u')");
    assertThatThrownBy(() -> db.execute("insert into api_key (id, token, salt, redacted, title, type, created_by)"
        + " values ('apk_b', 'pk_same', '', 'pk_sam***ame', 'B', 'publishable', 'u')"))
        .hasMessageContaining("statement failed");
    // the type is publishable or secret
    assertThatThrownBy(() -> db.execute("insert into api_key (id, token, salt, redacted, title, type, created_by)"
        + " values ('apk_c', 'pk_other', '', 'pk_oth***her', 'C', 'private', 'u')"))
        .hasMessageContaining("statement failed");
  }

  @DatabaseTest
  void guiceBindsTheServiceOnce(TestDatabase db) {
    Injector injector = Guice.createInjector(
        ModlinkModule.jdbc(db.jdbcUrl(), db.user(), db.password()).withSchema(SchemaAction.MIGRATE),
        new ApiKeyModule());
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      ApiKeyService service = injector.getInstance(ApiKeyService.class);
      assertThat(injector.getInstance(ApiKeyService.class)).isSameAs(service);
      ApiKeyRecord key = service.create(CreateApiKey.publishable("Injected", "user_1"));
      assertThat(service.retrieve(key.id())).isEqualTo(key);
      assertThat(modlink.registry().module("api_key")).isPresent();
    }
  }

  @DatabaseTest
  void theModuleMayHaveADatabaseOfItsOwn(TestDatabase db) throws Exception {
    TestDatabase keys = db.sibling("keys");
    try (Modlink modlink = Guice.createInjector(
                 ModlinkModule.jdbc(db.jdbcUrl(), db.user(), db.password())
                     .withSchema(SchemaAction.MIGRATE)
                     .withModuleDatabase("api_key", DatabaseConfig.of(keys.jdbcUrl(), keys.user(), keys.password())),
                 new ApiKeyModule(), new SalesChannelStandIn.Module())
             .getInstance(Modlink.class)) {
      ApiKeyService apiKeys = new ApiKeyService(modlink);
      ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Elsewhere", "user_1"));
      modlink.sessionFactory("sales_channel").inTransaction(s -> s.persist(new SalesChannelStandIn("sc_1", "Web")));
      modlink.link().create(Map.of(
          "api_key", Map.of("api_key_id", key.id()),
          "sales_channel", Map.of("sales_channel_id", "sc_1")));

      assertThat(modlink.dataSource("api_key")).isNotSameAs(modlink.dataSource("sales_channel"));
      // the api_key table and its history are in the module's database only
      assertThat(db.column("select count(*) from information_schema.tables where lower(table_name) = 'api_key'"
          + " and table_schema = " + db.currentSchemaSql()).get(0).toString()).isEqualTo("0");
      try (var c = modlink.dataSource("api_key").getConnection();
           var rs = c.createStatement().executeQuery("select count(*) from api_key")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(1);
      }
      assertThat(modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel"))).hasSize(1);

      apiKeys.revoke(key.id(), "user_1", 0);
      apiKeys.delete(List.of(key.id()));
      assertThat(modlink.link().list(LinkQuery.of("publishable_api_key_sales_channel"))).isEmpty();
    }
  }
}
