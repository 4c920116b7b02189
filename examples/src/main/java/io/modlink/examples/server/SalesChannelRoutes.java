package io.modlink.examples.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.modlink.core.error.NotFoundException;
import io.modlink.saleschannel.CreateSalesChannel;
import io.modlink.saleschannel.SalesChannelRecord;
import io.modlink.saleschannel.UpdateSalesChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /admin/sales-channels}: create, list (also by {@code publishable_key_id}, through the
 * link), retrieve, update, delete (with its links), and the channel's products.
 */
final class SalesChannelRoutes {
  /** Medusa's default fields of a sales channel. */
  static final List<String> DEFAULTS = List.of("id", "name", "description", "is_disabled", "created_at", "updated_at",
      "deleted_at", "metadata");
  private static final Set<String> FILTERS = Set.of("q", "id", "name", "description", "is_disabled", "created_at",
      "updated_at", "publishable_key_id");
  private static final List<String> SEARCH = List.of("name", "description");

  private final Routes routes;

  SalesChannelRoutes(Routes routes) {
    this.routes = routes;
  }

  void register(Javalin app) {
    app.post("/admin/sales-channels", this::create);
    app.get("/admin/sales-channels", this::list);
    app.get("/admin/sales-channels/{id}", this::retrieve);
    app.post("/admin/sales-channels/{id}", this::update);
    app.delete("/admin/sales-channels/{id}", this::delete);
    app.post("/admin/sales-channels/{id}/products", this::products);
  }

  private void create(Context ctx) {
    ListParams params = routes.reads().checked("sales_channel", DEFAULTS, ListParams.one(Routes.query(ctx)));
    Body body = routes.body(ctx);
    CreateSalesChannel create = CreateSalesChannel.named(body.string("name"))
        .withDescription(body.optionalString("description"))
        .withMetadata(body.optionalObject("metadata", routes.mapper()));
    if (Boolean.TRUE.equals(body.optionalBoolean("is_disabled"))) {
      create = create.disabled();
    }
    SalesChannelRecord channel = routes.salesChannels().create(create);
    respond(ctx, channel.id(), params);
  }

  /** {@code publishable_key_id} keeps the channels linked to those keys: a linked-path filter of the one graph query. */
  private void list(Context ctx) {
    ListParams params = ListParams.list(Routes.query(ctx), 20, FILTERS);
    Map<String, Object> filters = new LinkedHashMap<>(params.filters());
    Object q = filters.remove("q");
    if (q != null) {
      filters.putAll(Reads.search(q, SEARCH));
    }
    Object keys = filters.remove("publishable_key_id");
    if (keys != null) {
      filters.put("publishable_api_keys", Map.of("id", keys));
    }
    Routes.json(ctx, routes.reads().list("sales_channel", "sales_channels", DEFAULTS, params, filters));
  }

  private void retrieve(Context ctx) {
    respond(ctx, ctx.pathParam("id"), ListParams.one(Routes.query(ctx)));
  }

  private void update(Context ctx) {
    ListParams params = routes.reads().checked("sales_channel", DEFAULTS, ListParams.one(Routes.query(ctx)));
    Body body = routes.body(ctx);
    String id = ctx.pathParam("id");
    UpdateSalesChannel.Builder update = UpdateSalesChannel.builder();
    String name = body.optionalString("name");
    if (name != null) {
      update.name(name);
    }
    if (body.has("description")) {
      update.description(body.optionalString("description"));
    }
    Boolean disabled = body.optionalBoolean("is_disabled");
    if (disabled != null) {
      update.disabled(disabled);
    }
    if (body.has("metadata")) {
      update.metadata(body.optionalObject("metadata", routes.mapper()));
    }
    try {
      routes.salesChannels().update(id, update.build());
    } catch (NotFoundException e) {
      throw notFound(id);
    }
    respond(ctx, id, params);
  }

  /** Soft-deletes the channel and removes its links (to API keys and products). */
  private void delete(Context ctx) {
    String id = ctx.pathParam("id");
    if (routes.salesChannels().softDelete(List.of(id)).isEmpty()) {
      throw notFound(id);
    }
    routes.deleted(ctx, id, "sales-channel");
  }

  private void products(Context ctx) {
    ListParams params = routes.reads().checked("sales_channel", DEFAULTS, ListParams.one(Routes.query(ctx)));
    Body body = routes.body(ctx);
    List<String> add = body.strings("add");
    List<String> remove = body.strings("remove");
    String id = ctx.pathParam("id");
    routes.reads().one("sales_channel", List.of("id"), ListParams.one(Map.of()), Map.of("id", id))
        .orElseThrow(() -> notFound(id));
    routes.linkChanges().salesChannelProducts(new LinkChanges.Change(id, add, remove));
    respond(ctx, id, params);
  }

  private void respond(Context ctx, String id, ListParams params) {
    Routes.json(ctx, routes.reads().wrap("sales_channel", routes.reads()
        .one("sales_channel", DEFAULTS, params, Map.of("id", id)).orElseThrow(() -> notFound(id))));
  }

  static NotFoundException notFound(String id) {
    return new NotFoundException("Sales channel with id: " + id + " not found");
  }
}
