package io.modlink.examples.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.modlink.apikey.ApiKeyRecord;
import io.modlink.apikey.ApiKeyType;
import io.modlink.apikey.CreateApiKey;
import io.modlink.apikey.UpdateApiKey;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.spi.ReadRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /admin/api-keys}: create, list, retrieve, update, revoke, delete (revoked keys only), and
 * the sales channels of a publishable key.
 */
final class ApiKeyRoutes {
  /** Medusa's default fields of an API key. */
  static final List<String> DEFAULTS = List.of("id", "title", "token", "redacted", "type", "last_used_at",
      "updated_at", "created_at", "created_by", "revoked_at", "revoked_by", "sales_channels.id", "sales_channels.name");
  private static final Set<String> FILTERS = Set.of("q", "id", "title", "token", "type", "created_at", "updated_at",
      "revoked_at");
  private static final List<String> SEARCH = List.of("title", "redacted");

  private final Routes routes;

  ApiKeyRoutes(Routes routes) {
    this.routes = routes;
  }

  void register(Javalin app) {
    app.post("/admin/api-keys", this::create);
    app.get("/admin/api-keys", this::list);
    app.get("/admin/api-keys/{id}", this::retrieve);
    app.post("/admin/api-keys/{id}", this::update);
    app.delete("/admin/api-keys/{id}", this::delete);
    app.post("/admin/api-keys/{id}/revoke", this::revoke);
    app.post("/admin/api-keys/{id}/sales-channels", this::salesChannels);
  }

  /** The response carries the raw token of a secret key: the one time it is shown. */
  private void create(Context ctx) {
    Body body = routes.body(ctx);
    String title = body.string("title");
    ApiKeyType type = body.optionalEnum("type", ApiKeyType.class);
    if (type == null) {
      throw HttpProblem.invalid("type is required: publishable or secret");
    }
    ApiKeyRecord key = routes.apiKeys().create(new CreateApiKey(title, type, Routes.actor(ctx)));
    ObjectNode json = routes.mapper().valueToTree(key);
    json.remove("deleted_at");
    Routes.json(ctx, routes.reads().wrap("api_key", json));
  }

  private void list(Context ctx) {
    ListParams params = ListParams.list(Routes.query(ctx), 20, FILTERS);
    Map<String, Object> filters = new LinkedHashMap<>(params.filters());
    Object q = filters.remove("q");
    if (q != null) {
      filters.putAll(Reads.search(q, SEARCH));
    }
    Object token = filters.remove("token");
    if (token != null) {
      // the module hides token from graph queries: the keys with these tokens come from its store
      List<String> ids = routes.reads().store("api_key").read(ReadRequest.builder().filter("token", token)
          .fields("id").build()).rows().stream().map(r -> r.path("id").asText()).toList();
      Object id = filters.remove("id");
      filters.put("id", ids);
      if (id != null) {
        filters.put("$and", List.of(Map.of("id", id)));
      }
    }
    Routes.json(ctx, routes.reads().list("api_key", "api_keys", DEFAULTS, params, filters));
  }

  private void retrieve(Context ctx) {
    Routes.json(ctx, routes.reads().wrap("api_key", fetch(ctx)));
  }

  private void update(Context ctx) {
    checkQuery(ctx);
    Body body = routes.body(ctx);
    String title = body.string("title");
    try {
      routes.apiKeys().update(ctx.pathParam("id"), UpdateApiKey.title(title));
    } catch (NotFoundException e) {
      throw notFound(ctx.pathParam("id"));
    }
    retrieve(ctx);
  }

  private void revoke(Context ctx) {
    checkQuery(ctx);
    Long revokeIn = routes.body(ctx).optionalCount("revoke_in");
    exists(ctx.pathParam("id"));
    routes.apiKeys().revoke(ctx.pathParam("id"), Routes.actor(ctx), revokeIn == null ? 0 : revokeIn);
    retrieve(ctx);
  }

  /** Only revoked keys; the key's links are removed with it. */
  private void delete(Context ctx) {
    String id = ctx.pathParam("id");
    exists(id);
    routes.apiKeys().delete(List.of(id));
    routes.deleted(ctx, id, "api_key");
  }

  private void salesChannels(Context ctx) {
    checkQuery(ctx);
    Body body = routes.body(ctx);
    List<String> add = body.strings("add");
    List<String> remove = body.strings("remove");
    String id = ctx.pathParam("id");
    ObjectNode key = routes.reads().one("api_key", List.of("id", "type"), ListParams.one(Map.of()), Map.of("id", id))
        .orElseThrow(() -> notFound(id));
    if (!ApiKeyType.publishable.name().equals(key.path("type").asText())) {
      throw HttpProblem.invalid("Sales channels can only be associated with publishable API keys");
    }
    routes.linkChanges().apiKeySalesChannels(new LinkChanges.Change(id, add, remove));
    retrieve(ctx);
  }

  private void checkQuery(Context ctx) {
    routes.reads().checked("api_key", DEFAULTS, ListParams.one(Routes.query(ctx)));
  }

  private ObjectNode fetch(Context ctx) {
    String id = ctx.pathParam("id");
    return routes.reads().one("api_key", DEFAULTS, ListParams.one(Routes.query(ctx)), Map.of("id", id))
        .orElseThrow(() -> notFound(id));
  }

  private void exists(String id) {
    routes.reads().one("api_key", List.of("id"), ListParams.one(Map.of()), Map.of("id", id))
        .orElseThrow(() -> notFound(id));
  }

  static NotFoundException notFound(String id) {
    return new NotFoundException("API Key with id: " + id + " was not found");
  }
}
