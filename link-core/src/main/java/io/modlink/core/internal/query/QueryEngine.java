package io.modlink.core.internal.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.module.FieldModel;
import io.modlink.core.internal.store.Filter;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.link.LinkRegistry;
import io.modlink.core.link.ResolvedLink;
import io.modlink.core.internal.jdbc.Flavor;
import io.modlink.core.internal.jdbc.JdbcTable;
import io.modlink.core.internal.jdbc.Sql;
import io.modlink.core.internal.store.HibernateEntityStore;
import io.modlink.core.module.EntityModel;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.SqlTable;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.GraphResult;
import io.modlink.core.query.Query;
import io.modlink.core.query.QueryPlan;
import io.modlink.core.query.QueryStats;
import io.modlink.core.query.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import io.modlink.core.internal.tx.HopExecutor;
import io.modlink.core.workflow.Transactions;

/** The {@link Query} service: plans with {@link Planner}, runs federated or pushed down. */
public final class QueryEngine implements Query, AutoCloseable {
  private final Planner planner;
  private final ExecutorService pool;
  private final FederatedExecutor federated;
  private final HybridExecutor hybrid;
  private final PushDownExecutor pushDown = new PushDownExecutor();
  /**
   * AUTO's memory on MariaDB and PostgreSQL, by the shape of a query that could be pushed down: how many
   * roots it returned the last time it ran (whichever way it was read). On MariaDB above
   * {@link #LARGE_RESULT_MARIADB} roots, on PostgreSQL from {@link #FEDERATED_FROM_POSTGRESQL} to
   * {@link #FEDERATED_UP_TO_POSTGRESQL} roots, federated fetches read a list hop faster than the joined rows
   * of a push-down; the first run of a shape, and any other size, is pushed down.
   */
  private final Map<String, Integer> lastRoots = new java.util.concurrent.ConcurrentHashMap<>();
  /**
   * The root count above which AUTO reads a list hop federated on MariaDB (measured: federated 0.47x
   * and push-down 0.99x the JDBC join at 10,000 keys; level at 1,000; docs/performance.md).
   */
  static final int LARGE_RESULT_MARIADB = 5_000;
  /**
   * The least root count AUTO reads a list hop federated at on PostgreSQL. Measured with {@code modlink
   * bench query} (3 links per root to 1,000 records; docs/performance.md): at 1,000 roots the two are
   * level; at 3,000 federated took 0.70x the JDBC join and push-down 1.01x (load 10); at 10,000, on a quiet
   * machine, 0.77-0.87x against 1.00-1.03x. The joined statement costs PostgreSQL about twice the three
   * federated ones (merge join, a memoized lookup per row, the sort of each root's rows), which one round
   * trip does not make up for at these sizes.
   */
  static final int FEDERATED_FROM_POSTGRESQL = 2_000;
  /**
   * The most roots AUTO reads a list hop federated at on PostgreSQL; above it push-down is the faster.
   * Measured on a quiet machine (load 1.6-2.0, each N in a fresh JVM): at 30,000 roots federated 0.86x
   * and push-down 1.05x the JDBC join; level at 50,000 (1.10x / 1.13x) and 70,000 (1.00x / 0.95x);
   * push-down ahead at 100,000 (0.82-0.98x against 1.07-1.21x): federated fetches then pay for the large
   * key arrays they send and the pairs they turn into Java objects, while the joined rows stream by.
   * Under heavy CPU load (load average 15 and more on 2 cores) push-down's single round trip was the
   * faster at every size.
   */
  static final int FEDERATED_UP_TO_POSTGRESQL = 40_000;

