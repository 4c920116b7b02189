package io.modlink.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.apikey.ApiKeyRecord;
import io.modlink.apikey.ApiKeyService;
import io.modlink.apikey.CreateApiKey;
import io.modlink.core.Modlink;
import io.modlink.core.guice.ModlinkModule;
import io.modlink.core.link.Link;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.query.Query;
import io.modlink.saleschannel.CreateSalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import io.modlink.saleschannel.SalesChannelRecord;
import io.modlink.saleschannel.SalesChannelService;
import java.io.PrintStream;
import java.util.Map;

/**
 * The main example ({@code ./modlink demo}): the reference scenario on the embedded H2 database.
 * It composes the API Key and Sales Channel modules, creates a key and a channel, links them with
 * the {@code api_key_id} form, and prints {@code query.graph(api_key, [id, title, sales_channels.*])}
 * as JSON, after the registry it runs on.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws JsonProcessingException {
    run(System.out);
  }

  /** Runs the demo, printing to {@code out}. */
  public static void run(PrintStream out) throws JsonProcessingException {
    Injector injector = Guice.createInjector(ModlinkModule.embedded(), new ApiKeyModule(), new SalesChannelModule());
    try (Modlink modlink = injector.getInstance(Modlink.class)) {
      out.println("modlink demo: API Key + Sales Channel on embedded H2");
      out.println();
      out.print(modlink.registry().describe());
      out.println();

      ApiKeyRecord key = injector.getInstance(ApiKeyService.class)
          .create(CreateApiKey.publishable("Storefront", "demo"));
      SalesChannelRecord channel = injector.getInstance(SalesChannelService.class)
          .create(CreateSalesChannel.named("Web").withDescription("The web store"));

      Link link = injector.getInstance(Link.class);
      link.create(Map.of(
          "api_key", Map.of("api_key_id", key.id()),
          "sales_channel", Map.of("sales_channel_id", channel.id())));

      GraphResult result = injector.getInstance(Query.class).graph(
          GraphQuery.entity("api_key").fields("id", "title", "sales_channels.*").build());
      out.println("query.graph(api_key, [id, title, sales_channels.*]):");
      out.println(modlink.objectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result.data()));
      out.println("round trips: " + result.stats().roundTrips() + " (" + result.stats().fetches().get(0).strategy()
          + ")");
    }
  }
}
