package io.modlink.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import io.modlink.core.query.QueryPlan;
import io.modlink.saleschannel.CreateSalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import io.modlink.saleschannel.SalesChannelRecord;
import io.modlink.saleschannel.SalesChannelService;
import java.io.PrintStream;
import java.util.Map;

/**
 * The main example ({@code ./modlink demo}): the reference scenario, narrated. It composes the API
 * Key and Sales Channel modules with Guice, creates an API key and two sales channels through the
 * modules' services, links the key to both with the {@code api_key_id} form of {@code link.create},
 * prints {@code query.graph(api_key, [id, title, sales_channels.*])} as JSON, dismisses one link,
 * prints the query again, and ends with {@code query.explain} of it.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) throws JsonProcessingException {
    run(System.out, ModlinkModule.embedded(), "an embedded H2 database");
  }

  /**
   * Runs the demo, printing to {@code out}.
   *
   * @param modlink the composition root: where the modules' data lives and what start-up does to it
   * @param where the database, for the narration
   */
  public static void run(PrintStream out, ModlinkModule modlink, String where) throws JsonProcessingException {
    Injector injector = Guice.createInjector(modlink, new ApiKeyModule(), new SalesChannelModule());
    try (Modlink running = injector.getInstance(Modlink.class)) {
      ObjectWriter json = running.objectMapper().writerWithDefaultPrettyPrinter();
      out.println("modlink demo: the API Key and Sales Channel modules, linked, on " + where);
      out.println();
      out.println("1. Compose the modules with Guice (ModlinkModule, ApiKeyModule, SalesChannelModule).");
      out.println("   Neither module imports the other: the API Key module declares the link by names.");
      out.println();
      out.print(running.registry().describe().indent(3));
      out.println();

      ApiKeyRecord key = injector.getInstance(ApiKeyService.class)
          .create(CreateApiKey.publishable("Storefront", "demo"));
      out.println("2. Create a publishable API key with the api_key module's service:");
      out.println("   " + key.id() + "  " + key.title() + "  (token " + key.redacted() + ")");
      SalesChannelService channels = injector.getInstance(SalesChannelService.class);
      SalesChannelRecord web = channels.create(CreateSalesChannel.named("Web").withDescription("The web store"));
      SalesChannelRecord app = channels.create(CreateSalesChannel.named("App").withDescription("The mobile app"));
      out.println("3. Create two sales channels with the sales_channel module's service:");
      out.println("   " + web.id() + "  " + web.name());
      out.println("   " + app.id() + "  " + app.name());

      Link link = injector.getInstance(Link.class);
      for (SalesChannelRecord channel : new SalesChannelRecord[] {web, app}) {
        link.create(Map.of(
            "api_key", Map.of("api_key_id", key.id()),
            "sales_channel", Map.of("sales_channel_id", channel.id())));
      }
      out.println("4. Link the key to both channels, naming the key by its linkable key api_key_id:");
      out.println("   link.create({api_key: {api_key_id: " + key.id() + "}, sales_channel: {sales_channel_id: ...}})");
      out.println("   -> 2 rows in publishable_api_key_sales_channel (the key's column there is publishable_key_id)");
      out.println();

      Query query = injector.getInstance(Query.class);
      GraphQuery graph = GraphQuery.entity("api_key")
          .fields("id", "title", "sales_channels.*")
          .filters(Map.of("id", key.id()))
          .build();
      out.println("5. query.graph(api_key, fields [id, title, sales_channels.*], filters {id: " + key.id() + "}):");
      out.println(json.writeValueAsString(query.graph(graph).data()));
      out.println();

      link.dismiss(Map.of(
          "api_key", Map.of("api_key_id", key.id()),
          "sales_channel", Map.of("sales_channel_id", app.id())));
      out.println("6. Dismiss the link to " + app.name() + " (its row stays, with deleted_at set):");
      out.println("   link.dismiss({api_key: {api_key_id: " + key.id() + "}, sales_channel: {sales_channel_id: "
          + app.id() + "}})");
      out.println();
      GraphResult again = query.graph(graph);
      out.println("7. The same query again: only " + web.name() + " is left.");
      out.println(json.writeValueAsString(again.data()));
      out.println();

      QueryPlan plan = query.explain(graph);
      out.println("8. query.explain: how it runs. " + (plan.strategy().equals("push-down")
          ? "The modules share one database, so the hop through the link table\n   is pushed down into SQL joins:"
          : "The modules are on different databases: one batched fetch per hop:"));
      out.print(plan.text().indent(3));
      out.println("   measured: " + again.stats().roundTrips() + " round trip(s), " + again.stats().rows() + " row(s)");
    }
  }
}
