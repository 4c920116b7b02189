package io.modlink.saleschannel;

import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.core.spi.ListQuery;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.spi.ReadRequest;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.time.Instant;
import java.util.Map;

/** The Sales Channel module's model, store, migrations and composition, on H2 and PostgreSQL. */
class SalesChannelModuleTest {
  @DatabaseTest
  void theSalesChannelEntityIsReadableThroughItsStore(TestDatabase db) {
    try (Modlink modlink = Guice.createInjector(
            ModlinkModule.jdbc(db.jdbcUrl(), db.user(), db.password()).withSchema(SchemaAction.CREATE),
            new SalesChannelModule())
        .getInstance(Modlink.class)) {
      EntityModel model = modlink.registry().entity("sales_channels").orElseThrow();
      assertThat(model.linkableKeyNames()).containsExactly("sales_channel_id");
      assertThat(model.field("is_disabled").orElseThrow().type()).isEqualTo(FieldType.BOOLEAN);
      assertThat(model.field("metadata").orElseThrow().type()).isEqualTo(FieldType.JSON);

      modlink.sessionFactory("sales_channel").inTransaction(s -> {
        SalesChannel web = new SalesChannel("sc_1", "Web", "the web store", Instant.parse("2024-01-01T00:00:00Z"));
        web.setMetadata(Map.of("region", "eu"));
        s.persist(web);
        SalesChannel pos = new SalesChannel("sc_2", "POS", null, Instant.parse("2024-01-02T00:00:00Z"));
        pos.setDisabled(true);
        s.persist(pos);
      });
      var rows = modlink.store("sales_channel")
          .read(ReadRequest.builder().filter("is_disabled", false).fields("name", "metadata").build()).rows();
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).get("id").asText()).isEqualTo("sc_1");
      assertThat(rows.get(0).get("metadata").get("region").asText()).isEqualTo("eu");
    }
  }

  @DatabaseTest
  void migrateCreatesTheTableFromTheModulesMigrationsWithAHistoryOfItsOwn(TestDatabase db) {
    DatabaseConfig config = DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password());
    for (int start = 0; start < 2; start++) {   // the second start finds nothing to migrate
      try (Modlink modlink = Modlink.builder().database(config).schema(SchemaAction.MIGRATE)
          .module(SalesChannelModule.DEFINITION).build()) {
        new SalesChannelService(modlink).create(CreateSalesChannel.named("Start " + start)
            .withMetadata(Map.of("start", start)));
      }
    }
    assertThat(SalesChannelModule.DEFINITION.migrations()).contains("classpath:db/modlink/sales_channel");
    assertThat(db.column("select " + db.quote("version") + " from " + db.quote("sales_channel_schema_history")
        + " where " + db.quote("success") + " = true and " + db.quote("version") + " is not null order by "
        + db.quote("installed_rank"))).extracting(String::valueOf)
        .containsExactly("1");
    assertThat(db.column("select " + db.quote("description") + " from " + db.quote("sales_channel_schema_history")
        + " where " + db.quote("version") + " = '1'"))
        .containsExactly("Create sales channel");
    // metadata is jsonb on PostgreSQL, json on H2; MariaDB's json is a longtext with a json_valid check
    assertThat(db.column("select lower(data_type) from information_schema.columns where lower(table_name) ="
        + " 'sales_channel' and lower(column_name) = 'metadata' and table_schema = " + db.currentSchemaSql()))
        .containsExactly(switch (db.engine()) {
          case POSTGRESQL -> "jsonb";
          case MARIADB -> "longtext";
          case H2 -> "json";
        });
    assertThat(db.column("select count(*) from sales_channel where is_disabled = false").get(0).toString())
        .isEqualTo("2");
    try (Modlink validated = Modlink.builder().database(config).schema(SchemaAction.VALIDATE)
        .module(SalesChannelModule.DEFINITION).build()) {
      assertThat(new SalesChannelService(validated).list(ListQuery.all()))
          .extracting(c -> c.metadata().get("start")).containsExactly(0, 1);
    }
  }

  @DatabaseTest
  void guiceBindsTheServiceOnce(TestDatabase db) {
    Injector injector = Guice.createInjector(
        ModlinkModule.jdbc(db.jdbcUrl(), db.user(), db.password()).withSchema(SchemaAction.MIGRATE),
        new SalesChannelModule());
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      SalesChannelService service = injector.getInstance(SalesChannelService.class);
      assertThat(injector.getInstance(SalesChannelService.class)).isSameAs(service);
      SalesChannelRecord web = service.create(CreateSalesChannel.named("Web"));
      assertThat(service.retrieve(web.id())).isEqualTo(web);
      assertThat(modlink.registry().links()).isEmpty();
    }
  }

  @DatabaseTest
  void theModuleMayHaveADatabaseOfItsOwn(TestDatabase db) throws Exception {
    TestDatabase channels = db.sibling("channels");
    try (Modlink modlink = Modlink.builder()
             .database(DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password()))
             .database("sales_channel", DatabaseConfig.of(channels.jdbcUrl(), channels.user(), channels.password()))
             .schema(SchemaAction.MIGRATE)
             .module(SalesChannelModule.DEFINITION)
             .build()) {
      SalesChannelService service = new SalesChannelService(modlink);
      SalesChannelRecord web = service.create(CreateSalesChannel.named("Web"));
      assertThat(db.column("select count(*) from information_schema.tables where lower(table_name) ="
          + " 'sales_channel' and table_schema = " + db.currentSchemaSql()).get(0).toString()).isEqualTo("0");
      try (var c = modlink.dataSource("sales_channel").getConnection();
           var rs = c.createStatement().executeQuery("select name from sales_channel")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("Web");
      }
      assertThat(service.softDelete(java.util.List.of(web.id()))).hasSize(1);
    }
  }
}
