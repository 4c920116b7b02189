package io.modlink.core.query;

import static io.modlink.core.fixtures.Fixtures.config;
import static io.modlink.core.query.QueryGraphTest.ps;
import static io.modlink.core.query.QueryGraphTest.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.modlink.core.Modlink;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.fixtures.LinkFixtures;
import io.modlink.core.fixtures.Product;
import io.modlink.core.fixtures.ProductStatus;
import io.modlink.core.fixtures.Ticket;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkSide;
import io.modlink.core.link.LinkRequest;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.module.ModuleDefinition;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.KeyedReadRequest;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.core.spi.SortDirection;
import io.modlink.core.spi.SqlTable;
import io.modlink.testing.DatabaseTest;
import io.modlink.testing.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Graph queries read a module's data only through its stores: a decorator sees every read of a
 * federated query, per hop and with the keys asked; push-down happens exactly when every store of
 * the query declares a plain SQL table on one DataSource; round trips do not grow with the rows.
 */
class StoreReadsTest {

  /** Records what it is asked, forwards everything, and passes the plain table on only if told to. */
  static class Recording implements EntityStore {
    private final EntityStore delegate;
    private final List<String> log;
    private final boolean passTable;

    Recording(EntityStore delegate, List<String> log, boolean passTable) {
      this.delegate = delegate;
      this.log = log;
      this.passTable = passTable;
    }

    @Override
    public EntityModel model() {
      return delegate.model();
    }

    @Override
    public ReadResult read(ReadRequest request) {
      log.add(model().name() + " read");
      return delegate.read(request);
    }

    @Override
    public ReadResult readByKeys(KeyedReadRequest request) {
      log.add(model().name() + " by " + request.keyField() + " " + new TreeSet<>(request.keys().stream()
          .map(String::valueOf).toList()));
      return delegate.readByKeys(request);
    }

    @Override
    public Optional<SqlTable> sqlTable() {
      return passTable ? delegate.sqlTable() : Optional.empty();
    }

    @Override
    public AffectedKeys softDelete(Collection<?> ids) {
      return delegate.softDelete(ids);
    }

    @Override
    public AffectedKeys restore(Collection<?> ids) {
      return delegate.restore(ids);
    }

    @Override
    public boolean joinsUnitsOfWork() {
      return delegate.joinsUnitsOfWork();
    }
  }

  private static final List<LinkRequest> LINKS = List.of(pw("p1", "w1"), pw("p2", "w1"), pw("p3", "w2"),
      ps("p1", "s1"), ps("p1", "s2"), ps("p2", "s2"), ps("p3", "s3"));

