package io.modlink.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.examples.server.TestServer.Response;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.List;
import java.util.Map;

/**
 * The reference scenario over HTTP: a storefront's publishable key scopes {@code /store/products}
 * to the published products of its sales channels.
 */
class StoreProductsTest {
  @DatabaseTest
  void aKeySeesOnlyThePublishedProductsOfItsChannels(TestDatabase db) {
    try (TestServer s = new TestServer(db)) {
      String web = s.salesChannel("Web");
      String app = s.salesChannel("App");
      String pos = s.salesChannel("POS");
      String[] webKey = s.publishableKey("Web storefront");
      String[] appKey = s.publishableKey("App and POS");
      s.admin("POST", "/admin/api-keys/" + webKey[0] + "/sales-channels", Map.of("add", List.of(web))).ok();
      s.admin("POST", "/admin/api-keys/" + appKey[0] + "/sales-channels", Map.of("add", List.of(app, pos))).ok();

      String shirt = s.product("Shirt", "published");      // web, app
      String mug = s.product("Mug", "published");          // pos
      String poster = s.product("Poster", "draft");        // web: a draft, never in the store
      String hat = s.product("Hat", "published");          // no channel
      s.admin("POST", "/admin/sales-channels/" + web + "/products", Map.of("add", List.of(shirt, poster))).ok();
      s.admin("POST", "/admin/sales-channels/" + app + "/products", Map.of("add", List.of(shirt))).ok();
      s.admin("POST", "/admin/sales-channels/" + pos + "/products", Map.of("add", List.of(mug))).ok();

      Response webProducts = s.store("/store/products", webKey[1]).ok();
      assertThat(webProducts.ids("products")).containsExactly(shirt);
      assertThat(webProducts.body().path("count").asLong()).isEqualTo(1);
      assertThat(webProducts.body().path("limit").asInt()).isEqualTo(50);
      assertThat(webProducts.body().path("products").get(0).fieldNames()).toIterable()
          .containsExactly("id", "title", "handle", "options", "created_at", "updated_at");
      assertThat(s.store("/store/products?order=title", appKey[1]).ok().ids("products")).containsExactly(mug, shirt);

      // sales_channel_id narrows to some of the key's channels; another channel is refused
      assertThat(s.store("/store/products?sales_channel_id=" + pos, appKey[1]).ok().ids("products"))
          .containsExactly(mug);
      assertThat(s.store("/store/products?sales_channel_id[0]=" + app + "&sales_channel_id[1]=" + pos + "&order=title",
          appKey[1]).ok().ids("products")).containsExactly(mug, shirt);
      s.store("/store/products?sales_channel_id=" + web, appKey[1]).error(400, "invalid_data",
          "Requested sales channel is not part of the publishable key");

      // one product: 404 unless visible through the key
      assertThat(s.store("/store/products/" + shirt, webKey[1]).ok().text("product.title")).isEqualTo("Shirt");
      s.store("/store/products/" + mug, webKey[1]).error(404, "not_found", "Product with id: " + mug + " was not found");
      s.store("/store/products/" + poster, webKey[1]).error(404, "not_found", "Product with id: " + poster
          + " was not found");
      s.store("/store/products/" + hat, appKey[1]).error(404, "not_found", "Product with id: " + hat + " was not found");

      // pages, with the count of every match
      Response page = s.store("/store/products?limit=1&offset=1&order=title&fields=title", appKey[1]).ok();
      assertThat(page.ids("products")).containsExactly(shirt);
      assertThat(page.body().path("products").get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("title", "id");
      assertThat(page.body().path("count").asLong()).isEqualTo(2);
      assertThat(page.body().path("offset").asInt()).isEqualTo(1);
      s.store("/store/products?limit=x", appKey[1]).error(400, "invalid_data",
          "limit must be a whole number of 0 or more, got 'x'");
      assertThat(s.store("/store/products?q=mu", appKey[1]).ok().ids("products")).containsExactly(mug);

      // publishing, unlinking and deleting change what the store shows
      s.admin("POST", "/admin/products/" + poster, Map.of("status", "published")).ok();
      assertThat(s.store("/store/products?order=title", webKey[1]).ok().ids("products")).containsExactly(poster, shirt);
      s.admin("POST", "/admin/sales-channels/" + web + "/products", Map.of("remove", List.of(shirt))).ok();
      assertThat(s.store("/store/products", webKey[1]).ok().ids("products")).containsExactly(poster);
      s.admin("DELETE", "/admin/products/" + poster).ok();
      assertThat(s.store("/store/products", webKey[1]).ok().ids("products")).isEmpty();
      s.admin("DELETE", "/admin/sales-channels/" + pos).ok();
      assertThat(s.store("/store/products", appKey[1]).ok().ids("products")).containsExactly(shirt);
    }
  }
}
