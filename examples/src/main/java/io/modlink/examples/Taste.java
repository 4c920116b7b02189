package io.modlink.examples;

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
import java.util.Map;

/** The README's "A taste": its code is the body of {@link #main}, line for line (ReadmeTest checks it). */
public final class Taste {
  private Taste() {}

  public static void main(String[] args) {
    Injector injector = Guice.createInjector(
        ModlinkModule.embedded(), new ApiKeyModule(), new SalesChannelModule());
    ApiKeyRecord key = injector.getInstance(ApiKeyService.class)
        .create(CreateApiKey.publishable("Storefront", "me"));
    SalesChannelRecord web = injector.getInstance(SalesChannelService.class)
        .create(CreateSalesChannel.named("Web"));

    Link link = injector.getInstance(Link.class);
    link.create(Map.of(
        "api_key",       Map.of("api_key_id", key.id()),
        "sales_channel", Map.of("sales_channel_id", web.id())));

    GraphResult result = injector.getInstance(Query.class)
        .graph(GraphQuery.entity("api_key").fields("id", "title", "sales_channels.name").build());
    System.out.println(result.data().toPrettyString());
    injector.getInstance(Modlink.class).close();
  }
}