  @DatabaseTest
  void aDecoratorSeesEveryReadOfAFederatedQueryPerHopWithTheKeysAsked(TestDatabase db) {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    List<KeyedReadRequest> asked = Collections.synchronizedList(new ArrayList<>());
    try (Modlink modlink = LinkFixtures.builder(config(db))
        .decorateStores(s -> new Recording(s, log, false) {
          @Override
          public ReadResult readByKeys(KeyedReadRequest request) {
            asked.add(request);
            return super.readByKeys(request);
          }
        })
        .decorateLinkStores(s -> new Recording(s, log, false))
        .build()) {
      LinkFixtures.seed(modlink, 4);
      log.clear();
      modlink.link().create(LINKS);
      assertThat(log).as("link.create verifies each side with one read of its store")
          .containsExactly("product read", "warehouse read", "product read", "shelf read");

      log.clear();
      GraphQuery q = GraphQuery.entity("product").fields("title", "shelves.label", "warehouse.name")
          .relation("shelves", r -> r.order("label", SortDirection.DESC)).build();
      GraphResult r = modlink.query().graph(q);
      assertThat(log).containsExactlyInAnyOrder(
          "product read",
          "product_shelf by product_id [p1, p2, p3, p4]",
          "shelf by id [s1, s2, s3]",
          "product_warehouse by product_id [p1, p2, p3, p4]",
          "warehouse by id [w1, w2]");
      assertThat(log.get(0)).isEqualTo("product read");
      assertThat(log.indexOf("product_shelf by product_id [p1, p2, p3, p4]")).isLessThan(
          log.indexOf("shelf by id [s1, s2, s3]"));
      assertThat(r.stats().roundTrips()).isEqualTo(1 + 2 * 2);
      assertThat(r.stats().fetches()).allSatisfy(f -> assertThat(f.strategy()).isEqualTo("federated"));
      assertThat(QueryGraphTest.ids(r.data().get(0).get("shelves"))).containsExactly("s2", "s1");
      KeyedReadRequest shelves = asked.stream().filter(a -> a.keyField().equals("id")
          && a.keys().contains("s1")).findFirst().orElseThrow();
      assertThat(shelves.fields()).containsExactly("id", "label");
      assertThat(shelves.order()).extracting(o -> o.field() + " " + o.direction()).containsExactly("label DESC", "id ASC");
      assertThat(modlink.query().explain(q).text()).startsWith("graph query on product: federated (product is read"
          + " through its store, which declares no plain SQL table)");

      // a linked filter: the linked store, the link store, then the root
      log.clear();
      GraphResult filtered = modlink.query().graph(GraphQuery.entity("product").fields("title")
          .filters(java.util.Map.of("shelves", java.util.Map.of("label", "Shelf 2"))).build());
      assertThat(QueryGraphTest.ids(filtered.data())).containsExactly("p1", "p2");
      assertThat(log).containsExactly("shelf read", "product_shelf by shelf_id [s2]", "product read");
    }
  }

  @DatabaseTest
  void pushDownExactlyWhenEveryStoreOfTheQueryDeclaresItsTable(TestDatabase db) {
    List<String> log = Collections.synchronizedList(new ArrayList<>());
    // every store passes its table on, except shelf's and the product_warehouse link store's
    try (Modlink modlink = LinkFixtures.builder(config(db))
        .decorateStores(s -> new Recording(s, log, !s.model().name().equals("shelf")))
        .decorateLinkStores(s -> new Recording(s, log, !s.model().name().equals("product_warehouse")))
        .build()) {
      LinkFixtures.seed(modlink, 4);
      modlink.link().create(LINKS);
      log.clear();

      GraphQuery alone = GraphQuery.entity("product").fields("title").build();
      assertThat(strategy(modlink, alone)).isEqualTo("push-down");
      GraphQuery warehouses = GraphQuery.entity("warehouse").fields("name", "products.title").build();
      assertThat(strategy(modlink, warehouses)).isEqualTo("federated");
      assertThat(modlink.query().explain(warehouses).text()).startsWith("graph query on warehouse: federated"
          + " (product_warehouse is read through its store, which declares no plain SQL table)");
      assertThat(log).as("federated, every store of the query is asked, whether it passes its table on or not")
          .containsExactly("warehouse read", "product_warehouse by warehouse_id [w1, w2, w3]",
              "product by id [p1, p2, p3]");
      log.clear();

      GraphQuery shelves = GraphQuery.entity("product").fields("title", "shelves.label").build();
      assertThat(strategy(modlink, shelves)).isEqualTo("federated");
      assertThat(modlink.query().explain(shelves).text()).startsWith("graph query on product: federated (shelf is"
          + " read through its store, which declares no plain SQL table)");
      assertThat(log).containsExactly("product read", "product_shelf by product_id [p1, p2, p3, p4]",
          "shelf by id [s1, s2, s3]");
      log.clear();
      GraphQuery linked = GraphQuery.entity("product").fields("title")
          .filters(java.util.Map.of("shelves", java.util.Map.of("label", "Shelf 1"))).build();
      assertThat(strategy(modlink, linked)).isEqualTo("federated");
      assertThat(log).containsExactly("shelf read", "product_shelf by shelf_id [s1]", "product read");
      assertThatThrownBy(() -> modlink.query().graph(GraphQuery.entity("product").fields("shelves.label")
          .strategy(Strategy.PUSH_DOWN).build()))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("this query cannot be pushed down: shelf is read through its store, which declares no plain"
              + " SQL table; use Strategy.AUTO or Strategy.FEDERATED");
    }
    // decorators that pass every table on: pushed down, and they see no read
    log.clear();
    try (Modlink modlink = LinkFixtures.builder(config(db.sibling("passing")))
        .decorateStores(s -> new Recording(s, log, true))
        .decorateLinkStores(s -> new Recording(s, log, true))
        .build()) {
      LinkFixtures.seed(modlink, 4);
      modlink.link().create(LINKS);
      log.clear();
      GraphResult r = modlink.query().graph(GraphQuery.entity("warehouse").fields("name", "products.shelves.label")
          .build());
      assertThat(r.stats().fetches()).singleElement().satisfies(f -> assertThat(f.strategy()).isEqualTo("push-down"));
      assertThat(log).isEmpty();
    }
  }

