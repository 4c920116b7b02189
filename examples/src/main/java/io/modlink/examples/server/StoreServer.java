package io.modlink.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.apikey.ApiKeyService;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.examples.product.ProductModule;
import io.modlink.examples.product.ProductService;
import io.modlink.saleschannel.SalesChannelModule;
import io.modlink.saleschannel.SalesChannelService;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store server: Medusa's HTTP API for API keys, sales channels and products over the
 * {@code api_key}, {@code sales_channel} and {@code product} modules.
 *
 * <pre>{@code
 * try (Modlink modlink = StoreServer.compose(DatabaseConfig.embedded())) {
 *   StoreServer server = StoreServer.start(modlink, 9000);
 *   ...
 *   server.stop();
 * }
 * }</pre>
 *
 * <p>Admin routes ({@code /admin/...}) need a live secret API key, store routes
 * ({@code /store/...}) a publishable key in {@code x-publishable-api-key}. See
 * {@code docs/http-api.md}.
 */
public final class StoreServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreServer.class);

  private final Javalin app;
  private final Modlink modlink;
  private final Reads reads;
  private final LongAdder requests;

  private StoreServer(Javalin app, Modlink modlink, Reads reads, LongAdder requests) {
    this.app = app;
    this.modlink = modlink;
    this.reads = reads;
    this.requests = requests;
  }

  /**
   * The application: the three modules and their links on {@code database}, with the modules'
   * migrations run ({@link SchemaAction#MIGRATE}) and the link tables synchronised.
   */
  public static Modlink compose(DatabaseConfig database) {
    return Modlink.builder()
        .module(ApiKeyModule.DEFINITION)
        .module(SalesChannelModule.DEFINITION)
        .module(ProductModule.DEFINITION)
        .links(ApiKeyModule.links())
        .links(ProductModule.links())
        .database(database)
        .schema(SchemaAction.MIGRATE)
        .build();
  }

  /**
   * Starts the server on {@code port} (0 for a free one), logging unexpected failures (500s) with
   * their stack traces through SLF4J.
   */
  public static StoreServer start(Modlink modlink, int port) {
    return start(modlink, port, (what, e) -> LOG.error(what, e));
  }

  /**
   * Starts the server on {@code port} (0 for a free one).
   *
   * @param errors receives each unexpected failure (answered 500 {@code unknown_error}): what
   *     failed, and the exception with its stack trace
   */
  public static StoreServer start(Modlink modlink, int port, BiConsumer<String, Throwable> errors) {
    Objects.requireNonNull(modlink, "modlink");
    Objects.requireNonNull(errors, "errors");
    ObjectMapper mapper = modlink.objectMapper();
    Reads reads = new Reads(modlink);
    Routes routes = new Routes(modlink, new ApiKeyService(modlink), new SalesChannelService(modlink),
        new ProductService(modlink), reads, mapper);
    ErrorMapper errorMapper = new ErrorMapper(mapper, errors);
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.jsonMapper(new JavalinJackson(mapper, false));
      config.http.defaultContentType = "application/json";
    });
    app.exception(Exception.class, errorMapper::handle);
    app.error(404, errorMapper::noRoute);
    LongAdder requests = new LongAdder();
    app.after(ctx -> requests.increment());
    new Auth(reads, routes.apiKeys()).register(app);
    routes.register(app);
    app.start(port);
    return new StoreServer(app, modlink, reads, requests);
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /** The requests answered so far. */
  public long requests() {
    return requests.sum();
  }

  /**
   * The database round trips of the graph queries of every request so far (what {@code QueryStats}
   * counts); the writes of admin routes and the check of a secret key's hash are not counted.
   */
  public long graphRoundTrips() {
    return reads.roundTrips();
  }

  /** The composition the server runs on. */
  public Modlink modlink() {
    return modlink;
  }

  /** Stops the server; the {@link Modlink} stays open. */
  public void stop() {
    app.stop();
  }

  @Override
  public void close() {
    stop();
  }
}
