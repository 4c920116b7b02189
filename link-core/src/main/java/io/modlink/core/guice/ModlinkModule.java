package io.modlink.core.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import io.modlink.core.DatabaseConfig;
import io.modlink.core.Modlink;
import io.modlink.core.SchemaAction;
import io.modlink.core.link.Link;
import io.modlink.core.link.LinkDefinition;
import io.modlink.core.link.LinkRegistry;
import io.modlink.core.module.ModuleDefinition;
import io.modlink.core.query.Query;
import io.modlink.core.spi.LinkListener;
import io.modlink.core.storage.SyncMode;
import io.modlink.core.workflow.Transactions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The Guice module of a host application: it builds the {@link Modlink} from every module and link
 * contributed through {@link ModlinkBinder}, eagerly, so that configuration errors surface when the
 * injector is created (as a {@code CreationException} whose cause is a
 * {@link io.modlink.core.error.ConfigurationException}), never on first use.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(
 *     ModlinkModule.embedded(), new ApiKeyModule(), new SalesChannelModule());
 * LinkRegistry registry = injector.getInstance(LinkRegistry.class);
 * }</pre>
 *
 * <p>Binds {@link Modlink}, {@link LinkRegistry}, {@link Link}, {@link Query} and {@link Transactions} as singletons. Immutable: the {@code with...}
 * methods return a new module. Close the {@code Modlink} when the application stops.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ModlinkModule extends AbstractModule {
  private final @Nullable DatabaseConfig database;
  private final @Nullable SchemaAction schema;
  private final Map<String, DatabaseConfig> moduleDatabases;
  private final @Nullable DatabaseConfig linkDatabase;
  private final @Nullable SyncMode linkSync;

  private ModlinkModule(@Nullable DatabaseConfig database, @Nullable SchemaAction schema,
      Map<String, DatabaseConfig> moduleDatabases, @Nullable DatabaseConfig linkDatabase, @Nullable SyncMode linkSync) {
    this.database = database;
    this.schema = schema;
    this.moduleDatabases = Map.copyOf(moduleDatabases);
    this.linkDatabase = linkDatabase;
    this.linkSync = linkSync;
  }

  /** A new private in-memory H2 database; tables are created from the entities. */
  public static ModlinkModule embedded() {
    return new ModlinkModule(null, null, Map.of(), null, SyncMode.SAFE);
  }

  /** Every module on the database at {@code jdbcUrl}; tables are left alone unless {@link #withSchema} says otherwise. */
  public static ModlinkModule jdbc(String jdbcUrl, @Nullable String user, @Nullable String password) {
    return database(DatabaseConfig.of(jdbcUrl, user, password));
  }

  /** Every module on this database. */
  public static ModlinkModule database(DatabaseConfig config) {
    return new ModlinkModule(Objects.requireNonNull(config, "config"), null, Map.of(), null, SyncMode.SAFE);
  }

  /** This module, with a schema action at start-up. */
  public ModlinkModule withSchema(SchemaAction action) {
    return new ModlinkModule(database, Objects.requireNonNull(action, "action"), moduleDatabases, linkDatabase,
        linkSync);
  }

  /** This module, with a database of its own for {@code module}. */
  public ModlinkModule withModuleDatabase(String module, DatabaseConfig config) {
    Map<String, DatabaseConfig> copy = new LinkedHashMap<>(moduleDatabases);
    copy.put(Objects.requireNonNull(module, "module"), Objects.requireNonNull(config, "config"));
    return new ModlinkModule(database, schema, copy, linkDatabase, linkSync);
  }

  /** This module, with the link tables on a database of their own. */
  public ModlinkModule withLinkDatabase(DatabaseConfig config) {
    return new ModlinkModule(database, schema, moduleDatabases, Objects.requireNonNull(config, "config"), linkSync);
  }

  /** This module, applying {@code mode} to the link tables at start-up (default {@link SyncMode#SAFE}). */
  public ModlinkModule withLinkSync(SyncMode mode) {
    return new ModlinkModule(database, schema, moduleDatabases, linkDatabase, Objects.requireNonNull(mode, "mode"));
  }

  /** This module, leaving the link tables alone at start-up. */
  public ModlinkModule withoutLinkSync() {
    return new ModlinkModule(database, schema, moduleDatabases, linkDatabase, null);
  }

  @Override
  protected void configure() {
    Multibinder.newSetBinder(binder(), ModuleDefinition.class);
    Multibinder.newSetBinder(binder(), LinkDefinition.class);
    Multibinder.newSetBinder(binder(), LinkListener.class);
    bind(Modlink.class).toProvider(new ModlinkProvider(this)).asEagerSingleton();
  }

  @com.google.inject.Provides
  @Singleton
  LinkRegistry registry(Modlink modlink) {
    return modlink.registry();
  }

  @com.google.inject.Provides
  @Singleton
  Link link(Modlink modlink) {
    return modlink.link();
  }

  @com.google.inject.Provides
  @Singleton
  Query query(Modlink modlink) {
    return modlink.query();
  }

  @com.google.inject.Provides
  @Singleton
  Transactions transactions(Modlink modlink) {
    return modlink.transactions();
  }

  private static final class ModlinkProvider implements Provider<Modlink> {
    private final ModlinkModule config;
    private Set<ModuleDefinition> modules = Set.of();
    private Set<LinkDefinition> links = Set.of();
    private Set<LinkListener> listeners = Set.of();

    ModlinkProvider(ModlinkModule config) {
      this.config = config;
    }

    @Inject
    void setContributions(Set<ModuleDefinition> modules, Set<LinkDefinition> links, Set<LinkListener> listeners) {
      this.modules = modules;
      this.links = links;
      this.listeners = listeners;
    }

    @Override
    public Modlink get() {
      Modlink.Builder builder = Modlink.builder().modules(modules).links(links);
      if (config.database != null) {
        builder.database(config.database);
      }
      if (config.schema != null) {
        builder.schema(config.schema);
      }
      config.moduleDatabases.forEach(builder::database);
      if (config.linkDatabase != null) {
        builder.linkDatabase(config.linkDatabase);
      }
      if (config.linkSync == null) {
        builder.noLinkSync();
      } else {
        builder.linkSync(config.linkSync);
      }
      listeners.forEach(builder::listener);
      return builder.build();
    }
  }

  // Two ModlinkModules in one injector would bind Modlink twice; Guice reports that itself.
}