  private static String strategy(Modlink modlink, GraphQuery q) {
    GraphResult r = modlink.query().graph(q);
    Set<String> strategies = new TreeSet<>();
    r.stats().fetches().forEach(f -> strategies.add(f.strategy()));
    assertThat(strategies).hasSize(1);
    assertThat(modlink.query().explain(q).strategy()).isEqualTo(strategies.iterator().next());
    return strategies.iterator().next();
  }

  @DatabaseTest
  void roundTripsDoNotGrowWithTheRows(TestDatabase db) {
    try (Modlink modlink = LinkFixtures.builder(config(db)).build()) {
      LinkFixtures.seed(modlink, 0);
      GraphQuery oneHop = GraphQuery.entity("product").fields("title", "shelves.*").build();
      GraphQuery twoHops = GraphQuery.entity("warehouse").fields("name", "products.title", "products.shelves.label")
          .build();
      int seeded = 0;
      for (int n : new int[] {10, 200, 1_000}) {
        add(modlink, seeded + 1, n);
        seeded = n;
        GraphResult federated = modlink.query().graph(GraphQuery.entity("product").fields("title", "shelves.*")
            .strategy(Strategy.FEDERATED).build());
        assertThat(federated.data()).hasSize(n);
        assertThat(federated.stats().roundTrips()).as("1 hop, %d products", n).isEqualTo(3);
        GraphResult pushed = modlink.query().graph(oneHop);
        assertThat(pushed.stats().roundTrips()).as("pushed down, %d products", n).isEqualTo(1);
        assertThat(pushed.data()).isEqualTo(federated.data());
        GraphResult deep = modlink.query().graph(GraphQuery.entity("warehouse").fields("name", "products.title",
            "products.shelves.label").strategy(Strategy.FEDERATED).build());
        assertThat(deep.stats().roundTrips()).as("2 hops, %d products", n).isEqualTo(5);
        assertThat(modlink.query().graph(twoHops).stats().roundTrips()).isEqualTo(1);
      }
    }
  }

  /** Products p{from}..p{to}, each in a warehouse and on two shelves. */
  private static void add(Modlink modlink, int from, int to) {
    List<LinkRequest> links = new ArrayList<>();
    modlink.sessionFactory("catalog").inTransaction(s -> {
      for (int i = from; i <= to; i++) {
        s.persist(new Product("p" + i, "Product " + i, BigDecimal.ONE, i, true, ProductStatus.draft,
            Instant.parse("2024-01-01T00:00:00Z")));
        links.add(pw("p" + i, "w" + (1 + i % 3)));
        links.add(ps("p" + i, "s" + (1 + i % 3)));
        links.add(ps("p" + i, "s" + (1 + (i + 1) % 3)));
      }
    });
    modlink.link().create(links);
  }

