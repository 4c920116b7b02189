package io.modlink.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.link.Link;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkQuery;
import io.modlink.core.link.LinkRecord;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.link.LinkSide;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.List;
import java.util.Map;

/**
 * The predefined link between API keys and sales channels, end to end, with a stand-in sales
 * channel module (this artifact never depends on link-sales-channel).
 */
class ApiKeyLinkTest {
  private static final String TABLE = "publishable_api_key_sales_channel";

  private static Injector injector(TestDatabase db) {
    return Guice.createInjector(
        ModlinkModule.jdbc(db.jdbcUrl(), db.user(), db.password()).withSchema(SchemaAction.MIGRATE),
        new ApiKeyModule(), new SalesChannelStandIn.Module());
  }

  private static void channels(Modlink modlink, String... ids) {
    modlink.sessionFactory("sales_channel").inTransaction(s -> {
      for (String id : ids) {
        s.persist(new SalesChannelStandIn(id, "Channel " + id));
      }
    });
  }

  @DatabaseTest
  void theReferenceCallLinksAKeyAndAChannelWithEitherKeyName(TestDatabase db) {
    Injector injector = injector(db);
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      ApiKeyService apiKeys = injector.getInstance(ApiKeyService.class);
      Link link = injector.getInstance(Link.class);
      ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Storefront", "user_1"));
      channels(modlink, "sc_123", "sc_456");

      // the api_key_id form: the reference call as written
      List<LinkRecord> created = link.create(Map.of(
          "api_key", Map.of("api_key_id", key.id()),
          "sales_channel", Map.of("sales_channel_id", "sc_123")));
      assertThat(created).singleElement().satisfies(r -> {
        assertThat(r.table()).isEqualTo(TABLE);
        assertThat(r.id()).matches("pksc_[0-9A-Z]{26}");
        assertThat(r.leftKey()).isEqualTo(key.id());
        assertThat(r.rightKey()).isEqualTo("sc_123");
      });
      // the publishable_key_id form reaches the same link
      link.create(Map.of(
          "sales_channel", Map.of("sales_channel_id", "sc_456"),
          "api_key", Map.of("publishable_key_id", key.id())));
      // creating an existing pair again changes nothing
      link.create(LinkRequest.between(LinkKey.of("api_key", "publishable_key_id", key.id()),
          LinkKey.of("sales_channel", "sales_channel_id", "sc_123")));

      List<LinkRecord> rows = link.list(LinkQuery.of(TABLE).where("publishable_key_id", key.id()));
      assertThat(rows).extracting(LinkRecord::rightKey).containsExactlyInAnyOrder("sc_123", "sc_456");
      assertThat(db.column("select count(*) from " + TABLE).get(0).toString()).isEqualTo("2");

      // dismiss with either form
      assertThat(link.dismiss(Map.of(
          "api_key", Map.of("api_key_id", key.id()),
          "sales_channel", Map.of("sales_channel_id", "sc_123")))).hasSize(1);
      assertThat(link.dismiss(Map.of(
          "api_key", Map.of("publishable_key_id", key.id()),
          "sales_channel", Map.of("sales_channel_id", "sc_456")))).hasSize(1);
      assertThat(link.list(LinkQuery.of(TABLE))).isEmpty();
      assertThat(link.list(LinkQuery.of(TABLE).withDeleted())).hasSize(2).noneMatch(LinkRecord::isLive);
    }
  }

  @DatabaseTest
  void linkingVerifiesThatTheKeyExists(TestDatabase db) {
    Injector injector = injector(db);
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      channels(modlink, "sc_123");
      assertThatThrownBy(() -> modlink.link().create(Map.of(
          "api_key", Map.of("api_key_id", "apk_123"),
          "sales_channel", Map.of("sales_channel_id", "sc_123"))))
          .isInstanceOf(NotFoundException.class)
          .hasMessageStartingWith("api_key not found for api_key_id apk_123 (link " + TABLE + ")");
    }
  }

  @DatabaseTest
  void deletingKeysDismissesTheirLinks(TestDatabase db) {
    Injector injector = injector(db);
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      ApiKeyService apiKeys = injector.getInstance(ApiKeyService.class);
      Link link = modlink.link();
      ApiKeyRecord kept = apiKeys.create(CreateApiKey.publishable("Kept", "user_1"));
      ApiKeyRecord first = apiKeys.create(CreateApiKey.publishable("First", "user_1"));
      ApiKeyRecord second = apiKeys.create(CreateApiKey.publishable("Second", "user_1"));
      channels(modlink, "sc_1", "sc_2");
      for (ApiKeyRecord key : List.of(kept, first, second)) {
        for (String channel : List.of("sc_1", "sc_2")) {
          link.create(Map.of("api_key", Map.of("api_key_id", key.id()),
              "sales_channel", Map.of("sales_channel_id", channel)));
        }
      }

      // a key that is not revoked keeps its links
      assertThatThrownBy(() -> apiKeys.delete(List.of(first.id())))
          .isInstanceOf(NotAllowedException.class);
      assertThat(link.list(LinkQuery.of(TABLE))).hasSize(6);

      apiKeys.revoke(List.of(first.id(), second.id()), "admin_1", 0);
      assertThat(apiKeys.delete(List.of(first.id(), second.id()))).containsExactly(first.id(), second.id());

      assertThat(link.list(LinkQuery.of(TABLE))).extracting(LinkRecord::leftKey).containsOnly(kept.id()).hasSize(2);
      List<LinkRecord> dismissed = link.list(LinkQuery.of(TABLE).withDeleted()).stream()
          .filter(r -> !r.isLive()).toList();
      assertThat(dismissed).extracting(LinkRecord::leftKey)
          .containsExactlyInAnyOrder(first.id(), first.id(), second.id(), second.id());
      assertThat(db.column("select count(*) from api_key").get(0).toString()).isEqualTo("1");
    }
  }

  @DatabaseTest
  void whenTheLinksCannotBeDismissedNoKeyIsDeleted(TestDatabase db) {
    // deleting a key cascades to its webhooks, which cannot be soft-deleted: the cascade fails
    LinkDefinition webhooks = LinkDefinition
        .between(LinkSide.of("api_key", "api_key"), LinkSide.of("webhook", "webhook").list().deleteCascade())
        .build();
    try (Modlink modlink = Modlink.builder()
        .database(DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password()))
        .schema(SchemaAction.MIGRATE)
        .module(ApiKeyModule.DEFINITION)
        .module(Webhook.DEFINITION)
        .link(webhooks)
        .build()) {
      ApiKeyService apiKeys = new ApiKeyService(modlink);
      ApiKeyRecord key = apiKeys.create(CreateApiKey.secret("Server", "user_1"));
      modlink.sessionFactory("webhook").inTransaction(s -> s.persist(new Webhook("wh_1", "https://example.com")));
      modlink.link().create(Map.of("api_key", Map.of("api_key_id", key.id()),
          "webhook", Map.of("webhook_id", "wh_1")));
      apiKeys.revoke(key.id(), "admin_1", 0);

      assertThatThrownBy(() -> apiKeys.delete(List.of(key.id())))
          .isInstanceOf(NotAllowedException.class)
          .hasMessageContaining("webhook has no deleted_at field");
      assertThat(apiKeys.retrieve(key.id()).id()).isEqualTo(key.id());
      assertThat(modlink.link().list(LinkQuery.of("api_key_webhook"))).singleElement()
          .satisfies(r -> assertThat(r.isLive()).isTrue());
    }
  }
}
