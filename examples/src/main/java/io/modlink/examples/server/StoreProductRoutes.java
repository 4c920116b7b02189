package io.modlink.examples.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.modlink.examples.product.ProductService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /store/products}: the published products of the sales channels of the request's
 * publishable key. One graph query with a linked-path filter
 * ({@code {status: "published", sales_channels: {id: [the key's channels]}}}), never a loop over
 * channels. {@code sales_channel_id} narrows to some of the key's channels; naming another channel
 * is a 400.
 */
final class StoreProductRoutes {
  /** The default fields of a product on store routes. */
  static final List<String> DEFAULTS = List.of("id", "title", "handle", "options", "created_at", "updated_at");
  private static final Set<String> FILTERS = Set.of("q", "id", "title", "handle", "created_at", "updated_at",
      "sales_channel_id");

  private final Routes routes;

  StoreProductRoutes(Routes routes) {
    this.routes = routes;
  }

  void register(Javalin app) {
    app.get("/store/products", this::list);
    app.get("/store/products/{id}", this::retrieve);
  }

  private void list(Context ctx) {
    ListParams params = ListParams.list(Routes.query(ctx), 50, FILTERS);
    Map<String, Object> filters = new LinkedHashMap<>(params.filters());
    Object q = filters.remove("q");
    if (q != null) {
      filters.putAll(Reads.search(q, ProductRoutes.SEARCH));
    }
    filters.put("sales_channels", Map.of("id", channels(ctx, filters.remove("sales_channel_id"))));
    filters.put("status", "published");
    Routes.json(ctx, routes.reads().list("product", "products", DEFAULTS, params, filters));
  }

  private void retrieve(Context ctx) {
    String id = ctx.pathParam("id");
    Map<String, Object> filters = Map.of("id", id, "status", "published",
        "sales_channels", Map.of("id", Routes.keyChannels(ctx)));
    Routes.json(ctx, routes.reads().wrap("product", routes.reads()
        .one("product", DEFAULTS, ListParams.one(Routes.query(ctx)), filters)
        .orElseThrow(() -> ProductService.notFound(id))));
  }

  /** The key's channels, or those of them the request names. */
  private static List<String> channels(Context ctx, Object requested) {
    List<String> ofKey = Routes.keyChannels(ctx);
    if (requested == null) {
      return ofKey;
    }
    List<String> asked = requested instanceof List<?> list ? list.stream().map(String::valueOf).toList()
        : requested instanceof String s ? List.of(s) : null;
    if (asked == null) {
      throw HttpProblem.invalid("sales_channel_id must be an id or a list of ids, got " + requested);
    }
    if (!ofKey.containsAll(asked)) {
      throw HttpProblem.invalid("Requested sales channel is not part of the publishable key");
    }
    return asked;
  }
}
