package io.modlink.core.internal.query;

import io.modlink.core.internal.jdbc.Flavor;
import io.modlink.core.internal.jdbc.JdbcTable;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import io.modlink.core.spi.EntityStore;
import org.jspecify.annotations.Nullable;

/**
 * What the planner reads one entity or link table from: its model and its store, and, when the
 * store declares one, the plain SQL table that push-down may join instead of asking the store.
 */
public final class Source {
  private final String name;
  private final EntityModel model;
  private final EntityStore store;
  private final String owner;
  private final @Nullable JdbcTable sql;
  private final @Nullable String notSql;

  /**
   * @param name the entity name, or the link table name
   * @param model the registry's model of it (a store's decorator may return another instance)
   * @param owner the module that owns it, or {@code links}
   * @param sql the store's plain SQL table, or null
   * @param notSql why there is none (for explain), when {@code sql} is null
   */
  public Source(String name, EntityModel model, EntityStore store, String owner, @Nullable JdbcTable sql,
      @Nullable String notSql) {
    this.name = name;
    this.model = model;
    this.store = store;
    this.owner = owner;
    this.sql = sql;
    this.notSql = notSql;
  }

  /** The entity name, or the link table name. */
  public String name() {
    return name;
  }

  public EntityModel model() {
    return model;
  }

  public EntityStore store() {
    return store;
  }

  /** The module (or {@code links}) that owns the data. */
  public String owner() {
    return owner;
  }

  /** The table's name for messages and explain: the declared SQL table, else the model's. */
  public String table() {
    return sql != null ? sql.table() : model.table();
  }

  /** The plain SQL table, or null when the store declares none. */
  public @Nullable JdbcTable sql() {
    return sql;
  }

  /** Why the store has no plain SQL table (null when it has one). */
  public @Nullable String notSql() {
    return notSql;
  }

  public FieldModel field(String fieldName) {
    return model().field(fieldName).orElseThrow(() -> new IllegalArgumentException(name + " has no field " + fieldName));
  }

  public @Nullable FieldModel deletedAt() {
    return model().isSoftDeletable() ? model().field(EntityModel.DELETED_AT).orElseThrow() : null;
  }

  /** Whether both are plain SQL tables on one DataSource of a flavor push-down knows. */
  boolean joinableWith(Source other) {
    return sql != null && other.sql != null && sql.dataSource() == other.sql.dataSource()
        && sql.flavor() != Flavor.OTHER;
  }

  @Override
  public String toString() {
    return name;
  }
}
