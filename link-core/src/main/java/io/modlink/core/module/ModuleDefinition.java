package io.modlink.core.module;

import io.modlink.core.internal.naming.Identifiers;
import io.modlink.core.spi.EntityStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a plugin author declares about a module: its name and its JPA entity classes, plus any
 * extra linkable keys. Everything else (entity names, aliases, table, fields, primary key) is
 * derived from the Hibernate metamodel when the application starts. An entity whose data is not a
 * JPA entity (a remote service, an index, memory) is declared by its own {@link EntityStore}
 * instead, with {@link Builder#store(EntityStore)}.
 *
 * <pre>{@code
 * ModuleDefinition apiKeys = ModuleDefinition.builder("api_key")
 *     .entity(ApiKey.class)                             // api_key, linkable as api_key_id
 *     .linkableKey(ApiKey.class, "publishable_key_id")  // a second name for ApiKey.id
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ModuleDefinition {
  private final String name;
  private final List<Class<?>> entities;
  private final List<EntityStore> stores;
  private final List<LinkableKeyDeclaration> linkableKeys;
  private final @Nullable String migrations;

  private ModuleDefinition(Builder b) {
    this.name = b.name;
    this.entities = List.copyOf(b.entities);
    this.stores = List.copyOf(b.stores.values());
    this.linkableKeys = List.copyOf(b.linkableKeys.values());
    this.migrations = b.migrations;
  }

  /**
   * Starts a definition.
   *
   * @param name the module's name: lower-case snake case, e.g. {@code api_key}
   * @throws IllegalArgumentException if the name is not a valid identifier
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The module's name. */
  public String name() {
    return name;
  }

  /** The JPA entity classes, in declaration order. */
  public List<Class<?>> entities() {
    return entities;
  }

  /**
   * The stores of the module's entities that are not JPA entities, in declaration order; each
   * serves the entity of its {@link EntityStore#model()}.
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.2")
  public List<EntityStore> stores() {
    return stores;
  }

  /** The extra linkable keys (the default {@code <entity>_id} of each entity is not listed). */
  public List<LinkableKeyDeclaration> linkableKeys() {
    return linkableKeys;
  }

  /**
   * The Flyway location of the module's migrations (e.g. {@code classpath:db/modlink/api_key}),
   * run by {@link io.modlink.core.SchemaAction#MIGRATE} with a history table of the module's own.
   */
  public Optional<String> migrations() {
    return Optional.ofNullable(migrations);
  }

  @Override
  public String toString() {
    return "module " + name;
  }

  /**
   * An extra linkable key: a name under which other modules may link to {@code entity}'s field.
   *
   * @param entity the entity class
   * @param key the key's name, e.g. {@code publishable_key_id}
   * @param field the snake-case field holding it, usually {@code id}
   */
  public record LinkableKeyDeclaration(Class<?> entity, String key, String field) {
    public LinkableKeyDeclaration {
      Objects.requireNonNull(entity, "entity");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(field, "field");
    }
  }

  /** Builds a {@link ModuleDefinition}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<Class<?>> entities = new ArrayList<>();
    private final Map<String, EntityStore> stores = new LinkedHashMap<>();
    private final Map<String, LinkableKeyDeclaration> linkableKeys = new LinkedHashMap<>();
    private @Nullable String migrations;

    private Builder(String name) {
      Objects.requireNonNull(name, "name");
      if (!Identifiers.isValid(name)) {
        throw new IllegalArgumentException(
            "module name '" + name + "' is not valid: use " + Identifiers.rule() + ", e.g. 'api_key'");
      }
      this.name = name;
    }

    /** Adds a JPA entity class (annotated {@code @Entity}). */
    public Builder entity(Class<?> entityClass) {
      Objects.requireNonNull(entityClass, "entityClass");
      if (entities.contains(entityClass)) {
        throw new IllegalStateException(entityClass.getName() + " was already added to module " + name);
      }
      entities.add(entityClass);
      return this;
    }

    /**
     * Adds an entity that is not a JPA entity, served by its own store: its model is the store's
     * {@link EntityStore#model()} (built with {@link EntityModel#builder(String, String)}, linkable keys
     * included). modlink reads and deletes its records only through this store, and creates no table
     * for it. The store must keep the {@link EntityStore} contract.
     *
     * @throws IllegalArgumentException if the model belongs to another module
     * @throws IllegalStateException if an entity of that name was already added
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.2")
    public Builder store(EntityStore store) {
      Objects.requireNonNull(store, "store");
      EntityModel model = Objects.requireNonNull(store.model(), "store.model()");
      if (!model.module().equals(name)) {
        throw new IllegalArgumentException("the store's model " + model + " belongs to module '" + model.module()
            + "', not to '" + name + "'; build it with EntityModel.builder(\"" + name + "\", \"" + model.name()
            + "\")");
      }
      if (stores.containsKey(model.name())) {
        throw new IllegalStateException("a store of " + model.name() + " was already added to module " + name);
      }
      stores.put(model.name(), store);
      return this;
    }

    /** Declares {@code key} as another linkable key of the entity's primary key. */
    public Builder linkableKey(Class<?> entityClass, String key) {
      return linkableKey(entityClass, key, "id");
    }

    /** Declares {@code key} as a linkable key held by the entity's (snake-case) {@code field}. */
    public Builder linkableKey(Class<?> entityClass, String key, String field) {
      Objects.requireNonNull(key, "key");
      if (!Identifiers.isValid(key)) {
        throw new IllegalArgumentException(
            "linkable key '" + key + "' is not valid: use " + Identifiers.rule() + ", e.g. 'publishable_key_id'");
      }
      if (linkableKeys.containsKey(key)) {
        throw new IllegalStateException("linkable key " + key + " was already declared in module " + name);
      }
      linkableKeys.put(key, new LinkableKeyDeclaration(entityClass, key, field));
      return this;
    }

    /**
     * The Flyway location of the module's migrations, e.g. {@code classpath:db/modlink/api_key}.
     * Migrations must run on every database the module supports (H2, PostgreSQL and MariaDB):
     * {@code {vendor}} in the location becomes {@code h2}, {@code postgresql} or {@code mariadb}
     * (MySQL too), and SQL migrations may use the placeholders {@code ${modlink_vendor}},
     * {@code ${modlink_json}} ({@code jsonb} on PostgreSQL, {@code json} elsewhere) and
     * {@code ${modlink_timestamp}} (a UTC time with microseconds: {@code timestamp(6) with time zone},
     * {@code datetime(6)} on MariaDB and MySQL).
     */
    public Builder migrations(String location) {
      Objects.requireNonNull(location, "location");
      if (migrations != null) {
        throw new IllegalStateException("migrations were already set to " + migrations);
      }
      this.migrations = location;
      return this;
    }

    /**
     * @throws IllegalStateException if no entity was added
     */
    public ModuleDefinition build() {
      if (entities.isEmpty() && stores.isEmpty()) {
        throw new IllegalStateException("module " + name + " has no entity: add one with entity(SomeEntity.class)"
            + " or store(anEntityStore)");
      }
      for (LinkableKeyDeclaration key : linkableKeys.values()) {
        if (!entities.contains(key.entity())) {
          throw new IllegalStateException("linkable key " + key.key() + " names " + key.entity().getName()
              + ", which is not an entity of module " + name + "; add it with entity(" + key.entity().getSimpleName()
              + ".class)");
        }
      }
      return new ModuleDefinition(this);
    }
  }
}