  /**
   * @param entityStores the (decorated) store of each entity, by entity name
   * @param linkStores the (decorated) store of each link table, by table name
   * @param flavor the SQL flavor of a DataSource a store declares its table on
   * @param concurrency the threads that run the independent hops of one level
   * @param transactions the units of work the engine's reads take part in
   */
  public QueryEngine(LinkRegistry registry, Function<String, EntityStore> entityStores,
      Map<String, EntityStore> linkStores, Function<DataSource, Flavor> flavor, int concurrency,
      Transactions transactions) {
    Map<String, Source> entities = new LinkedHashMap<>();
    registry.entities().forEach(e -> entities.put(e.name(), source(e.name(), e, entityStores.apply(e.name()),
        e.module(), flavor)));
    Map<String, Source> links = new LinkedHashMap<>();
    for (ResolvedLink l : registry.links()) {
      if (!l.isReadOnly()) {
        String table = l.table().orElseThrow();
        EntityStore store = linkStores.get(table);
        links.put(table, source(table, store.model(), store, "links", flavor));
      }
    }
    this.planner = new Planner(registry, entities::get, links);
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(concurrency, r -> {
      Thread t = new Thread(r, "modlink-query-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    // inside a unit of work, hops run on the calling thread, which holds the unit's connections
    this.federated = new FederatedExecutor(new HopExecutor(pool, transactions));
    this.hybrid = new HybridExecutor(federated);
  }

  private static Source source(String name, EntityModel model, EntityStore store, String owner,
      Function<DataSource, Flavor> flavor) {
    Optional<SqlTable> declared = store.sqlTable();
    if (declared.isEmpty()) {
      String why = store instanceof HibernateEntityStore h ? h.whyNotPlain() : null;
      return new Source(name, model, store, owner, null, why);
    }
    SqlTable table = declared.get();
    return new Source(name, model, store, owner, new JdbcTable(model, table, flavor.apply(table.dataSource()), sql -> sql),
        null);
  }

  @Override
  public GraphResult graph(GraphQuery query) {
    Objects.requireNonNull(query, "query");
    long start = System.nanoTime();
    PlanNode root = planner.plan(query);
    boolean push = pushDown(root, query);
    PlanNode joined = push ? null : hybridJoin(root, query);
    Run run = new Run(query, push ? "push-down" : joined != null ? "hybrid" : "federated");
    List<ObjectNode> rows = push ? pushDown.execute(root, run)
        : joined != null ? hybrid.execute(root, joined, run) : federated.execute(root, run);
    String shape = largeResultShape(root, query);
    if (shape != null) {
      lastRoots.put(shape, rows.size());
    }
    checkKeys(root, rows, run);
    ArrayNode data = new ArrayNode(Run.NODES, new ArrayList<>(rows));
    Optional<GraphResult.Metadata> metadata = query.withCount()
        ? Optional.of(new GraphResult.Metadata(query.skip(), query.take().orElse(null),
            run.count == null ? rows.size() : run.count))
        : Optional.empty();
    QueryStats stats = new QueryStats(run.fetches, run.roundTrips.get(), run.rows.get(),
        Duration.ofNanos(System.nanoTime() - start));
    return new GraphResult(data, metadata, run.warnings, stats);
  }

  /** With throwIfKeyNotFound, fails when a primary key named in the root filter matched no row. */
  private static void checkKeys(PlanNode root, List<ObjectNode> rows, Run run) {
    if (!run.query.throwIfKeyNotFound()) {
      return;
    }
    FieldModel pk = root.table.model().primaryKey();
    Set<Object> asked = new LinkedHashSet<>();
    collectKeys(root.filter, pk, asked);
    boolean numeric = pk.type() == io.modlink.core.module.FieldType.INTEGER
        || pk.type() == io.modlink.core.module.FieldType.BIGINT;
    Set<Object> found = new java.util.HashSet<>();
    rows.forEach(r -> found.add(Run.key(r.get(pk.name()), pk)));
    List<Object> missing = asked.stream()
        .map(k -> numeric ? (Object) ((Number) k).longValue() : (Object) String.valueOf(k))
        .filter(k -> !found.contains(k)).toList();
    if (!missing.isEmpty() && run.query.take().isEmpty() && run.query.skip() == 0) {
      throw new NotFoundException(pascal(root.table.name()) + " " + pk.name() + " not found: " + Sql.join(missing));
    }
  }

  private static void collectKeys(Filter filter, FieldModel pk, Set<Object> out) {
    if (filter instanceof Filter.And and) {
      and.parts().forEach(p -> collectKeys(p, pk, out));
    } else if (filter instanceof Filter.Compare c && c.field().equals(pk) && c.op() == Filter.Op.EQ) {
      out.add(c.value());
    } else if (filter instanceof Filter.In in && in.field().equals(pk) && !in.negated()) {
      out.addAll(in.values());
    }
  }

  private static String pascal(String snake) {
    StringBuilder out = new StringBuilder();
    for (String part : snake.split("_")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }

  /**
   * The shape AUTO remembers a result size by: on MariaDB and PostgreSQL, a query with every table on one
   * database, not paged to fewer roots than federated reads could pay at, with a list hop. Null otherwise
   * (then AUTO pushes down whenever it can: on H2 push-down is level with the JDBC join at every size,
   * federated 4-9x).
   */
  private static @org.jspecify.annotations.Nullable String largeResultShape(PlanNode root, GraphQuery query) {
    Flavor flavor = root.table.sql() == null ? null : root.table.sql().flavor();
    int least = flavor == Flavor.MARIADB ? LARGE_RESULT_MARIADB + 1
        : flavor == Flavor.POSTGRESQL ? FEDERATED_FROM_POSTGRESQL : -1;
    if (query.strategy() != Strategy.AUTO || least < 0 || query.take().orElse(Integer.MAX_VALUE) < least
        || PushDownExecutor.obstacle(root) != null) {
      return null;
    }
    StringBuilder shape = new StringBuilder(root.path);
    boolean list = false;
    for (PlanNode n = root; !n.children.isEmpty(); ) {
      n = n.children.values().iterator().next();
      list |= n.edge != null && n.edge.isList();
      shape.append('|').append(n.path);
    }
    return list ? shape.toString() : null;
  }

  /**
   * Why AUTO reads a query it could push down federated, or null when it pushes it down: by the roots its
   * shape returned the last time (see {@link #lastRoots}).
   */
  private @org.jspecify.annotations.Nullable String largeResult(PlanNode root, GraphQuery query) {
    String shape = largeResultShape(root, query);
    Integer last = shape == null ? null : lastRoots.get(shape);
    if (last == null) {
      return null;
    }
    if (root.table.sql().flavor() == Flavor.MARIADB) {
      return last > LARGE_RESULT_MARIADB ? "AUTO: its last run returned " + last + " roots; above "
          + LARGE_RESULT_MARIADB + " MariaDB's key joins are faster than joined rows" : null;
    }
    return last >= FEDERATED_FROM_POSTGRESQL && last <= FEDERATED_UP_TO_POSTGRESQL ? "AUTO: its last run returned "
        + last + " roots; from " + FEDERATED_FROM_POSTGRESQL + " to " + FEDERATED_UP_TO_POSTGRESQL
        + " PostgreSQL reads them faster federated than as joined rows" : null;
  }

  /**
   * The relation whose link rows AUTO reads with the root when the query cannot be pushed down because some
   * of its tables are elsewhere ({@link HybridExecutor}); null for a plain federated read. FEDERATED asked
   * explicitly stays plain federated: every fetch through the stores, as documented.
   */
  private static @org.jspecify.annotations.Nullable PlanNode hybridJoin(PlanNode root, GraphQuery query) {
    return query.strategy() == Strategy.AUTO ? HybridExecutor.joined(root) : null;
  }

  /**
   * Whether to push the query down. AUTO does whenever it can, one round trip, unless the roots its shape
   * returned the last time are a size that federated fetches read faster on the database
   * ({@link #largeResult}).
   */
  private boolean pushDown(PlanNode root, GraphQuery query) {
    String obstacle = PushDownExecutor.obstacle(root);
    return switch (query.strategy()) {
      case FEDERATED -> false;
      case AUTO -> obstacle == null && largeResult(root, query) == null;
      case PUSH_DOWN -> {
        if (obstacle != null) {
          throw new InvalidDataException("this query cannot be pushed down: " + obstacle
              + "; use Strategy.AUTO or Strategy.FEDERATED");
        }
        yield true;
      }
    };
  }

  @Override
  public QueryPlan explain(GraphQuery query) {
    PlanNode root = planner.plan(query);
    String obstacle = PushDownExecutor.obstacle(root);
    if (obstacle == null) {
      obstacle = largeResult(root, query);
    }
    boolean push = pushDown(root, query);
    PlanNode joined = push ? null : hybridJoin(root, query);
    String strategy = push ? "push-down" : joined != null ? "hybrid" : "federated";
    List<QueryPlan.PlannedFetch> fetches = new ArrayList<>();
    StringBuilder text = new StringBuilder("graph query on ").append(root.path).append(": ").append(strategy);
    if (!push) {
      text.append(obstacle == null ? " (asked for)" : " (" + obstacle + ")");
    }
    text.append('\n');
    if (push) {
      List<String> tables = new ArrayList<>();
      PlanNode n = root;
      while (true) {
        if (n.edge != null && n.edge.pivot() != null) {
          tables.add(n.edge.pivot().name());
        }
        tables.add(n.table.name());
        if (n.children.isEmpty()) {
          break;
        }
        n = n.children.values().iterator().next();
      }
      fetches.add(new QueryPlan.PlannedFetch(1, root.path, String.join(" join ", tables), root.table.owner(), 0,
          root.semiJoins.isEmpty() ? "page of " + root.path : "page of " + root.path + " with exists(...)"));
    } else if (joined != null) {
      Edge e = joined.edge;
      fetches.add(new QueryPlan.PlannedFetch(1, root.path, root.table.table() + " left join " + e.pivot().table(),
          root.table.owner(), 0, (root.semiJoins.isEmpty() ? "page of " + root.path : "page of " + root.path
          + " with exists(...)") + ", " + e.pivotFrom() + " = " + root.table.name() + "." + e.parentKey()));
      int[] id = {1};
      for (PlanNode child : root.children.values()) {
        if (child == joined) {
          fetches.add(new QueryPlan.PlannedFetch(++id[0], child.path, child.table.table(), child.table.owner(), 1,
              e.targetKey() + " = any(distinct " + e.pivot().name() + "." + e.pivotTo() + ")"));
          childFetches(child, id[0], fetches, id);
        } else {
          childFetches(root, child, 1, fetches, id);
        }
      }
    } else {
      int[] id = {0};
      for (PlanNode.SemiJoin s : root.semiJoins) {
        semiFetches(root.path, s, fetches, id);
      }
      int rootWaits = id[0];
      fetches.add(new QueryPlan.PlannedFetch(++id[0], root.path, root.table.table(), root.table.owner(), rootWaits,
          root.semiJoins.isEmpty() ? "filter" : "filter and " + root.table.model().primaryKey().name()
              + " = any(linked-path keys)"));
      childFetches(root, id[0], fetches, id);
    }
    for (QueryPlan.PlannedFetch f : fetches) {
      text.append("  ").append(f.id()).append(". ").append(f.path()).append(": ").append(f.source()).append(" [")
          .append(f.store()).append("] ").append(f.keys())
          .append(f.waitsFor() == 0 ? "" : " (after " + f.waitsFor() + ")").append('\n');
    }
    int trips = fetches.size();
    text.append("expected round trips: ").append(trips);
    if (query.withCount()) {
      text.append(" (+1 to count when the page is empty)");
    }
    text.append('\n');
    return new QueryPlan(strategy, fetches, trips, text.toString());
  }

  private static void semiFetches(String path, PlanNode.SemiJoin s, List<QueryPlan.PlannedFetch> out, int[] id) {
    int waits = 0;
    for (PlanNode.SemiJoin nested : s.nested()) {
      semiFetches(path + "." + s.edge().alias(), nested, out, id);
      waits = id[0];
    }
    Edge e = s.edge();
    out.add(new QueryPlan.PlannedFetch(++id[0], path + "." + e.alias() + " (filter)", e.target().table(),
        e.target().owner(), waits, "filter on " + e.target().name()));
    if (e.pivot() != null) {
      out.add(new QueryPlan.PlannedFetch(++id[0], path + "." + e.alias() + " (filter)", e.pivot().table(), "links",
          id[0] - 1, e.pivotTo() + " = any(" + e.target().name() + "." + e.targetKey() + ")"));
    }
  }

  private static void childFetches(PlanNode node, int nodeFetch, List<QueryPlan.PlannedFetch> out, int[] id) {
    for (PlanNode child : node.children.values()) {
      childFetches(node, child, nodeFetch, out, id);
    }
  }

  private static void childFetches(PlanNode node, PlanNode child, int nodeFetch, List<QueryPlan.PlannedFetch> out,
      int[] id) {
    {
      Edge e = child.edge;
      int waits = nodeFetch;
      String keys;
      if (e.pivot() != null) {
        out.add(new QueryPlan.PlannedFetch(++id[0], child.path, e.pivot().table(), "links", waits,
            e.pivotFrom() + " = any(" + node.table.name() + "." + e.parentKey() + ")"));
        waits = id[0];
        keys = e.targetKey() + " = any(" + e.pivot().name() + "." + e.pivotTo() + ")";
      } else {
        keys = e.targetKey() + " = any(" + node.table.name() + "." + e.parentKey() + ")";
      }
      out.add(new QueryPlan.PlannedFetch(++id[0], child.path, child.table.table(), child.table.owner(), waits, keys));
      childFetches(child, id[0], out, id);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
