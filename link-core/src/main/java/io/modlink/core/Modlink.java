package io.modlink.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.modlink.core.error.ConfigurationException;
import io.modlink.core.error.ConfigurationProblem;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.ProblemId;
import io.modlink.core.internal.HibernateLogging;
import io.modlink.core.internal.JdbcDrivers;
import io.modlink.core.internal.naming.DidYouMean;
import io.modlink.core.internal.store.EntityModelReader;
import io.modlink.core.internal.store.HibernateEntityStore;
import io.modlink.core.internal.store.Rows;
import io.modlink.core.internal.query.QueryEngine;
import io.modlink.core.internal.jdbc.Flavor;
import io.modlink.core.internal.jdbc.JdbcTable;
import io.modlink.core.internal.store.HibernateStatements;
import io.modlink.core.internal.store.SqlTableStore;
import io.modlink.core.spi.SqlTable;
import io.modlink.core.internal.storage.LinkDdl;
import io.modlink.core.internal.storage.LinkMapping;
import io.modlink.core.internal.storage.LinkService;
import io.modlink.core.internal.storage.LinkTable;
import io.modlink.core.internal.tx.TransactionManager;
import io.modlink.core.link.Link;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkRegistry;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.ModuleDefinition;
import io.modlink.core.module.ModuleModel;
import io.modlink.core.query.Query;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.LinkListener;
import io.modlink.core.storage.LinkSchemaSync;
import io.modlink.core.storage.SyncMode;
import io.modlink.core.workflow.Transactions;
import io.modlink.core.workflow.UnitOfWork;
import java.util.function.UnaryOperator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apiguardian.api.API;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * A running composition of modules and links: the validated {@link LinkRegistry}, one Hibernate
 * {@link SessionFactory} per module over its own or a shared pool, and an {@link EntityStore} per
 * entity.
 *
 * <pre>{@code
 * try (Modlink modlink = Modlink.builder()
 *     .module(apiKeyDefinition)
 *     .module(salesChannelDefinition)
 *     .link(apiKeySalesChannel)
 *     .build()) {                                  // embedded H2, tables created
 *   System.out.println(modlink.registry().describe());
 * }
 * }</pre>
 *
 * <p>{@link Builder#build()} validates everything before returning and throws a
 * {@link ConfigurationException} listing every problem; resources opened on the way are closed.
 * Every DataSource it hands out (to the session factories, the stores, the link tables, the query
 * engine, {@link #dataSource}) takes part in {@linkplain #inTransaction units of work}.
 * Thread-safe. Close it to close its pools.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class Modlink implements AutoCloseable {
  private final LinkRegistry registry;
  private final Map<String, SessionFactory> sessionFactories;
  private final Map<String, DataSource> dataSources;
  private final Map<String, EntityStore> stores;
  private final List<HikariDataSource> pools;
  private final ObjectMapper objectMapper;
  private final DatabaseConfig linkDatabase;
  private final SessionFactory linkSessionFactory;
  private final LinkSchemaSync linkSchemaSync;
  private final Link link;
  private final QueryEngine query;
  private final TransactionManager transactions;

  private Modlink(LinkRegistry registry, Map<String, SessionFactory> sessionFactories,
      Map<String, DataSource> dataSources, Map<String, EntityStore> stores, List<HikariDataSource> pools,
      ObjectMapper objectMapper, DatabaseConfig linkDatabase, SessionFactory linkSessionFactory,
      LinkSchemaSync linkSchemaSync, Link link, QueryEngine query, TransactionManager transactions) {
    this.registry = registry;
    this.sessionFactories = Map.copyOf(sessionFactories);
    this.dataSources = Map.copyOf(dataSources);
    this.stores = Map.copyOf(stores);
    this.pools = List.copyOf(pools);
    this.objectMapper = objectMapper;
    this.linkDatabase = linkDatabase;
    this.linkSessionFactory = linkSessionFactory;
    this.linkSchemaSync = linkSchemaSync;
    this.link = link;
    this.query = query;
    this.transactions = transactions;
  }

  /**
   * A new builder. Unless the application chose a JBoss Logging provider (the system property
   * {@code org.jboss.logging.provider}), this routes Hibernate's logging to SLF4J, where modlink
   * logs, provided an SLF4J provider is on the class path; call it before any other use of Hibernate.
   */
  public static Builder builder() {
    HibernateLogging.routeToSlf4j();
    return new Builder();
  }

  /** The validated graph of modules, entities and links. */
  public LinkRegistry registry() {
    return registry;
  }

  /**
   * The store of an entity.
   *
   * @param entity the entity's name or plural alias
   * @throws InvalidDataException if no installed module has the entity
   */
  public EntityStore store(String entity) {
    Objects.requireNonNull(entity, "entity");
    EntityModel model = registry.entity(entity).orElseThrow(() -> new InvalidDataException("unknown entity '"
        + entity + "'" + DidYouMean.hint(entity, names()) + "; known entities: " + String.join(", ", names())));
    return stores.get(model.name());
  }

  /**
   * The Hibernate session factory of a module, for the module's own services.
   *
   * @throws InvalidDataException if the module is not installed, or has no JPA entity
   */
  public SessionFactory sessionFactory(String module) {
    SessionFactory sf = sessionFactories.get(Objects.requireNonNull(module, "module"));
    if (sf == null) {
      throw registry.module(module).isPresent() ? noJpaEntity(module, "session factory") : unknownModule(module);
    }
    return sf;
  }

  /**
   * The DataSource of a module. Inside a {@linkplain #inTransaction unit of work} it returns the
   * unit's connection, so a module's own JDBC code takes part without change.
   *
   * @throws InvalidDataException if the module is not installed, or has no JPA entity
   */
  public DataSource dataSource(String module) {
    DataSource ds = dataSources.get(Objects.requireNonNull(module, "module"));
    if (ds == null) {
      throw registry.module(module).isPresent() ? noJpaEntity(module, "DataSource") : unknownModule(module);
    }
    return ds;
  }

  /** The Link service: create, dismiss, delete and restore links. */
  public Link link() {
    return link;
  }

  /** The Query service: graph queries across modules. */
  public Query query() {
    return query;
  }

  /**
   * Units of work: one database transaction per DataSource across module stores, link tables,
   * graph queries and the modules' own services. See {@link Transactions} for what is atomic where.
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public Transactions transactions() {
    return transactions;
  }

  /**
   * Runs {@code work} in a unit of work (a new one, or the one this thread is already in):
   * {@code transactions().inTransaction(work)}. Atomic, by the database, where every module and the
   * link tables share one DataSource; see {@link Transactions}.
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public void inTransaction(Consumer<UnitOfWork> work) {
    transactions.inTransaction(work);
  }

  /** As {@link #inTransaction}, returning what {@code work} returns. */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public <T> T fromTransaction(Function<UnitOfWork, T> work) {
    return transactions.fromTransaction(work);
  }

  /** The schema sync of the link tables; start-up already applied {@link SyncMode#SAFE} unless told otherwise. */
  public LinkSchemaSync linkSchemaSync() {
    return linkSchemaSync;
  }

  /** The session factory of the link tables (for statistics and diagnostics). */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public SessionFactory linkSessionFactory() {
    return linkSessionFactory;
  }

  /** The database of the link tables (the default database unless one was set for links). */
  public DatabaseConfig linkDatabase() {
    return linkDatabase;
  }

  /** The mapper that writes rows: ISO-8601 dates, Java time support. */
  public ObjectMapper objectMapper() {
    return objectMapper;
  }

  /** Closes every session factory and pool. Idempotent. */
  @Override
  public void close() {
    query.close();
    List<SessionFactory> all = new ArrayList<>(sessionFactories.values());
    all.add(linkSessionFactory);
    closeAll(all, pools);
  }

  private List<String> names() {
    return registry.entities().stream().map(EntityModel::name).toList();
  }

  private static InvalidDataException noJpaEntity(String module, String what) {
    return new InvalidDataException("module '" + module + "' has no JPA entity (its entities are served by its own"
        + " stores), so modlink opened no " + what + " for it; read its data with modlink.store(entity)");
  }

  private InvalidDataException unknownModule(String module) {
    List<String> installed = registry.modules().stream().map(ModuleModel::name).toList();
    return new InvalidDataException("unknown module '" + module + "'" + DidYouMean.hint(module, installed)
        + "; installed: " + String.join(", ", installed));
  }

  private static void closeAll(Collection<SessionFactory> factories, Collection<HikariDataSource> pools) {
    RuntimeException first = null;
    for (SessionFactory sf : factories) {
      try {
        if (sf.isOpen()) {
          sf.close();
        }
      } catch (RuntimeException e) {
        first = first == null ? e : first;
      }
    }
    for (HikariDataSource pool : pools) {
      if (DatabaseConfig.of(pool.getJdbcUrl()).isEmbedded() && !pool.isClosed()) {
        // an embedded database opened with DB_CLOSE_DELAY=-1 lives until shut down
        try (var connection = pool.getConnection(); var statement = connection.createStatement()) {
          statement.execute("SHUTDOWN");
        } catch (java.sql.SQLException e) {
          // already gone
        }
      }
      pool.close();
    }
    if (first != null) {
      throw first;
    }
  }

  static ObjectMapper newObjectMapper() {
    return new ObjectMapper().registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  /**
   * Builds a {@link Modlink}. Each option may be set once; modules and links accumulate. Not
   * thread-safe.
   */
  public static final class Builder {
    private @Nullable DatabaseConfig database;
    private @Nullable DatabaseConfig linkDatabase;
    private final Map<String, DatabaseConfig> moduleDatabases = new LinkedHashMap<>();
    private @Nullable SchemaAction schema;
    private final List<ModuleDefinition> modules = new ArrayList<>();
    private final List<LinkDefinition> links = new ArrayList<>();
    private final Map<String, Object> hibernateProperties = new LinkedHashMap<>();
    private final List<LinkListener> listeners = new ArrayList<>();
    private @Nullable SyncMode linkSync = SyncMode.SAFE;
    private boolean linkSyncSet;
    private @Nullable UnaryOperator<EntityStore> storeDecorator;
    private @Nullable UnaryOperator<EntityStore> linkStoreDecorator;

    private Builder() {}

    /**
     * What start-up applies to the link tables: {@link SyncMode#SAFE} by default (create, rename,
     * add columns and indexes); {@link SyncMode#ALL} also drops; see {@link #noLinkSync()}.
     */
    public Builder linkSync(SyncMode mode) {
      Objects.requireNonNull(mode, "mode");
      if (linkSyncSet) {
        throw new IllegalStateException("link sync was already set to " + linkSync);
      }
      this.linkSyncSet = true;
      this.linkSync = mode;
      return this;
    }

    /** Leaves the link tables alone at start-up (run {@link Modlink#linkSchemaSync()} yourself). */
    public Builder noLinkSync() {
      if (linkSyncSet) {
        throw new IllegalStateException("link sync was already set to " + linkSync);
      }
      this.linkSyncSet = true;
      this.linkSync = null;
      return this;
    }

    /** Adds a listener notified after link changes commit. */
    public Builder listener(LinkListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Wraps every entity store, e.g. to trace, measure, cache or authorise reads: the query planner
     * and the Link service read and delete only through the stores, so the decorator sees every
     * call. The decorator must keep the {@link EntityStore} contract. A decorator that does not
     * override {@link EntityStore#sqlTable()} keeps graph queries involving its entity federated (it
     * sees their reads); one that passes its delegate's table on lets them be pushed down into SQL,
     * unseen. Forward {@link EntityStore#readByKeys} to keep the delegate's batched key lookups.
     */
    public Builder decorateStores(UnaryOperator<EntityStore> decorator) {
      Objects.requireNonNull(decorator, "decorator");
      if (storeDecorator != null) {
        throw new IllegalStateException("a store decorator was already set");
      }
      this.storeDecorator = decorator;
      return this;
    }

    /**
     * Wraps the store of every link table (its model is the link table seen as an entity of the
     * pseudo-module {@code links}), as {@link #decorateStores} wraps entity stores: graph queries read
     * link rows only through these stores. Link writes, and the Link service's own reads inside
     * them, do not go through them.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public Builder decorateLinkStores(UnaryOperator<EntityStore> decorator) {
      Objects.requireNonNull(decorator, "decorator");
      if (linkStoreDecorator != null) {
        throw new IllegalStateException("a link store decorator was already set");
      }
      this.linkStoreDecorator = decorator;
      return this;
    }

    /** The default database of every module and of the link tables. Default: a new embedded H2. */
    public Builder database(DatabaseConfig config) {
      Objects.requireNonNull(config, "config");
      if (database != null) {
        throw new IllegalStateException("database was already set to " + database);
      }
      this.database = config;
      return this;
    }

    /** A database of its own for one module (federated mode). */
    public Builder database(String module, DatabaseConfig config) {
      Objects.requireNonNull(module, "module");
      Objects.requireNonNull(config, "config");
      if (moduleDatabases.containsKey(module)) {
        throw new IllegalStateException("database of module " + module + " was already set to "
            + moduleDatabases.get(module));
      }
      moduleDatabases.put(module, config);
      return this;
    }

    /** A database of its own for the link tables. */
    public Builder linkDatabase(DatabaseConfig config) {
      Objects.requireNonNull(config, "config");
      if (linkDatabase != null) {
        throw new IllegalStateException("link database was already set to " + linkDatabase);
      }
      this.linkDatabase = config;
      return this;
    }

    /**
     * What to do to the modules' tables at start-up. Default: {@link SchemaAction#CREATE} on an
     * embedded database ({@link DatabaseConfig#embedded()}, the default), {@link SchemaAction#NONE}
     * on any other.
     */
    public Builder schema(SchemaAction action) {
      Objects.requireNonNull(action, "action");
      if (schema != null) {
        throw new IllegalStateException("schema action was already set to " + schema);
      }
      this.schema = action;
      return this;
    }

    /** Installs a module. */
    public Builder module(ModuleDefinition definition) {
      modules.add(Objects.requireNonNull(definition, "definition"));
      return this;
    }

    public Builder modules(Collection<ModuleDefinition> definitions) {
      definitions.forEach(this::module);
      return this;
    }

    /** Declares a link. */
    public Builder link(LinkDefinition definition) {
      links.add(Objects.requireNonNull(definition, "definition"));
      return this;
    }

    public Builder links(Collection<LinkDefinition> definitions) {
      definitions.forEach(this::link);
      return this;
    }

    /** Passes a setting to every module's Hibernate session factory, e.g. {@code hibernate.generate_statistics}. */
    public Builder hibernateProperty(String name, Object value) {
      hibernateProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Opens the pools, builds a session factory per module, applies the schema action, derives the
     * entity models and validates the registry.
     *
     * @throws ConfigurationException listing every problem in the modules and links
     */
    public Modlink build() {
      DatabaseConfig defaultDb = database != null ? database : DatabaseConfig.embedded();
      SchemaAction action = schema != null ? schema : (defaultDb.isEmbedded() ? SchemaAction.CREATE : SchemaAction.NONE);
      List<ConfigurationProblem> problems = new ArrayList<>();
      List<String> moduleNames = modules.stream().map(ModuleDefinition::name).toList();
      moduleDatabases.keySet().stream().filter(m -> !moduleNames.contains(m)).forEach(m ->
          problems.add(new ConfigurationProblem(ProblemId.UNKNOWN_MODULE, "a database was given for module '" + m
              + "', which is not installed" + DidYouMean.hint(m, moduleNames) + "; installed: "
              + String.join(", ", moduleNames), "Modlink.builder().database(\"" + m + "\", ...)")));

      DatabaseConfig linkDb = linkDatabase != null ? linkDatabase : defaultDb;
      List<DatabaseConfig> databases = new ArrayList<>(List.of(defaultDb, linkDb));
      databases.addAll(moduleDatabases.values());
      List<ConfigurationProblem> drivers = new ArrayList<>();
      databases.stream().distinct().filter(db -> !JdbcDrivers.accepts(db.jdbcUrl())).forEach(db -> drivers.add(
          new ConfigurationProblem(ProblemId.MISSING_JDBC_DRIVER, "no JDBC driver on the class path accepts "
              + db.jdbcUrl() + JdbcDrivers.artifact(db.jdbcUrl()).map(a -> "; add the dependency " + a
                  + (db.isH2() ? " (the embedded database is optional in link-core)" : ""))
              .orElse("; add the database's JDBC driver"), db.toString())));
      if (!drivers.isEmpty()) {
        problems.addAll(drivers);
        throw new ConfigurationException(problems); // nothing can be opened without its driver
      }

      java.util.Set<String> failedModules = new java.util.HashSet<>();
      Map<DatabaseConfig, HikariDataSource> pools = new LinkedHashMap<>();
      Map<String, SessionFactory> factories = new LinkedHashMap<>();
      List<SessionFactory> opened = new ArrayList<>(); // every session factory, closed if the build fails
      Map<String, DataSource> dataSources = new LinkedHashMap<>();
      List<ModuleModel> models = new ArrayList<>();
      java.util.Set<String> built = new java.util.HashSet<>();
      Map<String, EntityStore> ownStores = new LinkedHashMap<>();
      ObjectMapper mapper = newObjectMapper();
      // every DataSource handed out below is transaction-aware: inside a unit of work it returns the unit's connection
      TransactionManager transactions = new TransactionManager();
      Map<DataSource, Flavor> flavors = new java.util.IdentityHashMap<>(); // of the DataSources handed out
      try {
        for (ModuleDefinition definition : modules) {
          List<ConfigurationProblem> entityProblems = EntityModelReader.checkEntityClasses(definition);
          problems.addAll(entityProblems);
          if (!entityProblems.isEmpty()) {
            failedModules.add(definition.name());
            continue;
          }
          if (!built.add(definition.name())) {
            continue; // a duplicate module is reported by the registry
          }
          List<EntityModel> storeModels = definition.stores().stream().map(EntityStore::model).toList();
          definition.stores().forEach(store -> ownStores.put(store.model().name(), store));
          if (definition.entities().isEmpty()) {
            models.add(new ModuleModel(definition.name(), storeModels)); // no JPA entity: no session factory
            continue;
          }
          DatabaseConfig db = moduleDatabases.getOrDefault(definition.name(), defaultDb);
          HikariDataSource pool = pools.computeIfAbsent(db, Builder::pool);
          DataSource shared = transactions.dataSource(pool, db.jdbcUrl());
          flavors.put(shared, flavor(db));
          SessionFactory sf = sessionFactory(definition, shared);
          factories.put(definition.name(), sf);
          opened.add(sf);
          dataSources.put(definition.name(), shared);
          switch (action) {
            case CREATE -> sf.getSchemaManager().exportMappedObjects(true);
            case VALIDATE -> sf.getSchemaManager().validateMappedObjects();
            case MIGRATE -> {
              String vendor = vendor(db);
              definition.migrations().ifPresent(location -> org.flywaydb.core.Flyway.configure()
                  .dataSource(pool)
                  .locations(location.replace("{vendor}", vendor))
                  .placeholders(Map.of("modlink_vendor", vendor, "modlink_json", db.isPostgres() ? "jsonb" : "json",
                      "modlink_timestamp", db.isMariaDb() ? "datetime(6)" : "timestamp(6) with time zone"))
                  .table(definition.name() + "_schema_history")
                  // several modules share a schema: each history table starts empty at version 0
                  .baselineOnMigrate(true)
                  .baselineVersion("0")
                  .load()
                  .migrate());
              sf.getSchemaManager().validateMappedObjects();
            }
            case NONE -> { }
          }
          ModuleModel read = EntityModelReader.read(definition, sf, problems);
          List<EntityModel> entities = new ArrayList<>(read.entities());
          entities.addAll(storeModels);
          models.add(new ModuleModel(definition.name(), entities));
        }
        // keep duplicates visible to the registry, which reports them
        List<ModuleModel> all = new ArrayList<>(models);
        for (int i = 0; i < modules.size(); i++) {
          String name = modules.get(i).name();
          if (moduleNames.indexOf(name) != i) {
            all.add(new ModuleModel(name, List.of()));
          }
        }
        LinkRegistry registry;
        try {
          // links of a module whose entities could not be read are not validated: the module's own
          // problem says what to fix
          registry = LinkRegistry.of(all, links.stream().filter(l -> !failedModules.contains(l.left().module())
              && !failedModules.contains(l.right().module())).toList());
        } catch (ConfigurationException e) {
          problems.addAll(e.problems());
          throw new ConfigurationException(problems);
        }
        if (!problems.isEmpty()) {
          throw new ConfigurationException(problems);
        }
        Rows rows = new Rows(mapper);
        java.util.function.Function<DataSource, Flavor> flavorOf = ds -> flavors.computeIfAbsent(ds, Flavor::of);
        Map<String, EntityStore> stores = new LinkedHashMap<>();
        for (ModuleModel module : registry.modules()) {
          for (EntityModel entity : module.entities()) {
            EntityStore store = ownStores.containsKey(entity.name()) ? ownStores.get(entity.name())
                : new HibernateEntityStore(entity, factories.get(module.name()), rows, dataSources.get(module.name()),
                    flavorOf.apply(dataSources.get(module.name())));
            stores.put(entity.name(), decorated(storeDecorator, store, "store decorator", entity.name()));
          }
        }
        List<LinkTable> tables = registry.links().stream().filter(l -> !l.isReadOnly()).map(LinkTable::new).toList();
        DataSource linkPool = transactions.dataSource(pools.computeIfAbsent(linkDb, Builder::pool), linkDb.jdbcUrl());
        flavors.put(linkPool, flavor(linkDb));
        java.util.Set<DataSource> distinct = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        distinct.addAll(dataSources.values());
        distinct.add(linkPool);
        transactions.atomic(distinct.size() == 1);
        SessionFactory linkSf = linkSessionFactory(tables, linkPool);
        opened.add(linkSf);
        var sfi = linkSf.unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class);
        LinkDdl ddl = new LinkDdl(sfi.getJdbcServices().getDialect(), sfi.getTypeConfiguration().getDdlTypeRegistry());
        LinkSchemaSync sync = new LinkSchemaSync(tables,
            registry.modules().stream().map(ModuleModel::name).collect(java.util.stream.Collectors.toSet()), ddl,
            new LinkSchemaSync.TransactionRunner() {
              @Override
              public <T> T inTransaction(java.util.function.Function<java.sql.Connection, T> work) {
                return linkSf.fromStatelessTransaction(s -> s.doReturningWork(work::apply));
              }
            });
        if (linkSync != null) {
          sync.apply(linkSync);
        }
        Link link = new LinkService(registry, tables, linkSf, stores::get, listeners, transactions, linkPool,
            flavorOf.apply(linkPool));
        java.util.function.UnaryOperator<String> linkStatement = HibernateStatements.of(linkSf);
        Map<String, EntityStore> linkStores = new LinkedHashMap<>();
        for (LinkTable table : tables) {
          EntityModel model = table.model();
          EntityStore store = new SqlTableStore(new JdbcTable(model, SqlTable.of(linkPool, model),
              flavorOf.apply(linkPool), linkStatement), "the rows of link table " + table.table() + " are dismissed and"
              + " restored through the Link service (link.dismiss, link.delete, link.restore), not through its store");
          linkStores.put(table.table(), decorated(linkStoreDecorator, store, "link store decorator", table.table()));
        }
        QueryEngine query = new QueryEngine(registry, stores::get, linkStores, flavorOf, 4, transactions);
        return new Modlink(registry, factories, dataSources, stores, List.copyOf(pools.values()), mapper, linkDb,
            linkSf, sync, link, query, transactions);
      } catch (RuntimeException | Error e) {
        try {
          closeAll(opened, pools.values());
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }

    private SessionFactory sessionFactory(ModuleDefinition definition, DataSource dataSource) {
      HibernatePersistenceConfiguration config = new HibernatePersistenceConfiguration(definition.name())
          .managedClasses(definition.entities())
          .property(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
          .property(AvailableSettings.STATEMENT_BATCH_SIZE, 100)
          .property(AvailableSettings.ORDER_INSERTS, true)
          .property(AvailableSettings.ORDER_UPDATES, true)
          .property(AvailableSettings.FAIL_ON_PAGINATION_OVER_COLLECTION_FETCH, true)
          .property(AvailableSettings.SHOW_SQL, false)
          // field rules are checked by the modules' services (FieldRules), which name the record and the field
          .validationMode(jakarta.persistence.ValidationMode.NONE);
      hibernateProperties.forEach(config::property);
      return config.createEntityManagerFactory();
    }

    private static Flavor flavor(DatabaseConfig db) {
      return db.isPostgres() ? Flavor.POSTGRESQL : db.isH2() ? Flavor.H2 : db.isMariaDb() ? Flavor.MARIADB : Flavor.OTHER;
    }

    /** The {@code {vendor}} of migration locations: h2, postgresql, mariadb (MySQL too) or other. */
    private static String vendor(DatabaseConfig db) {
      return db.isPostgres() ? "postgresql" : db.isH2() ? "h2" : db.isMariaDb() ? "mariadb" : "other";
    }

    private static EntityStore decorated(@Nullable UnaryOperator<EntityStore> decorator, EntityStore store,
        String what, String name) {
      if (decorator == null) {
        return store;
      }
      EntityStore decorated = decorator.apply(store);
      if (decorated == null) {
        throw new IllegalStateException("the " + what + " returned null for " + name + "; return the store itself,"
            + " or a store that wraps it");
      }
      return decorated;
    }

    private SessionFactory linkSessionFactory(List<LinkTable> tables, DataSource dataSource) {
      org.hibernate.cfg.Configuration config = new org.hibernate.cfg.Configuration();
      config.addInputStream(new java.io.ByteArrayInputStream(
          LinkMapping.xml(tables).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      config.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
      config.getProperties().put(AvailableSettings.STATEMENT_BATCH_SIZE, 1000);
      config.getProperties().put(AvailableSettings.SHOW_SQL, false);
      config.getProperties().put(AvailableSettings.JAKARTA_VALIDATION_MODE, "none");
      // key lists bound as one array parameter, so that a statement has one plan whatever the list
      config.registerFunctionContributor(LinkService.ANY_FUNCTION);
      // where key lists are IN lists (MariaDB, MySQL), lists of similar size share one statement text
      config.getProperties().put(AvailableSettings.IN_CLAUSE_PARAMETER_PADDING, true);
      hibernateProperties.forEach((k, v) -> config.getProperties().put(k, v));
      return config.buildSessionFactory();
    }

    private static HikariDataSource pool(DatabaseConfig db) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(db.jdbcUrl());
      if (db.user() != null) {
        config.setUsername(db.user());
      }
      if (db.password() != null) {
        config.setPassword(db.password());
      }
      config.setMaximumPoolSize(db.maxPoolSize());
      config.setMinimumIdle(Math.min(2, db.maxPoolSize()));
      config.setPoolName("modlink-" + Integer.toHexString(System.identityHashCode(db)));
      if (db.isPostgres()) {
        // lets the driver send a JDBC batch of inserts as multi-row statements
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
      }
      return new HikariDataSource(config);
    }
  }
}
