package io.modlink.examples.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modlink.apikey.ApiKeyService;
import io.modlink.apikey.CreateApiKey;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.testing.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The store server on a test database and a free port, with an admin secret key, and an HTTP
 * client that sends what Medusa's JS SDK sends ({@code content-type: application/json} on every
 * request). Unexpected failures (500s) are collected, not logged.
 */
final class TestServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final Modlink modlink;
  final StoreServer server;
  final String adminToken;
  final List<String> errors = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  TestServer(TestDatabase db) {
    this.modlink = StoreServer.compose(DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password()));
    this.adminToken = new ApiKeyService(modlink).create(CreateApiKey.secret("Admin", "test")).token();
    this.server = StoreServer.start(modlink, 0, (what, e) -> errors.add(what + ": " + e));
  }

  /** A response: its status and JSON body. */
  record Response(int status, JsonNode body) {
    String text(String path) {
      JsonNode node = body;
      for (String part : path.split("\\.")) {
        node = part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
      }
      return node.asText();
    }

    List<String> ids(String list) {
      List<String> out = new ArrayList<>();
      body.path(list).forEach(n -> out.add(n.path("id").asText()));
      return out;
    }

    /** Asserts an error response: its status, type and message. */
    Response error(int expectedStatus, String type, String message) {
      assertThat(body).as("response body").hasToString(JSON.createObjectNode().put("type", type)
          .put("message", message).toString());
      assertThat(status).as("status of " + body).isEqualTo(expectedStatus);
      return this;
    }

    Response ok() {
      assertThat(status).as("status of " + body).isEqualTo(200);
      return this;
    }
  }

  /** A request as the admin (Basic base64(token:), as Medusa's SDK sends it). */
  Response admin(String method, String path, @Nullable Object body) {
    return send(method, path, body, Map.of("Authorization", basic(adminToken)));
  }

  Response admin(String method, String path) {
    return admin(method, path, null);
  }

  /** A store request with a publishable key. */
  Response store(String path, String publishableKey) {
    return send("GET", path, null, Map.of(Auth.PUBLISHABLE_KEY_HEADER, publishableKey));
  }

  Response send(String method, String path, @Nullable Object body, Map<String, String> headers) {
    try {
      String text = body == null ? "" : body instanceof String s ? s : JSON.writeValueAsString(body);
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
          .timeout(Duration.ofSeconds(30))
          .header("content-type", "application/json")
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
      headers.forEach(request::header);
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.headers().firstValue("content-type")).as("content type of " + method + " " + path)
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      return new Response(response.statusCode(), JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String basic(String token) {
    return "Basic " + Base64.getEncoder().encodeToString((token + ":").getBytes(StandardCharsets.UTF_8));
  }

  /** Creates a publishable key and returns {id, token}. */
  String[] publishableKey(String title) {
    Response created = admin("POST", "/admin/api-keys", Map.of("title", title, "type", "publishable")).ok();
    return new String[] {created.text("api_key.id"), created.text("api_key.token")};
  }

  String salesChannel(String name) {
    return admin("POST", "/admin/sales-channels", Map.of("name", name)).ok().text("sales_channel.id");
  }

  String product(String title, String status) {
    return admin("POST", "/admin/products", Map.of("title", title, "status", status)).ok().text("product.id");
  }

  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      modlink.close();
    }
    assertThat(errors).as("unexpected failures (500s) while the server ran").isEmpty();
  }
}
