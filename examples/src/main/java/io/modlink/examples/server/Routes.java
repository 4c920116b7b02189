package io.modlink.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.modlink.apikey.ApiKeyService;
import io.modlink.core.Modlink;
import io.modlink.examples.product.ProductService;
import io.modlink.saleschannel.SalesChannelService;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the routes of every resource share: the composition, the modules' services, the reads and the JSON helpers. */
final class Routes {
  private final Modlink modlink;
  private final ApiKeyService apiKeys;
  private final SalesChannelService salesChannels;
  private final ProductService products;
  private final Reads reads;
  private final ObjectMapper mapper;
  private final LinkChanges linkChanges;

  Routes(Modlink modlink, ApiKeyService apiKeys, SalesChannelService salesChannels, ProductService products,
      Reads reads, ObjectMapper mapper) {
    this.modlink = modlink;
    this.apiKeys = apiKeys;
    this.salesChannels = salesChannels;
    this.products = products;
    this.reads = reads;
    this.mapper = mapper;
    this.linkChanges = new LinkChanges(modlink);
  }

  void register(Javalin app) {
    new ApiKeyRoutes(this).register(app);
    new SalesChannelRoutes(this).register(app);
    new ProductRoutes(this).register(app);
    new StoreProductRoutes(this).register(app);
  }

  Modlink modlink() {
    return modlink;
  }

  ApiKeyService apiKeys() {
    return apiKeys;
  }

  SalesChannelService salesChannels() {
    return salesChannels;
  }

  ProductService products() {
    return products;
  }

  Reads reads() {
    return reads;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  LinkChanges linkChanges() {
    return linkChanges;
  }

  /** The query string, qs style. */
  static Map<String, Object> query(Context ctx) {
    return QueryString.parse(ctx.queryString());
  }

  Body body(Context ctx) {
    return Body.parse(mapper, ctx.body());
  }

  /** The id of the secret key that authenticated an admin request. */
  static String actor(Context ctx) {
    return Objects.requireNonNull(ctx.attribute(Auth.ACTOR), "admin request without an actor");
  }

  /** The sales channels of the publishable key of a store request. */
  static List<String> keyChannels(Context ctx) {
    return Objects.requireNonNull(ctx.attribute(Auth.SALES_CHANNELS), "store request without a key");
  }

  static void json(Context ctx, JsonNode body) {
    ctx.status(200).contentType("application/json").result(body.toString());
  }

  /** {@code {id, object, deleted: true}}. */
  void deleted(Context ctx, String id, String object) {
    json(ctx, mapper.createObjectNode().put("id", id).put("object", object).put("deleted", true));
  }
}
