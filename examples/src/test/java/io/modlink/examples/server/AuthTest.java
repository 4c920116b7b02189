package io.modlink.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Admin routes need a live secret API key; store routes a live publishable key with sales channels. */
class AuthTest {
  @Test
  void theTokenOfBasicAndBearerAuthorizations() {
    assertThat(Auth.token("Basic " + Base64.getEncoder().encodeToString("sk_abc:".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo("sk_abc");
    assertThat(Auth.token("Bearer sk_abc")).isEqualTo("sk_abc");
    assertThat(Auth.token("bearer  sk_abc ")).isEqualTo("sk_abc");
    assertThat(Auth.token("Basic !!!")).isNull();
    assertThat(Auth.token("Basic " + Base64.getEncoder().encodeToString(":".getBytes(StandardCharsets.UTF_8)))).isNull();
    assertThat(Auth.token("Token sk_abc")).isNull();
    assertThat(Auth.token("sk_abc")).isNull();
    assertThat(Auth.token(null)).isNull();
  }

  @DatabaseTest
  void adminAndStoreAuthentication(TestDatabase db) {
    try (TestServer s = new TestServer(db)) {
      // admin: no header, a wrong token, a publishable key, Bearer and Basic forms
      s.send("GET", "/admin/api-keys", null, Map.of()).error(401, "unauthorized", "Unauthorized");
      s.send("GET", "/admin/products", null, Map.of("Authorization", "Bearer sk_0000")).error(401, "unauthorized",
          "Unauthorized");
      String[] publishable = s.publishableKey("Storefront");
      s.send("GET", "/admin/api-keys", null, Map.of("Authorization", TestServer.basic(publishable[1])))
          .error(401, "unauthorized", "Unauthorized");
      s.send("GET", "/admin/api-keys", null, Map.of("Authorization", "Bearer " + s.adminToken)).ok();
      s.send("GET", "/admin/api-keys", null, Map.of("Authorization", TestServer.basic(s.adminToken),
          "x-medusa-locale", "")).ok();
      // an unknown admin route answers 404 as JSON, once authenticated
      s.admin("GET", "/admin/nothing").error(404, "not_found", "Route GET /admin/nothing was not found");

      // a second secret key, revoked: refused at once, even after it has been used
      String other = s.admin("POST", "/admin/api-keys", Map.of("title", "Ops", "type", "secret")).ok()
          .text("api_key.token");
      Map<String, String> asOther = Map.of("Authorization", "Bearer " + other);
      String otherId = s.send("GET", "/admin/api-keys?type=secret&q=Ops", null, asOther).ok().ids("api_keys").get(0);
      s.admin("POST", "/admin/api-keys/" + otherId + "/revoke").ok();
      s.send("GET", "/admin/api-keys", null, asOther).error(401, "unauthorized", "Unauthorized");

      // store: the key header
      s.send("GET", "/store/products", null, Map.of()).error(400, "not_allowed",
          "Publishable API key required in the request header: x-publishable-api-key.");
      s.store("/store/products", "pk_unknown").error(400, "not_allowed",
          "A valid publishable key is required to proceed with the request");
      s.store("/store/products", other).error(400, "not_allowed",
          "A valid publishable key is required to proceed with the request");
      s.store("/store/products", publishable[1]).error(400, "invalid_data",
          "Publishable key needs to have a sales channel configured");
      String web = s.salesChannel("Web");
      s.admin("POST", "/admin/api-keys/" + publishable[0] + "/sales-channels", Map.of("add", java.util.List.of(web)))
          .ok();
      s.store("/store/products", publishable[1]).ok();
      // a revocation in the future does not count yet; one now does
      s.admin("POST", "/admin/api-keys/" + publishable[0] + "/revoke", Map.of("revoke_in", 3600)).ok();
      s.store("/store/products", publishable[1]).ok();
      s.admin("POST", "/admin/api-keys/" + publishable[0] + "/revoke", Map.of("revoke_in", 0)).ok();
      s.store("/store/products", publishable[1]).error(400, "not_allowed",
          "A valid publishable key is required to proceed with the request");
    }
  }
}
