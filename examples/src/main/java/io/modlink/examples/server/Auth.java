package io.modlink.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.modlink.apikey.ApiKeyRecord;
import io.modlink.apikey.ApiKeyService;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.spi.ReadRequest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Who may call what. Admin routes need a live secret API key, as Medusa's client sends it:
 * {@code Authorization: Basic base64(<token>:)} or {@code Authorization: Bearer <token>};
 * otherwise 401. Store routes need a live publishable key in {@code x-publishable-api-key}, and
 * are scoped to the sales channels linked to it.
 */
final class Auth {
  /** The header of the publishable key. */
  static final String PUBLISHABLE_KEY_HEADER = "x-publishable-api-key";
  /** The request attribute with the id of the secret key of an admin request. */
  static final String ACTOR = "modlink.actor";
  /** The request attribute with the sales channel ids of the publishable key of a store request. */
  static final String SALES_CHANNELS = "modlink.sales_channel_ids";

  private final Reads reads;
  private final ApiKeyService apiKeys;

  Auth(Reads reads, ApiKeyService apiKeys) {
    this.reads = reads;
    this.apiKeys = apiKeys;
  }

  void register(Javalin app) {
    app.before("/admin", this::admin);
    app.before("/admin/*", this::admin);
    app.before("/store", this::store);
    app.before("/store/*", this::store);
  }

  /**
   * A secret token is checked with scrypt once (tens of milliseconds, by design); the key id it
   * proved is remembered under the token's SHA-256, and later requests only check, with one
   * indexed read, that this key is still live: a revocation or deletion takes effect at once.
   */
  private void admin(Context ctx) {
    String token = token(ctx.header("Authorization"));
    if (token == null) {
      throw HttpProblem.unauthorized();
    }
    String digest = sha256(token);
    String known = verified.get(digest);
    if (known != null) {
      if (live(known)) {
        ctx.attribute(ACTOR, known);
        return;
      }
      verified.remove(digest);
      throw HttpProblem.unauthorized();
    }
    Optional<ApiKeyRecord> key = apiKeys.authenticate(token);
    if (key.isEmpty()) {
      throw HttpProblem.unauthorized();
    }
    if (verified.size() >= MAX_VERIFIED) {
      verified.clear();
    }
    verified.put(digest, key.get().id());
    ctx.attribute(ACTOR, key.get().id());
  }

  private static final int MAX_VERIFIED = 1_000;
  private static final String INVALID_KEY = "A valid publishable key is required to proceed with the request";
  /** Publishable tokens already found, and their keys' ids. */
  private final Map<String, String> publishableIds = new ConcurrentHashMap<>();
  private final Map<String, String> verified = new ConcurrentHashMap<>();

  /** Whether the secret key is still live: not revoked (or revoked later) and not deleted. */
  private boolean live(String keyId) {
    return !reads.graph(GraphQuery.entity("api_key").fields("id")
        .filters(Map.of("id", keyId, "type", "secret", "$or", notRevoked())).build()).data().isEmpty();
  }

  private static List<Map<String, @Nullable Object>> notRevoked() {
    Map<String, @Nullable Object> never = new HashMap<>();
    never.put("revoked_at", null);
    return List.of(never, Map.of("revoked_at", Map.of("$gt", Instant.now())));
  }

  private static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The token of a {@code Basic} (user part of {@code token:}) or {@code Bearer} authorization. */
  static @Nullable String token(@Nullable String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.strip();
    int space = value.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String scheme = value.substring(0, space);
    String credentials = value.substring(space + 1).strip();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return credentials.isEmpty() ? null : credentials;
    }
    if (scheme.equalsIgnoreCase("Basic")) {
      try {
        String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        return user.isEmpty() ? null : user;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  /**
   * Finds the publishable key, then its live sales channels in one graph query: a publishable key
   * that is not revoked (or revoked later than now) and not deleted. The token is a field the
   * api_key module hides from graph queries, so the key's id comes from the module's store (one read,
   * remembered: a token never changes keys); the graph query checks, every time, that the key is
   * still live.
   */
  private void store(Context ctx) {
    String token = ctx.header(PUBLISHABLE_KEY_HEADER);
    if (token == null || token.isBlank()) {
      throw HttpProblem.notAllowed("Publishable API key required in the request header: " + PUBLISHABLE_KEY_HEADER
          + ".");
    }
    String keyId = publishableIds.get(token);
    if (keyId == null) {
      List<ObjectNode> found = reads.store("api_key").read(ReadRequest.builder().filter("token", token)
          .filter("type", "publishable").fields("id").build()).rows();
      if (found.isEmpty()) {
        throw HttpProblem.notAllowed(INVALID_KEY);
      }
      keyId = found.get(0).path("id").asText();
      if (publishableIds.size() >= MAX_VERIFIED) {
        publishableIds.clear();
      }
      publishableIds.put(token, keyId);
    }
    GraphResult result = reads.graph(GraphQuery.entity("api_key")
        .fields("id", "sales_channels.id")
        .filters(Map.of("id", keyId, "type", "publishable", "$or", notRevoked()))
        .build());
    if (result.data().isEmpty()) {
      throw HttpProblem.notAllowed(INVALID_KEY);
    }
    List<String> channels = new ArrayList<>();
    for (JsonNode channel : result.data().get(0).path("sales_channels")) {
      channels.add(channel.get("id").asText());
    }
    if (channels.isEmpty()) {
      throw HttpProblem.invalid("Publishable key needs to have a sales channel configured");
    }
    ctx.attribute(SALES_CHANNELS, List.copyOf(channels));
  }
}
