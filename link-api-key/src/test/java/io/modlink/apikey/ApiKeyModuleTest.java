package io.modlink.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.guice.ModlinkBinder;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.link.LinkRegistry;
import io.modlink.core.link.ResolvedLink;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.module.ModuleDefinition;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.junit.jupiter.api.Test;

/** The API Key module, alone and with a sales channel module it does not depend on. */
class ApiKeyModuleTest {
  /** A stand-in sales channel module: this artifact never depends on link-sales-channel. */
  @Entity(name = "SalesChannel")
  @Table(name = "sales_channel")
  public static class SalesChannelStandIn {
    @Id
    @Column(name = "id")
    public String id;

    @Column(name = "name")
    public String name;
  }

  static final class SalesChannelStandInModule extends AbstractModule {
    @Override
    protected void configure() {
      ModlinkBinder.forModule(binder(),
          ModuleDefinition.builder("sales_channel").entity(SalesChannelStandIn.class).build());
    }
  }

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
    }
  }

  @DatabaseTest
  void theApiKeyEntityAndThePredefinedLink(TestDatabase db) {
    try (Modlink modlink = Guice.createInjector(
            ModlinkModule.jdbc(db.jdbcUrl(), db.user(), db.password()).withSchema(SchemaAction.CREATE),
            new ApiKeyModule(), new SalesChannelStandInModule())
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
      assertThat(registry.relation("api_key", "sales_channels").orElseThrow().isList()).isTrue();
      assertThat(registry.relation("sales_channel", "publishable_api_keys").orElseThrow().target())
          .isSameAs(apiKey);
      // the unique index on token exists
      assertThat(db.column("select count(*) from information_schema.tables where lower(table_name) = 'api_key'")
          .get(0)).isEqualTo(1L);
    }
  }
}
