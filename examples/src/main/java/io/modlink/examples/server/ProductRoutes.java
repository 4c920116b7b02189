package io.modlink.examples.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.modlink.core.error.NotFoundException;
import io.modlink.examples.product.CreateProduct;
import io.modlink.examples.product.ProductService;
import io.modlink.examples.product.ProductStatus;
import io.modlink.examples.product.UpdateProduct;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /admin/products}: create (Medusa's shape, with options), list, retrieve, update, delete. */
final class ProductRoutes {
  /** The default fields of a product on admin routes. */
  static final List<String> DEFAULTS = List.of("id", "title", "handle", "status", "options", "created_at",
      "updated_at", "deleted_at", "*sales_channels");
  private static final Set<String> FILTERS = Set.of("q", "id", "title", "handle", "status", "created_at",
      "updated_at", "sales_channel_id");
  static final List<String> SEARCH = List.of("title", "handle");

  private final Routes routes;

  ProductRoutes(Routes routes) {
    this.routes = routes;
  }

  void register(Javalin app) {
    app.post("/admin/products", this::create);
    app.get("/admin/products", this::list);
    app.get("/admin/products/{id}", this::retrieve);
    app.post("/admin/products/{id}", this::update);
    app.delete("/admin/products/{id}", this::delete);
  }

  /** Medusa's {@code {title, status?, handle?, options: [{title, values}]}}. */
  private void create(Context ctx) {
    ListParams params = routes.reads().checked("product", DEFAULTS, ListParams.one(Routes.query(ctx)));
    Body body = routes.body(ctx);
    String title = body.string("title");
    String handle = body.optionalString("handle");
    ProductStatus status = body.optionalEnum("status", ProductStatus.class);
    List<CreateProduct.Option> options = new ArrayList<>();
    List<Body> given = body.objects("options");
    for (int i = 0; i < given.size(); i++) {
      Body option = given.get(i);
      String optionTitle = option.optionalString("title");
      if (optionTitle == null) {
        throw HttpProblem.invalid("options[" + i + "].title is required (a string)");
      }
      options.add(new CreateProduct.Option(optionTitle, option.strings("values")));
    }
    String id = routes.products().create(new CreateProduct(title, handle, status, options));
    respond(ctx, id, params);
  }

  private void list(Context ctx) {
    ListParams params = ListParams.list(Routes.query(ctx), 50, FILTERS);
    Map<String, Object> filters = new LinkedHashMap<>(params.filters());
    Object q = filters.remove("q");
    if (q != null) {
      filters.putAll(Reads.search(q, SEARCH));
    }
    Object channels = filters.remove("sales_channel_id");
    if (channels != null) {
      filters.put("sales_channels", Map.of("id", channels));
    }
    Routes.json(ctx, routes.reads().list("product", "products", DEFAULTS, params, filters));
  }

  private void retrieve(Context ctx) {
    respond(ctx, ctx.pathParam("id"), ListParams.one(Routes.query(ctx)));
  }

  private void update(Context ctx) {
    ListParams params = routes.reads().checked("product", DEFAULTS, ListParams.one(Routes.query(ctx)));
    Body body = routes.body(ctx);
    String id = ctx.pathParam("id");
    routes.products().update(id, new UpdateProduct(body.optionalString("title"), body.optionalString("handle"),
        body.optionalEnum("status", ProductStatus.class)));
    respond(ctx, id, params);
  }

  /** Soft-deletes the product and removes its links to sales channels. */
  private void delete(Context ctx) {
    String id = ctx.pathParam("id");
    if (routes.products().softDelete(List.of(id)).isEmpty()) {
      throw ProductService.notFound(id);
    }
    routes.deleted(ctx, id, "product");
  }

  private void respond(Context ctx, String id, ListParams params) {
    Routes.json(ctx, routes.reads().wrap("product", routes.reads()
        .one("product", DEFAULTS, params, Map.of("id", id)).orElseThrow(() -> notFound(id))));
  }

  private static NotFoundException notFound(String id) {
    return ProductService.notFound(id);
  }
}