  @DatabaseTest
  void anEntityThatIsNotAPlainTableIsReadThroughHibernateAndNeverPushedDown(TestDatabase db) {
    ModuleDefinition support = ModuleDefinition.builder("support").entity(Ticket.class).build();
    LinkDefinition tickets = LinkDefinition.between(LinkSide.of("catalog", "product"),
        LinkSide.of("support", "ticket").list()).build();
    try (Modlink modlink = LinkFixtures.builder(config(db)).module(support).link(tickets).build()) {
      LinkFixtures.seed(modlink, 2);
      modlink.sessionFactory("support").inTransaction(s -> {
        s.persist(new Ticket("t1", "Broken zip", ProductStatus.published));
        s.persist(new Ticket("t2", "Wrong size", ProductStatus.draft));
        s.persist(new Ticket("t3", "Late", ProductStatus.published));
      });
      modlink.link().create(List.of(pt("p1", "t1"), pt("p1", "t2"), pt("p2", "t3")));
      assertThat(modlink.store("ticket").sqlTable()).isEmpty();
      assertThat(modlink.store("product").sqlTable()).isPresent();

      GraphQuery q = GraphQuery.entity("product").fields("title", "tickets.subject", "tickets.status")
          .relation("tickets", r -> r.filters(java.util.Map.of("status", "published"))).build();
      assertThat(modlink.query().explain(q).text()).startsWith("graph query on product: federated (ticket is read"
          + " through its store, which declares no plain SQL table (enum attribute status is stored by ordinal))");
      GraphResult r = modlink.query().graph(q);
      assertThat(r.data().toString()).isEqualTo("[{\"id\":\"p1\",\"title\":\"Product 1\",\"tickets\":[{\"id\":"
          + "\"t1\",\"subject\":\"Broken zip\",\"status\":\"published\"}]},{\"id\":\"p2\",\"title\":"
          + "\"Product 2\",\"tickets\":[{\"id\":\"t3\",\"subject\":\"Late\",\"status\":\"published\"}]}]");
      assertThat(r.stats().roundTrips()).isEqualTo(3);
      assertThat(modlink.query().graph(GraphQuery.entity("ticket").fields("subject")
          .filters(java.util.Map.of("status", "draft")).build()).data().toString())
          .isEqualTo("[{\"id\":\"t2\",\"subject\":\"Wrong size\"}]");
    }
  }

  private static LinkRequest pt(String product, String ticket) {
    return LinkRequest.between(io.modlink.core.link.LinkKey.of("catalog", "product_id", product),
        io.modlink.core.link.LinkKey.of("support", "ticket_id", ticket));
  }

  @Test
  void aModuleServesAnEntityFromAStoreOfItsOwn() {
    EntityModel model = EntityModel.builder("feeds", "feed").primaryKey("id", FieldType.STRING).build();
    EntityStore store = new EntityStore() {
      @Override
      public EntityModel model() {
        return model;
      }

      @Override
      public ReadResult read(ReadRequest request) {
        return new ReadResult(List.of(), null);
      }

      @Override
      public AffectedKeys softDelete(Collection<?> ids) {
        return new AffectedKeys("feed", List.of(), java.util.Map.of());
      }

      @Override
      public AffectedKeys restore(Collection<?> ids) {
        return softDelete(ids);
      }
    };
    assertThatThrownBy(() -> ModuleDefinition.builder("other").store(store))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the store's model feeds.feed belongs to module 'feeds', not to 'other'; build it with"
            + " EntityModel.builder(\"other\", \"feed\")");
    assertThatThrownBy(() -> ModuleDefinition.builder("feeds").store(store).store(store))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a store of feed was already added to module feeds");
    ModuleDefinition feeds = ModuleDefinition.builder("feeds").store(store).build();
    assertThat(feeds.stores()).containsExactly(store);
    assertThat(feeds.entities()).isEmpty();
    try (Modlink modlink = Modlink.builder().module(feeds).build()) {
      assertThat(modlink.store("feed")).isSameAs(store);
      assertThat(modlink.registry().entity("feeds")).contains(model);
      assertThatThrownBy(() -> modlink.sessionFactory("feeds"))
          .isInstanceOf(InvalidDataException.class)
          .hasMessage("module 'feeds' has no JPA entity (its entities are served by its own stores), so modlink"
              + " opened no session factory for it; read its data with modlink.store(entity)");
    }
  }
}
