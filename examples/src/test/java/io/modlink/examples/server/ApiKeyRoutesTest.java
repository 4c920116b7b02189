package io.modlink.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.examples.server.TestServer.Response;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.List;
import java.util.Map;

/** {@code /admin/api-keys} over HTTP, on H2 and PostgreSQL: every route, its errors, and bad bodies. */
class ApiKeyRoutesTest {
  @DatabaseTest
  void apiKeyRoutes(TestDatabase db) {
    try (TestServer s = new TestServer(db)) {
      // create: 200 with {api_key}; a secret key's raw token is shown this once
      Response secret = s.admin("POST", "/admin/api-keys", Map.of("title", "Back office", "type", "secret")).ok();
      String secretId = secret.text("api_key.id");
      assertThat(secret.text("api_key.token")).startsWith("sk_").hasSize(67);
      assertThat(secret.body().path("api_key").has("salt")).isFalse();
      Response storefront = s.admin("POST", "/admin/api-keys", Map.of("title", "Storefront", "type", "publishable"))
          .ok();
      String pkId = storefront.text("api_key.id");
      assertThat(storefront.text("api_key.token")).startsWith("pk_");
      assertThat(storefront.text("api_key.redacted")).matches("pk_...\\*\\*\\*...");

      // retrieve: Medusa's default fields, sales channels included; never a secret key's token or salt
      Response got = s.admin("GET", "/admin/api-keys/" + secretId).ok();
      assertThat(got.body().path("api_key").has("salt")).isFalse();
      assertThat(got.text("api_key.token")).isEmpty();
      assertThat(got.body().path("api_key").path("sales_channels").isArray()).isTrue();
      assertThat(got.body().path("api_key").fieldNames()).toIterable().containsExactlyInAnyOrder("id", "title",
          "token", "redacted", "type", "last_used_at", "updated_at", "created_at", "created_by", "revoked_at",
          "revoked_by", "sales_channels");
      s.admin("GET", "/admin/api-keys/apk_missing").error(404, "not_found", "API Key with id: apk_missing was not found");

      // list: {api_keys, count, offset, limit}, limit 20 by default; filters in qs style
      Response all = s.admin("GET", "/admin/api-keys").ok();
      assertThat(all.body().path("count").asLong()).isEqualTo(3);      // the fixture's admin key too
      assertThat(all.body().path("limit").asInt()).isEqualTo(20);
      assertThat(all.body().path("offset").asInt()).isZero();
      assertThat(s.admin("GET", "/admin/api-keys?type=publishable").ok().ids("api_keys")).containsExactly(pkId);
      assertThat(s.admin("GET", "/admin/api-keys?id[0]=" + pkId + "&id[1]=" + secretId + "&order=title").ok()
          .ids("api_keys")).containsExactly(secretId, pkId);
      assertThat(s.admin("GET", "/admin/api-keys?q=store").ok().ids("api_keys")).containsExactly(pkId);
      assertThat(s.admin("GET", "/admin/api-keys?title=Storefront").ok().ids("api_keys")).containsExactly(pkId);
      Response page = s.admin("GET", "/admin/api-keys?limit=1&offset=1&order=-created_at&fields=id,title").ok();
      assertThat(page.ids("api_keys")).containsExactly(secretId);
      assertThat(page.body().path("count").asLong()).isEqualTo(3);
      assertThat(page.body().path("api_keys").get(0).fieldNames()).toIterable().containsExactly("id", "title");
      assertThat(s.admin("GET", "/admin/api-keys?revoked_at[$gte]=2000-01-01T00:00:00Z").ok().ids("api_keys")).isEmpty();

      // bad query strings: 400 naming the parameter
      s.admin("GET", "/admin/api-keys?limit=-1").error(400, "invalid_data",
          "limit must be a whole number of 0 or more, got '-1'");
      s.admin("GET", "/admin/api-keys?offset=ten").error(400, "invalid_data",
          "offset must be a whole number of 0 or more, got 'ten'");
      assertThat(s.admin("GET", "/admin/api-keys?colour=red").error(400, "invalid_data",
          "unknown query parameter 'colour'; this route takes created_at, fields, id, limit, offset, order, q,"
              + " revoked_at, title, token, type, updated_at").status()).isEqualTo(400);
      assertThat(s.admin("GET", "/admin/api-keys?type=public").body().toString()).contains("public");

      // update: the title
      assertThat(s.admin("POST", "/admin/api-keys/" + pkId, Map.of("title", "Shop")).ok().text("api_key.title"))
          .isEqualTo("Shop");
      s.admin("POST", "/admin/api-keys/" + pkId, Map.of("title", 42)).error(400, "invalid_data",
          "title must be a string, got a number 42");
      s.admin("POST", "/admin/api-keys/" + pkId, "{\"title\": ").status();
      assertThat(s.admin("POST", "/admin/api-keys/" + pkId, "{\"title\": ").body().path("message").asText())
          .startsWith("the request body is not valid JSON");
      s.admin("POST", "/admin/api-keys/" + pkId, "[1]").error(400, "invalid_data",
          "the request body must be a JSON object, got an array");
      s.admin("POST", "/admin/api-keys/apk_missing", Map.of("title", "x")).error(404, "not_found",
          "API Key with id: apk_missing was not found");
      s.admin("POST", "/admin/api-keys", Map.of("title", "x", "type", "master")).error(400, "invalid_data",
          "type must be one of [publishable, secret], got 'master'");
      s.admin("POST", "/admin/api-keys", Map.of("type", "secret")).error(400, "invalid_data",
          "title is required (a string)");

      // delete: only revoked keys
      s.admin("DELETE", "/admin/api-keys/" + pkId).error(400, "not_allowed",
          "Cannot delete api keys that are not revoked - " + pkId);
      s.admin("POST", "/admin/api-keys/" + pkId + "/revoke", Map.of("revoke_in", -5)).error(400, "invalid_data",
          "revoke_in must be a whole number of 0 or more, got a number -5");
      // revoke in the future: still not deletable
      Response later = s.admin("POST", "/admin/api-keys/" + pkId + "/revoke", Map.of("revoke_in", 3600)).ok();
      assertThat(later.text("api_key.revoked_at")).isNotEmpty();
      assertThat(later.text("api_key.revoked_by")).startsWith("apk_");
      assertThat(s.admin("DELETE", "/admin/api-keys/" + pkId).status()).isEqualTo(400);
      // revoke now, with no body (Medusa's client posts none, with content-type: application/json)
      s.admin("POST", "/admin/api-keys/" + secretId + "/revoke").ok();
      s.admin("POST", "/admin/api-keys/" + secretId + "/revoke").error(400, "invalid_data",
          "There are 1 secret keys that are already revoked. Already revoked: " + secretId + "; a secret key is"
              + " revoked once, so no key was revoked");
      Response deleted = s.admin("DELETE", "/admin/api-keys/" + secretId).ok();
      assertThat(deleted.body().toString()).isEqualTo("{\"id\":\"" + secretId + "\",\"object\":\"api_key\",\"deleted\":true}");
      s.admin("GET", "/admin/api-keys/" + secretId).error(404, "not_found", "API Key with id: " + secretId
          + " was not found");
      s.admin("DELETE", "/admin/api-keys/" + secretId).error(404, "not_found", "API Key with id: " + secretId
          + " was not found");
    }
  }

