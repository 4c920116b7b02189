package io.modlink.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.examples.server.TestServer.Response;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.List;
import java.util.Map;

/** {@code /admin/sales-channels} over HTTP, on H2 and PostgreSQL. */
class SalesChannelRoutesTest {
  @DatabaseTest
  void salesChannelRoutes(TestDatabase db) {
    try (TestServer s = new TestServer(db)) {
      Response created = s.admin("POST", "/admin/sales-channels", Map.of("name", "Web", "description", "The online shop",
          "metadata", Map.of("region", "eu"))).ok();
      String web = created.text("sales_channel.id");
      assertThat(web).matches("sc_[0-9A-Z]{26}");
      assertThat(created.body().path("sales_channel").fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name",
          "description", "is_disabled", "created_at", "updated_at", "deleted_at", "metadata");
      assertThat(created.text("sales_channel.metadata.region")).isEqualTo("eu");
      String app = s.admin("POST", "/admin/sales-channels", Map.of("name", "App", "is_disabled", true)).ok()
          .text("sales_channel.id");
      s.admin("POST", "/admin/sales-channels", Map.of("name", "")).error(400, "invalid_data",
          "sales channel [0]: name must not be blank; give the channel a name");
      s.admin("POST", "/admin/sales-channels", Map.of("name", "X", "is_disabled", "yes")).error(400, "invalid_data",
          "is_disabled must be true or false, got a string \"yes\"");
      s.admin("POST", "/admin/sales-channels", Map.of("name", "X", "metadata", List.of(1))).error(400, "invalid_data",
          "metadata must be an object, got an array [1]");

      // list, with Medusa's filters and the default limit of 20
      Response all = s.admin("GET", "/admin/sales-channels?order=name").ok();
      assertThat(all.ids("sales_channels")).containsExactly(app, web);
      assertThat(all.body().path("limit").asInt()).isEqualTo(20);
      assertThat(s.admin("GET", "/admin/sales-channels?is_disabled=true").ok().ids("sales_channels")).containsExactly(app);
      assertThat(s.admin("GET", "/admin/sales-channels?q=online").ok().ids("sales_channels")).containsExactly(web);
      assertThat(s.admin("GET", "/admin/sales-channels?name=Web").ok().ids("sales_channels")).containsExactly(web);
      assertThat(s.admin("GET", "/admin/sales-channels?id=" + app).ok().ids("sales_channels")).containsExactly(app);

      // retrieve and update
      assertThat(s.admin("GET", "/admin/sales-channels/" + web + "?fields=name").ok().body().path("sales_channel")
          .fieldNames()).toIterable().containsExactlyInAnyOrder("id", "name");
      s.admin("GET", "/admin/sales-channels/sc_missing").error(404, "not_found", "Sales channel with id: sc_missing"
          + " not found");
      Response updated = s.admin("POST", "/admin/sales-channels/" + app, Map.of("name", "Mobile app",
          "is_disabled", false)).ok();
      assertThat(updated.text("sales_channel.name")).isEqualTo("Mobile app");
      assertThat(updated.body().path("sales_channel").path("is_disabled").asBoolean()).isFalse();
      s.admin("POST", "/admin/sales-channels/sc_missing", Map.of("name", "x")).error(404, "not_found",
          "Sales channel with id: sc_missing not found");

      // the channel's products: add and remove as one workflow; unknown products change nothing
      String shirt = s.product("Shirt", "published");
      String mug = s.product("Mug", "draft");
      Response linked = s.admin("POST", "/admin/sales-channels/" + web + "/products?fields=id,*products",
          Map.of("add", List.of(shirt, mug))).ok();
      assertThat(linked.body().path("sales_channel").path("products").findValuesAsText("title"))
          .containsExactlyInAnyOrder("Shirt", "Mug");
      s.admin("POST", "/admin/sales-channels/" + web + "/products", Map.of("add", List.of("prod_nope"),
          "remove", List.of(shirt))).error(400, "invalid_data", "Products with IDs prod_nope do not exist");
      assertThat(s.admin("GET", "/admin/products?sales_channel_id=" + web + "&order=title").ok().ids("products"))
          .containsExactly(mug, shirt);
      s.admin("POST", "/admin/sales-channels/" + web + "/products", Map.of("remove", List.of(mug))).ok();
      assertThat(s.admin("GET", "/admin/products/" + shirt + "?fields=id,sales_channels.name").ok().body()
          .path("product").path("sales_channels").findValuesAsText("name")).containsExactly("Web");
      s.admin("POST", "/admin/sales-channels/sc_missing/products", Map.of("add", List.of(shirt))).error(404,
          "not_found", "Sales channel with id: sc_missing not found");

      // the channels of a publishable key, through the link
      String[] key = s.publishableKey("Storefront");
      s.admin("POST", "/admin/api-keys/" + key[0] + "/sales-channels", Map.of("add", List.of(web))).ok();
      assertThat(s.admin("GET", "/admin/sales-channels?publishable_key_id=" + key[0]).ok().ids("sales_channels"))
          .containsExactly(web);
      assertThat(s.admin("GET", "/admin/sales-channels?publishable_key_id[0]=" + key[0] + "&publishable_key_id[1]=x")
          .ok().ids("sales_channels")).containsExactly(web);
      assertThat(s.admin("GET", "/admin/sales-channels?publishable_key_id=apk_none").ok().ids("sales_channels")).isEmpty();

      // the fields rules: +f adds (a + decoded as a space, too), -f removes, *rel adds a relation, unknown is 400
      Response plus = s.admin("GET", "/admin/sales-channels/" + web + "?fields=%2Bpublishable_api_keys.title,-metadata")
          .ok();
      assertThat(plus.body().path("sales_channel").has("metadata")).isFalse();
      assertThat(plus.body().path("sales_channel").path("publishable_api_keys").findValuesAsText("title"))
          .containsExactly("Storefront");
      Response space = s.admin("GET", "/admin/sales-channels/" + web + "?fields=+publishable_api_keys.title").ok();
      assertThat(space.body().path("sales_channel").has("name")).isTrue();
      assertThat(space.body().path("sales_channel").path("publishable_api_keys").size()).isEqualTo(1);
      Response star = s.admin("GET", "/admin/sales-channels/" + web + "?fields=id,*publishable_api_keys").ok();
      assertThat(star.body().path("sales_channel").path("publishable_api_keys").get(0).has("salt")).isFalse();
      assertThat(star.body().path("sales_channel").path("publishable_api_keys").get(0).path("token").asText())
          .isEqualTo(key[1]);
      assertThat(s.admin("GET", "/admin/sales-channels/" + web + "?fields=nmae").error(400, "invalid_data",
          s.admin("GET", "/admin/sales-channels/" + web + "?fields=nmae").body().path("message").asText()).body()
          .path("message").asText()).contains("'nmae'");
      s.admin("GET", "/admin/sales-channels/" + web + "?fields=*publishable_api_keys,publishable_api_keys.salt")
          .error(400, "invalid_data", "Requested fields [publishable_api_keys.salt] are not valid");
      s.admin("GET", "/admin/sales-channels/" + web + "?limit=5").error(400, "invalid_data",
          "unknown query parameter 'limit'; this route takes fields");

      // delete: the channel and its links go
      Response deleted = s.admin("DELETE", "/admin/sales-channels/" + web).ok();
      assertThat(deleted.body().toString()).isEqualTo("{\"id\":\"" + web + "\",\"object\":\"sales-channel\","
          + "\"deleted\":true}");
      s.admin("GET", "/admin/sales-channels/" + web).error(404, "not_found", "Sales channel with id: " + web
          + " not found");
      s.admin("DELETE", "/admin/sales-channels/" + web).error(404, "not_found", "Sales channel with id: " + web
          + " not found");
      assertThat(s.admin("GET", "/admin/api-keys/" + key[0]).ok().body().path("api_key").path("sales_channels").size())
          .isZero();
      assertThat(s.admin("GET", "/admin/products/" + shirt).ok().body().path("product").path("sales_channels").size())
          .isZero();
    }
  }
}
