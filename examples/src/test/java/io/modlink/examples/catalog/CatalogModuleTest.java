package io.modlink.examples.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.link.LinkKey;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.module.ModuleDefinition;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.query.Strategy;
import io.modlink.core.spi.SortDirection;
import io.modlink.saleschannel.SalesChannel;
import io.modlink.saleschannel.SalesChannelModule;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalog module kept in an external system (its own store) and the same data as a plain JPA
 * entity give the same answers to the same graph queries, in both directions, with filters, linked
 * filters, relation arguments, pages and counts; on H2 and PostgreSQL.
 */
class CatalogModuleTest {
  private static final Instant T0 = Instant.parse("2024-03-01T09:00:00Z");
  private static final String[] TITLES = {"Apron", "Basket", "Bottle", "Candle", "Cup", "Dish", "Jar", "Kettle",
      "Lamp", "Mug", "Plate", "Vase"};

  /** item_01..item_12: prices from 4.50 up, every third out of stock. */
  static List<CatalogItem> items() {
    List<CatalogItem> items = new ArrayList<>();
    for (int i = 1; i <= TITLES.length; i++) {
      items.add(new CatalogItem(String.format("item_%02d", i), "SKU-" + (100 + i), TITLES[i - 1],
          new BigDecimal(String.format("%d.%02d", 3 + (i * 7) % 20, (i * 13) % 100)), i % 3 != 0,
          T0.plusSeconds(3600L * i)));
    }
    return items;
  }

  /** Web sells most items, App some, POS a few, Offline none; item_12 is in no channel. */
  static List<LinkRequest> links() {
    List<LinkRequest> links = new ArrayList<>();
    for (int i = 1; i <= 11; i++) {
      String item = String.format("item_%02d", i);
      if (i != 4) {
        links.add(link(item, "sc_web"));
      }
      if (i % 2 == 0) {
        links.add(link(item, "sc_app"));
      }
      if (i % 4 == 1) {
        links.add(link(item, "sc_pos"));
      }
    }
    return links;
  }

  static LinkRequest link(String item, String channel) {
    return LinkRequest.between(LinkKey.of("catalog", "catalog_item_id", item),
        LinkKey.of("sales_channel", "sales_channel_id", channel));
  }

  private static Modlink open(DatabaseConfig db, ModuleDefinition catalog) {
    Modlink modlink = Modlink.builder().database(db).schema(SchemaAction.CREATE)
        .module(SalesChannelModule.DEFINITION).module(catalog).link(CatalogModule.SALES_CHANNEL_LINK).build();
    modlink.sessionFactory("sales_channel").inTransaction(s -> {
      s.persist(new SalesChannel("sc_web", "Web", "The online store", T0));
      s.persist(new SalesChannel("sc_app", "App", null, T0));
      s.persist(new SalesChannel("sc_pos", "POS", "In the shop", T0));
      s.persist(new SalesChannel("sc_off", "Offline", null, T0));
    });
    return modlink;
  }

  private static DatabaseConfig config(TestDatabase db) {
    return DatabaseConfig.of(db.jdbcUrl(), db.user(), db.password());
  }

  static List<GraphQuery.Builder> queries() {
    return List.of(
        GraphQuery.entity("catalog_items").fields("sku", "title", "price", "sales_channels.name")
            .order("title", SortDirection.ASC).skip(2).take(4).withCount(),
        GraphQuery.entity("catalog_item").fields("*", "sales_channels.*")
            .filters(Map.of("in_stock", true, "price", Map.of("$gte", 10))),
        GraphQuery.entity("catalog_item").fields("title", "sales_channels.name")
            .filters(Map.of("sales_channels", Map.of("name", "POS"))).order("price", SortDirection.DESC).take(2)
            .withCount(),
        GraphQuery.entity("sales_channel").fields("name", "catalog_items.title", "catalog_items.price")
            .relation("catalog_items", r -> r.filters(Map.of("in_stock", true)).order("price", SortDirection.DESC)
                .limit(2)),
        GraphQuery.entity("sales_channels").fields("name", "catalog_items.sku")
            .filters(Map.of("catalog_items", Map.of("title", Map.of("$ilike", "b%")))),
        GraphQuery.entity("sales_channel").fields("name", "catalog_items.sales_channels.name")
            .filters(Map.of("name", Map.of("$ne", "Web"))).order("name", SortDirection.DESC).skip(1).take(2),
        GraphQuery.entity("catalog_item_sales_channel").fields("catalog_item.title", "sales_channel.name")
            .filters(Map.of("sales_channel_id", "sc_pos")),
        GraphQuery.entity("catalog_item").fields("id").filters(Map.of("$or", List.of(
            Map.of("sku", List.of("SKU-103", "SKU-107")), Map.of("updated_at", Map.of("$gt", "2024-03-01T19:00:00Z"))))));
  }

