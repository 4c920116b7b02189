package io.modlink.core.internal.storage;

import io.modlink.core.link.ColumnType;
import io.modlink.core.link.ExtraColumn;
import io.modlink.core.link.LinkNaming;
import io.modlink.core.link.ResolvedLink;
import io.modlink.core.link.ResolvedSide;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldType;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical shape of one link table: its columns, its indexes, and the Hibernate entity name
 * under which it is mapped (as a dynamic-map entity, since the table exists only at run time).
 */
public final class LinkTable {
  public static final String ID = "id";
  public static final String CREATED_AT = "created_at";
  public static final String UPDATED_AT = "updated_at";
  public static final String DELETED_AT = "deleted_at";

  private final ResolvedLink link;
  private final String table;
  private final String entityName;

  public LinkTable(ResolvedLink link) {
    this.link = link;
    this.table = link.table().orElseThrow(() -> new IllegalArgumentException(link + " has no table"));
    this.entityName = "ModlinkLink_" + table;
  }

  public ResolvedLink link() {
    return link;
  }

  public String table() {
    return table;
  }

  /** The Hibernate entity name of the dynamic-map mapping. */
  public String entityName() {
    return entityName;
  }

  public String leftColumn() {
    return link.left().column();
  }

  public String rightColumn() {
    return link.right().column();
  }

  public List<ExtraColumn> extraColumns() {
    return link.extraColumns();
  }

  /**
   * The link table seen as an entity of the pseudo-module {@code links}: {@code id}, the two key
   * columns, the extra columns and the timestamps. The model of the link's store.
   */
  public EntityModel model() {
    EntityModel.Builder b = EntityModel.builder("links", table).table(table).primaryKey(ID, FieldType.STRING);
    b.field(link.left().column(), keyType(link.left()));
    b.field(link.right().column(), keyType(link.right()));
    for (ExtraColumn c : link.extraColumns()) {
      b.field(c.name(), fieldType(c.type()));
    }
    b.field(CREATED_AT, FieldType.DATETIME);
    b.field(UPDATED_AT, FieldType.DATETIME);
    b.field(DELETED_AT, FieldType.DATETIME);
    return b.build();
  }

  private static FieldType keyType(ResolvedSide side) {
    return isNumericKey(side) ? FieldType.BIGINT : FieldType.STRING;
  }

  private static FieldType fieldType(ColumnType type) {
    return switch (type) {
      case STRING, TEXT -> FieldType.STRING;
      case INTEGER -> FieldType.INTEGER;
      case BIGINT -> FieldType.BIGINT;
      case BOOLEAN -> FieldType.BOOLEAN;
      case DECIMAL -> FieldType.DECIMAL;
      case DOUBLE -> FieldType.DOUBLE;
      case DATETIME -> FieldType.DATETIME;
      case JSON -> FieldType.JSON;
    };
  }

  /** Whether a key column holds numbers (the entity's key field is numeric) rather than text. */
  public static boolean isNumericKey(ResolvedSide side) {
    FieldType type = side.entity().field(side.key().field()).orElseThrow().type();
    return type == FieldType.INTEGER || type == FieldType.BIGINT;
  }

  /**
   * A one-line description of what the table links, stable across renames of the table: used to
   * recognise a renamed table in the tracking table.
   */
  public String descriptor() {
    return side(link.left()) + "|" + side(link.right());
  }

  private static String side(ResolvedSide side) {
    return side.module() + "." + side.entity().name() + "[" + side.column() + "]";
  }

  /** Whether the left key may have only one live partner (the right side is not a list). */
  public boolean leftIsUnique() {
    return !link.right().isList();
  }

  /** Whether the right key may have only one live partner (the left side is not a list). */
  public boolean rightIsUnique() {
    return !link.left().isList();
  }

  /**
   * The names of this table's indexes, as created by the DDL: the row id (unique), the right key, the
   * dismissal time, and "one live partner" per unique side. The left key has none: the primary key
   * ({@code left, right}) starts with it and serves every read by left key.
   */
  public List<String> indexNames() {
    List<String> names = new ArrayList<>();
    names.add(indexName("id"));
    names.add(indexName(rightColumn()));
    names.add(indexName(DELETED_AT));
    if (leftIsUnique()) {
      names.add(uniqueName(leftColumn()));
    }
    if (rightIsUnique()) {
      names.add(uniqueName(rightColumn()));
    }
    return names;
  }

  /**
   * The index on the left key that earlier versions created, redundant with the primary key; the
   * schema sync drops it from existing tables.
   */
  public String redundantLeftIndex() {
    return indexName(leftColumn());
  }

  public String indexName(String column) {
    return LinkNaming.compress("idx_" + table + "_" + column, 63);
  }

  public String uniqueName(String column) {
    return LinkNaming.compress("uq_" + table + "_" + column + "_live", 63);
  }

  /** The generated column that enforces one live partner where partial indexes are not available. */
  public static String liveColumn(String column) {
    return column + "_live";
  }

  @Override
  public String toString() {
    return table;
  }
}
