package io.modlink.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.modlink.apikey.ApiKey;
import io.modlink.apikey.ApiKeyModule;
import io.modlink.apikey.ApiKeyType;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.link.CreateOptions;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.query.Strategy;
import io.modlink.saleschannel.SalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The shipped modules read through their stores cost what they cost before, whatever the number
 * of rows: a query pushed down is 1 round trip, a federated one 1 + 2 x hops.
 */
class QueryRoundTripsTest {
  private static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

  @DatabaseTest
  void roundTripsDoNotGrowWithTheKeys(TestDatabase db) {
    try (Modlink modlink = Modlink.builder().database(DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password()))
        .schema(SchemaAction.CREATE).module(ApiKeyModule.DEFINITION).module(SalesChannelModule.DEFINITION)
        .links(ApiKeyModule.links()).build()) {
      modlink.sessionFactory("sales_channel").inTransaction(s -> {
        for (int c = 0; c < 20; c++) {
          s.persist(new SalesChannel("sc_" + c, "Channel " + c, null, NOW));
        }
      });
      GraphQuery.Builder oneHop = GraphQuery.entity("api_key").fields("id", "title", "sales_channels.*");
      GraphQuery.Builder twoHops = GraphQuery.entity("sales_channel")
          .fields("name", "publishable_api_keys.title", "publishable_api_keys.sales_channels.name");
      GraphQuery.Builder linked = GraphQuery.entity("api_key").fields("title")
          .filters(Map.of("sales_channels", Map.of("name", "Channel 3")));
      int keys = 0;
      for (int n : new int[] {10, 300, 2_000}) {
        add(modlink, keys, n);
        keys = n;
        GraphResult federated = modlink.query().graph(oneHop.strategy(Strategy.FEDERATED).build());
        GraphResult pushed = modlink.query().graph(oneHop.strategy(Strategy.AUTO).build());
        assertThat(federated.data()).hasSize(n).isEqualTo(pushed.data());
        assertThat(federated.stats().roundTrips()).as("1 hop federated, %d keys", n).isEqualTo(3);
        assertThat(pushed.stats().roundTrips()).as("pushed down, %d keys", n).isEqualTo(1);
        assertThat(modlink.query().graph(twoHops.strategy(Strategy.FEDERATED).build()).stats().roundTrips())
            .as("2 hops federated, %d keys", n).isEqualTo(5);
        assertThat(modlink.query().graph(twoHops.strategy(Strategy.AUTO).build()).stats().roundTrips()).isEqualTo(1);
        GraphResult filtered = modlink.query().graph(linked.strategy(Strategy.FEDERATED).build());
        assertThat(filtered.stats().roundTrips()).as("a linked filter, %d keys", n).isEqualTo(3);
        assertThat(filtered.data()).isEqualTo(modlink.query().graph(linked.strategy(Strategy.AUTO).build()).data());
      }
    }
  }

  /** Keys apk_{from}..apk_{to - 1}, each linked to 3 of the 20 channels. */
  private static void add(Modlink modlink, int from, int to) {
    List<LinkRequest> links = new ArrayList<>();
    modlink.sessionFactory("api_key").inTransaction(s -> {
      for (int i = from; i < to; i++) {
        String id = String.format("apk_%05d", i);
        s.persist(new ApiKey(id, "Key " + i, ApiKeyType.publishable, "pk_" + i, "pk_" + i + "***", "bench", NOW));
        for (int j = 0; j < 3; j++) {
          links.add(LinkRequest.between(LinkKey.of("api_key", "api_key_id", id),
              LinkKey.of("sales_channel", "sales_channel_id", "sc_" + (i * 7 + j * 3) % 20)));
        }
      }
    });
    modlink.link().create(links, CreateOptions.withoutVerification());
  }
}