  /** The data, without the ids of link rows (each database generated its own). */
  private static ArrayNode comparable(GraphResult result) {
    ArrayNode data = result.data().deepCopy();
    data.forEach(row -> {
      if (row.path("id").asText().startsWith("cisc_")) {
        ((ObjectNode) row).remove("id");
      }
    });
    return data;
  }

  @DatabaseTest
  void anExternalCatalogAnswersAsTheSameDataInATable(TestDatabase db) {
    ExternalCatalog external = new ExternalCatalog();
    external.put(items().toArray(CatalogItem[]::new));
    ModuleDefinition sqlCatalog = ModuleDefinition.builder(CatalogModule.NAME).entity(SqlCatalogItem.class).build();
    try (Modlink memory = open(config(db.sibling("memory")), CatalogModule.definition(external));
        Modlink sql = open(config(db), sqlCatalog)) {
      sql.sessionFactory("catalog").inTransaction(s -> items().forEach(i -> s.persist(new SqlCatalogItem(i))));
      assertThat(memory.registry().entity("catalog_item").orElseThrow().fieldNames())
          .isEqualTo(sql.registry().entity("catalog_item").orElseThrow().fieldNames());
      memory.link().create(links());
      sql.link().create(links());

      for (GraphQuery.Builder q : queries()) {
        GraphResult fromStore = memory.query().graph(q.strategy(Strategy.AUTO).build());
        GraphResult pushed = sql.query().graph(q.strategy(Strategy.AUTO).build());
        GraphResult federated = sql.query().graph(q.strategy(Strategy.FEDERATED).build());
        String what = q.build().toString();
        assertThat(comparable(fromStore)).as(what).isNotEmpty().isEqualTo(comparable(pushed))
            .isEqualTo(comparable(federated));
        assertThat(comparable(fromStore).toString()).as(what).isEqualTo(comparable(federated).toString());
        assertThat(fromStore.metadata()).as(what).isEqualTo(pushed.metadata());
        assertThat(fromStore.warnings()).as(what).isEqualTo(pushed.warnings()).isEmpty();
        assertThat(fromStore.stats().roundTrips()).as(what).isEqualTo(federated.stats().roundTrips());
        assertThat(fromStore.stats().fetches()).as(what).allSatisfy(f -> assertThat(f.strategy()).isEqualTo("federated"));
      }
      GraphQuery oneHop = GraphQuery.entity("sales_channel").fields("name", "catalog_items.title").build();
      assertThat(memory.query().explain(oneHop).text()).startsWith("graph query on sales_channel: federated"
          + " (catalog_item is read through its store, which declares no plain SQL table)");
      assertThat(sql.query().explain(oneHop).strategy()).isEqualTo("push-down");
      // one call to the external catalog per hop, whatever the number of channels and items
      int before = external.calls();
      assertThat(memory.query().graph(oneHop).stats().roundTrips()).isEqualTo(3);
      assertThat(external.calls() - before).isEqualTo(1);

      // an item removed from the catalog is a missing record, in both
      external.remove("item_05");
      sql.sessionFactory("catalog").inTransaction(s -> s.createMutationQuery(
          "delete from CatalogItem where id = 'item_05'").executeUpdate());
      GraphQuery channels = GraphQuery.entity("sales_channel").fields("catalog_items.id").build();
      GraphResult missing = memory.query().graph(channels);
      assertThat(missing.data()).isEqualTo(sql.query().graph(channels).data());
      assertThat(missing.warnings()).isEqualTo(sql.query().graph(channels).warnings())
          .singleElement().asString().startsWith("1 catalog_item record(s) linked from sales_channel");
    }
  }

  @DatabaseTest
  void linksToTheCatalogAreVerifiedThroughItsStore(TestDatabase db) {
    ExternalCatalog external = new ExternalCatalog();
    external.put(items().toArray(CatalogItem[]::new));
    try (Modlink modlink = open(config(db), CatalogModule.definition(external))) {
      int before = external.calls();
      modlink.link().create(List.of(link("item_01", "sc_web"), link("item_02", "sc_web"), link("item_03", "sc_app")));
      assertThat(external.calls() - before).as("one read of the catalog for the three").isEqualTo(1);
      assertThatThrownBy(() -> modlink.link().create(link("item_99", "sc_web")))
          .isInstanceOf(NotFoundException.class)
          .hasMessageStartingWith("catalog_item not found for catalog_item_id item_99");
      assertThat(db.column("select count(*) from catalog_catalog_item_sales_channel_sales_channel"))
          .containsExactly(3L);
      // the catalog is read-only: a cascade cannot soft-delete its items
      assertThatThrownBy(() -> modlink.store("catalog_item").softDelete(List.of("item_01")))
          .isInstanceOf(NotAllowedException.class);
      assertThatThrownBy(() -> modlink.dataSource("catalog")).hasMessageContaining("has no JPA entity");
    }
  }
}
