package io.modlink.core.internal.query;

import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** A table the planner reads: an entity's, or a link table seen as an entity. */
public final class SqlTable {
  /** SQL dialect families the planner distinguishes. */
  public enum Flavor { POSTGRESQL, H2, OTHER }

  private final String name;
  private final EntityModel model;
  private final DataSource dataSource;
  private final Flavor flavor;
  private final String store;

  public SqlTable(String name, EntityModel model, DataSource dataSource, Flavor flavor, String store) {
    this.name = name;
    this.model = model;
    this.dataSource = dataSource;
    this.flavor = flavor;
    this.store = store;
  }

  /** The entity name, or the link table name. */
  public String name() {
    return name;
  }

  public EntityModel model() {
    return model;
  }

  public String table() {
    return model.table();
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Flavor flavor() {
    return flavor;
  }

  /** The module (or {@code links}) that owns the table. */
  public String store() {
    return store;
  }

  public FieldModel field(String name) {
    return model.field(name).orElseThrow(() -> new IllegalArgumentException(this.name + " has no field " + name));
  }

  public @Nullable FieldModel deletedAt() {
    return model.isSoftDeletable() ? model.field(EntityModel.DELETED_AT).orElseThrow() : null;
  }

  public boolean sharesDatabaseWith(SqlTable other) {
    return dataSource == other.dataSource;
  }

  @Override
  public String toString() {
    return name;
  }
}
