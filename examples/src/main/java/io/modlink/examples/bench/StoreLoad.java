package io.modlink.examples.bench;

import io.modlink.apikey.ApiKeyModule;
import io.modlink.apikey.ApiKeyRecord;
import io.modlink.apikey.ApiKeyService;
import io.modlink.apikey.CreateApiKey;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkRequest;
import io.modlink.examples.product.CreateProduct;
import io.modlink.examples.product.ProductModule;
import io.modlink.examples.product.ProductService;
import io.modlink.examples.product.ProductStatus;
import io.modlink.examples.server.StoreServer;
import io.modlink.saleschannel.CreateSalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import io.modlink.saleschannel.SalesChannelService;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store server under load: {@code GET /store/products} with a publishable key, from a number
 * of concurrent connections for a fixed time. Prints requests per second, the median and 99th
 * percentile latency, and the database round trips per request (of the graph queries, from their
 * {@code QueryStats}). A program, not a test.
 *
 * <p>The data: {@code channels} sales channels, {@code products} products (every other one
 * published) each in one channel, and a publishable key linked to three of the channels.
 */
public final class StoreLoad {
  /**
   * What to run.
   *
   * @param connections concurrent client connections
   * @param seconds how long to measure, after a warm-up of a third of it
   * @param products products to seed
   * @param database the database, or null for a new embedded H2 one
   */
  public record Options(int connections, int seconds, int products, DatabaseConfig database) {}

  private StoreLoad() {}

  /** Seeds, serves, loads and prints. */
  public static void run(Options options, PrintStream out) throws Exception {
    try (Modlink modlink = StoreServer.compose(options.database())) {
      String token = seed(modlink, options.products());
      StoreServer server = StoreServer.start(modlink, 0);
      try {
        String url = "http://localhost:" + server.port() + "/store/products?limit=20";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(options.connections())).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("x-publishable-api-key", token)
            .header("content-type", "application/json").timeout(Duration.ofSeconds(30)).build();
        load(client, request, options.connections(), Math.max(1, options.seconds() / 3));   // warm-up
        long requestsBefore = server.requests();
        long roundTripsBefore = server.graphRoundTrips();
        Result result = load(client, request, options.connections(), options.seconds());
        double roundTrips = (double) (server.graphRoundTrips() - roundTripsBefore)
            / Math.max(1, server.requests() - requestsBefore);
        out.printf(Locale.ROOT, "GET /store/products?limit=20 with x-publishable-api-key, %d connections, %d s, %d"
            + " products, on %s%n", options.connections(), options.seconds(), options.products(),
            options.database().isEmbedded() ? "embedded H2" : options.database().jdbcUrl());
        out.printf(Locale.ROOT, "requests: %d (%d failed)  requests/s: %.0f  p50: %.2f ms  p99: %.2f ms  database"
            + " round trips per request: %.2f%n", result.count(), result.failed(), result.count() / result.seconds(),
            result.percentile(50) / 1e6, result.percentile(99) / 1e6, roundTrips);
        out.printf(Locale.ROOT, "{\"connections\":%d,\"seconds\":%d,\"products\":%d,\"requests\":%d,\"failed\":%d,"
            + "\"requests_per_second\":%.1f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"round_trips_per_request\":%.2f}%n",
            options.connections(), options.seconds(), options.products(), result.count(), result.failed(),
            result.count() / result.seconds(), result.percentile(50) / 1e6, result.percentile(99) / 1e6, roundTrips);
      } finally {
        server.stop();
      }
    }
  }

  /** The latencies of one run, in nanoseconds. */
  private record Result(long[] latencies, long failed, double seconds) {
    long count() {
      return latencies.length;
    }

    double percentile(int p) {
      if (latencies.length == 0) {
        return 0;
      }
      return latencies[Math.min(latencies.length - 1, (int) Math.ceil(p / 100.0 * latencies.length) - 1)];
    }
  }

  private static Result load(HttpClient client, HttpRequest request, int connections, int seconds) throws Exception {
    ExecutorService workers = Executors.newFixedThreadPool(connections);
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    long end = start + Duration.ofSeconds(seconds).toNanos();
    List<Future<long[]>> futures = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      futures.add(workers.submit(() -> {
        long[] times = new long[1024];
        int n = 0;
        while (System.nanoTime() < end) {
          long t0 = System.nanoTime();
          HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
          long t = System.nanoTime() - t0;
          if (response.statusCode() != 200) {
            failed.incrementAndGet();
          }
          if (n == times.length) {
            times = Arrays.copyOf(times, n * 2);
          }
          times[n++] = t;
        }
        return Arrays.copyOf(times, n);
      }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : futures) {
      all.add(f.get());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    workers.shutdown();
    long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(latencies, failed.get(), elapsed);
  }

  /** Channels, products in them, and a publishable key linked to three channels; returns its token. */
  private static String seed(Modlink modlink, int productCount) {
    SalesChannelService channels = new SalesChannelService(modlink);
    List<String> channelIds = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      channelIds.add(channels.create(CreateSalesChannel.named("Channel " + i)).id());
    }
    ProductService products = new ProductService(modlink);
    List<LinkRequest> links = new ArrayList<>();
    for (int i = 0; i < productCount; i++) {
      String id = products.create(new CreateProduct("Product " + i, "product-" + i,
          i % 2 == 0 ? ProductStatus.published : ProductStatus.draft, List.of()));
      links.add(LinkRequest.between(LinkKey.of(ProductModule.NAME, "product_id", id),
          LinkKey.of(SalesChannelModule.NAME, "sales_channel_id", channelIds.get(i % channelIds.size()))));
    }
    modlink.link().create(links);
    ApiKeyService apiKeys = new ApiKeyService(modlink);
    ApiKeyRecord key = apiKeys.create(CreateApiKey.publishable("Load", "bench"));
    List<LinkRequest> keyLinks = new ArrayList<>();
    for (String channel : channelIds.subList(0, 3)) {
      keyLinks.add(LinkRequest.between(LinkKey.of(ApiKeyModule.NAME, "publishable_key_id", key.id()),
          LinkKey.of(SalesChannelModule.NAME, "sales_channel_id", channel)));
    }
    modlink.link().create(keyLinks);
    // fresh tables have no statistics: without them PostgreSQL plans the linked filter as nested loops over everything
    try (Connection c = modlink.dataSource(ProductModule.NAME).getConnection()) {
      ScratchDatabase.analyze(c, "product", "sales_channel", "api_key", "product_sales_channel",
          "publishable_api_key_sales_channel");
    } catch (SQLException e) {
      throw new IllegalStateException("analyze failed: " + e.getMessage(), e);
    }
    return key.token();
  }
}
