package io.modlink.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.examples.server.TestServer.Response;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.util.List;
import java.util.Map;

/** {@code /admin/products} over HTTP, on H2 and PostgreSQL; and what a failure nobody expected looks like. */
class ProductRoutesTest {
  @DatabaseTest
  void productRoutes(TestDatabase db) {
    try (TestServer s = new TestServer(db)) {
      // Medusa's creation shape: status defaults to draft, the handle comes from the title, options are kept
      Response created = s.admin("POST", "/admin/products", Map.of("title", "Blue Shirt!",
          "options", List.of(Map.of("title", "Size", "values", List.of("S", "M"))))).ok();
      String shirt = created.text("product.id");
      assertThat(shirt).matches("prod_[0-9A-Z]{26}");
      assertThat(created.text("product.handle")).isEqualTo("blue-shirt");
      assertThat(created.text("product.status")).isEqualTo("draft");
      assertThat(created.text("product.options.0.title")).isEqualTo("Size");
      assertThat(created.body().path("product").path("options").get(0).path("values").findValuesAsText("value"))
          .containsExactly("S", "M");
      assertThat(created.body().path("product").path("sales_channels").isArray()).isTrue();
      String mug = s.admin("POST", "/admin/products", Map.of("title", "Mug", "handle", "mug-1", "status", "published"))
          .ok().text("product.id");

      // a duplicate handle is a 422 naming it, never a 500
      s.admin("POST", "/admin/products", Map.of("title", "Blue shirt")).error(422, "duplicate",
          "Product with handle: blue-shirt, already exists.");
      s.admin("POST", "/admin/products/" + mug, Map.of("handle", "blue-shirt")).error(422, "duplicate",
          "Product with handle: blue-shirt, already exists.");
      // bad bodies
      s.admin("POST", "/admin/products", Map.of("title", "X", "status", "live")).error(400, "invalid_data",
          "status must be one of [draft, published], got 'live'");
      s.admin("POST", "/admin/products", Map.of("title", "X", "options", List.of(Map.of("values", List.of("a")))))
          .error(400, "invalid_data", "options[0].title is required (a string)");
      s.admin("POST", "/admin/products", Map.of("title", "X", "options", List.of(Map.of("title", "A",
          "values", List.of(1))))).error(400, "invalid_data", "values[0] must be a string, got a number 1");
      s.admin("POST", "/admin/products", Map.of("title", " ")).error(400, "invalid_data",
          "product: title must not be blank");

      // a bad fields parameter on a write is refused before anything is written
      assertThat(s.admin("POST", "/admin/products?fields=nmae", Map.of("title", "Lamp")).status()).isEqualTo(400);
      assertThat(s.admin("GET", "/admin/products?handle=lamp").ok().ids("products")).isEmpty();

      // list, retrieve, update
      Response all = s.admin("GET", "/admin/products?order=title").ok();
      assertThat(all.ids("products")).containsExactly(shirt, mug);
      assertThat(all.body().path("limit").asInt()).isEqualTo(50);
      assertThat(s.admin("GET", "/admin/products?status=published").ok().ids("products")).containsExactly(mug);
      assertThat(s.admin("GET", "/admin/products?status[0]=draft&status[1]=published&order=-title").ok()
          .ids("products")).containsExactly(mug, shirt);
      assertThat(s.admin("GET", "/admin/products?id[]=" + mug).ok().ids("products")).containsExactly(mug);
      assertThat(s.admin("GET", "/admin/products?q=shirt").ok().ids("products")).containsExactly(shirt);
      s.admin("GET", "/admin/products?status[$foo]=x").error(400, "invalid_data",
          s.admin("GET", "/admin/products?status[$foo]=x").body().path("message").asText());
      assertThat(s.admin("GET", "/admin/products/" + mug).ok().text("product.handle")).isEqualTo("mug-1");
      s.admin("GET", "/admin/products/prod_missing").error(404, "not_found", "Product with id: prod_missing was not found");
      Response published = s.admin("POST", "/admin/products/" + shirt, Map.of("status", "published", "title", "Shirt"))
          .ok();
      assertThat(published.text("product.status")).isEqualTo("published");
      assertThat(published.text("product.title")).isEqualTo("Shirt");
      s.admin("POST", "/admin/products/prod_missing", Map.of("title", "x")).error(404, "not_found",
          "Product with id: prod_missing was not found");

      // delete: soft, with the product's links; its handle is free again
      String web = s.salesChannel("Web");
      s.admin("POST", "/admin/sales-channels/" + web + "/products", Map.of("add", List.of(mug))).ok();
      Response deleted = s.admin("DELETE", "/admin/products/" + mug).ok();
      assertThat(deleted.body().toString()).isEqualTo("{\"id\":\"" + mug + "\",\"object\":\"product\",\"deleted\":true}");
      s.admin("GET", "/admin/products/" + mug).error(404, "not_found", "Product with id: " + mug + " was not found");
      s.admin("DELETE", "/admin/products/" + mug).error(404, "not_found", "Product with id: " + mug + " was not found");
      assertThat(s.admin("GET", "/admin/sales-channels/" + web + "?fields=id,*products").ok().body()
          .path("sales_channel").path("products").size()).isZero();
      s.admin("POST", "/admin/products", Map.of("title", "Mug", "handle", "mug-1")).ok();

      // a failure the request does not explain: 500 unknown_error, logged with its cause, nothing more in the body
      db.execute("drop table product_sales_channel");
      s.admin("GET", "/admin/products").error(500, "unknown_error", "An unknown error occurred.");
      assertThat(s.errors).singleElement().asString().startsWith("GET /admin/products failed: ");
      s.errors.clear();
    }
  }
}