  @DatabaseTest
  void salesChannelsOfAKey(TestDatabase db) {
    try (TestServer s = new TestServer(db)) {
      String[] key = s.publishableKey("Storefront");
      String web = s.salesChannel("Web");
      String app = s.salesChannel("App");
      String secret = s.admin("POST", "/admin/api-keys", Map.of("title", "Back office", "type", "secret")).ok()
          .text("api_key.id");

      Response added = s.admin("POST", "/admin/api-keys/" + key[0] + "/sales-channels", Map.of("add", List.of(web, app)))
          .ok();
      assertThat(added.body().path("api_key").path("sales_channels").findValuesAsText("id"))
          .containsExactlyInAnyOrder(web, app);
      assertThat(added.body().path("api_key").path("sales_channels").findValuesAsText("name"))
          .containsExactlyInAnyOrder("Web", "App");

      // adding an existing link, removing a missing one: fine
      Response again = s.admin("POST", "/admin/api-keys/" + key[0] + "/sales-channels",
          Map.of("add", List.of(web), "remove", List.of("sc_never_linked"))).ok();
      assertThat(again.body().path("api_key").path("sales_channels").findValuesAsText("id")).hasSize(2);

      // unknown channels: 400, and nothing changes (the removal in the same request is not applied)
      s.admin("POST", "/admin/api-keys/" + key[0] + "/sales-channels",
          Map.of("add", List.of("sc_nope", "sc_gone"), "remove", List.of(web)))
          .error(400, "invalid_data", "Sales channels with IDs sc_nope, sc_gone do not exist");
      assertThat(s.admin("GET", "/admin/api-keys/" + key[0] + "?fields=sales_channels.id").ok().body()
          .path("api_key").path("sales_channels").findValuesAsText("id")).containsExactlyInAnyOrder(web, app);

      // a secret key has no sales channels
      s.admin("POST", "/admin/api-keys/" + secret + "/sales-channels", Map.of("add", List.of(web)))
          .error(400, "invalid_data", "Sales channels can only be associated with publishable API keys");
      s.admin("POST", "/admin/api-keys/apk_missing/sales-channels", Map.of("add", List.of(web)))
          .error(404, "not_found", "API Key with id: apk_missing was not found");
      s.admin("POST", "/admin/api-keys/" + key[0] + "/sales-channels", Map.of("add", web))
          .error(400, "invalid_data", "add must be an array of strings, got a string \"" + web + "\"");

      // remove
      Response removed = s.admin("POST", "/admin/api-keys/" + key[0] + "/sales-channels",
          Map.of("remove", List.of(app))).ok();
      assertThat(removed.body().path("api_key").path("sales_channels").findValuesAsText("id")).containsExactly(web);

      // the reverse direction, and the channels of a key, in one graph query each
      Response channel = s.admin("GET", "/admin/sales-channels/" + web + "?fields=id,*publishable_api_keys").ok();
      assertThat(channel.body().path("sales_channel").path("publishable_api_keys").findValuesAsText("id"))
          .containsExactly(key[0]);
      assertThat(s.admin("GET", "/admin/sales-channels?publishable_key_id=" + key[0]).ok().ids("sales_channels"))
          .containsExactly(web);

      // deleting a (revoked) key removes its links
      s.admin("POST", "/admin/api-keys/" + key[0] + "/revoke", Map.of()).ok();
      s.admin("DELETE", "/admin/api-keys/" + key[0]).ok();
      assertThat(s.admin("GET", "/admin/sales-channels/" + web + "?fields=id,*publishable_api_keys").ok().body()
          .path("sales_channel").path("publishable_api_keys").size()).isZero();
      assertThat(db.column("select count(*) from publishable_api_key_sales_channel where deleted_at is null").get(0)
          .toString()).isEqualTo("0");
    }
  }
}
