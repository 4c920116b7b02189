package io.modlink.core.internal.storage;

import io.modlink.core.link.ColumnType;
import io.modlink.core.link.ExtraColumn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MySQLDialect;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.sql.spi.DdlTypeRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The DDL of link tables, with column types taken from Hibernate's dialect. On PostgreSQL the
 * key indexes are partial (live rows only) and "one live partner" is a partial unique index; where
 * partial indexes are missing (H2, MariaDB, MySQL), a generated column holds the key of live rows
 * only and carries the unique index.
 */
public final class LinkDdl {
  /** The table that records which link tables modlink manages. */
  public static final String TRACKING_TABLE = "modlink_link_tables";

  private final Dialect dialect;
  private final DdlTypeRegistry types;

  public LinkDdl(Dialect dialect, DdlTypeRegistry types) {
    this.dialect = dialect;
    this.types = types;
  }

  public boolean partialIndexes() {
    return dialect instanceof PostgreSQLDialect;
  }

  public boolean isPostgres() {
    return dialect instanceof PostgreSQLDialect;
  }

  /** MariaDB or MySQL (Hibernate's MariaDBDialect extends MySQLDialect). */
  public boolean isMariaDb() {
    return dialect instanceof MySQLDialect;
  }

  public List<String> createTrackingTable() {
    return List.of("create table " + TRACKING_TABLE + " (table_name " + varchar() + " not null primary key, "
        + "descriptor " + varchar(1000) + " not null, columns_spec " + varchar(4000) + " not null, "
        + "created_at " + timestamp() + " not null, updated_at " + timestamp() + " not null)");
  }

  public List<String> createTable(LinkTable t) {
    List<String> sql = new ArrayList<>();
    StringBuilder create = new StringBuilder("create table ").append(t.table()).append(" (")
        .append(LinkTable.ID).append(' ').append(varchar()).append(" not null, ")
        .append(t.leftColumn()).append(' ').append(keyType(LinkTable.isNumericKey(t.link().left()))).append(" not null, ")
        .append(t.rightColumn()).append(' ').append(keyType(LinkTable.isNumericKey(t.link().right()))).append(" not null, ");
    for (ExtraColumn c : t.extraColumns()) {
      create.append(columnDefinition(c)).append(", ");
    }
    create.append(LinkTable.CREATED_AT).append(' ').append(timestamp()).append(" not null, ")
        .append(LinkTable.UPDATED_AT).append(' ').append(timestamp()).append(" not null, ")
        .append(LinkTable.DELETED_AT).append(' ').append(timestamp()).append(", ");
    if (!partialIndexes()) {
      if (t.leftIsUnique()) {
        create.append(liveColumnDefinition(t, t.leftColumn(), LinkTable.isNumericKey(t.link().left()))).append(", ");
      }
      if (t.rightIsUnique()) {
        create.append(liveColumnDefinition(t, t.rightColumn(), LinkTable.isNumericKey(t.link().right()))).append(", ");
      }
    }
    create.append("primary key (").append(t.leftColumn()).append(", ").append(t.rightColumn()).append("))");
    sql.add(create.toString());
    for (String index : t.indexNames()) {
      sql.add(createIndex(t, index));
    }
    return sql;
  }

  /** The statement that creates one of {@link LinkTable#indexNames}. */
  public String createIndex(LinkTable t, String index) {
    String live = partialIndexes() ? " where " + LinkTable.DELETED_AT + " is null" : "";
    if (index.equals(t.indexName("id"))) {
      return "create unique index " + index + " on " + t.table() + " (" + LinkTable.ID + ")";
    }
    if (index.equals(t.indexName(t.rightColumn()))) {
      return "create index " + index + " on " + t.table() + " (" + t.rightColumn() + ")" + live;
    }
    if (index.equals(t.indexName(LinkTable.DELETED_AT))) {
      return "create index " + index + " on " + t.table() + " (" + LinkTable.DELETED_AT + ")";
    }
    String column = index.equals(t.uniqueName(t.leftColumn())) ? t.leftColumn() : t.rightColumn();
    if (partialIndexes()) {
      return "create unique index " + index + " on " + t.table() + " (" + column + ")" + live;
    }
    return "create unique index " + index + " on " + t.table() + " (" + LinkTable.liveColumn(column) + ")";
  }

  /** Statements that make a key "one live partner" on an existing table (where no partial index exists, a column first). */
  public List<String> addUnique(LinkTable t, String column, boolean numeric) {
    List<String> sql = new ArrayList<>();
    if (!partialIndexes()) {
      sql.add("alter table " + t.table() + " add column " + liveColumnDefinition(t, column, numeric));
    }
    sql.add(createIndex(t, t.uniqueName(column)));
    return sql;
  }

  public String dropIndex(String table, String index) {
    return isMariaDb() ? "drop index " + index + " on " + table : "drop index " + index;
  }

  public String addColumn(String table, ExtraColumn column) {
    return "alter table " + table + " add column " + columnDefinition(column);
  }

  public String dropColumn(String table, String column) {
    return "alter table " + table + " drop column " + column;
  }

  public String alterColumnType(String table, ExtraColumn column) {
    if (isMariaDb()) {
      return "alter table " + table + " modify column " + columnDefinition(column);
    }
    return isPostgres()
        ? "alter table " + table + " alter column " + column.name() + " type " + typeOf(column.type())
            + " using " + column.name() + "::" + typeOf(column.type())
        : "alter table " + table + " alter column " + column.name() + " set data type " + typeOf(column.type());
  }

  public String renameTable(String from, String to) {
    return "alter table " + from + " rename to " + to;
  }

  public String renameIndex(String table, String from, String to) {
    return isMariaDb() ? "alter table " + table + " rename index " + from + " to " + to
        : "alter index " + from + " rename to " + to;
  }

  public String dropTable(String table) {
    return "drop table " + table;
  }

  String columnDefinition(ExtraColumn c) {
    StringBuilder out = new StringBuilder(c.name()).append(' ').append(typeOf(c.type()));
    if (c.defaultValue() != null) {
      out.append(" default ").append(literal(c.type(), c.defaultValue()));
    }
    if (!c.nullable()) {
      out.append(" not null");
    }
    return out.toString();
  }

  private String liveColumnDefinition(LinkTable t, String column, boolean numeric) {
    return LinkTable.liveColumn(column) + " " + keyType(numeric) + " generated always as (case when "
        + LinkTable.DELETED_AT + " is null then " + column + " end)";
  }

  public String typeOf(ColumnType type) {
    return switch (type) {
      case STRING -> varchar();
      case TEXT -> types.getTypeName(SqlTypes.LONG32VARCHAR, dialect);
      case INTEGER -> types.getTypeName(SqlTypes.INTEGER, dialect);
      case BIGINT -> types.getTypeName(SqlTypes.BIGINT, dialect);
      case BOOLEAN -> types.getTypeName(SqlTypes.BOOLEAN, dialect);
      case DECIMAL -> types.getTypeName(SqlTypes.NUMERIC, null, 38, 10);
      case DOUBLE -> types.getTypeName(SqlTypes.DOUBLE, dialect);
      case DATETIME -> timestamp();
      case JSON -> types.getTypeName(SqlTypes.JSON, dialect);
    };
  }

  /** The JDBC type family a column type reads back as, for detecting type changes. */
  public static String family(ColumnType type) {
    return switch (type) {
      case STRING, TEXT -> "text";
      case INTEGER, BIGINT -> "integer";
      case DECIMAL, DOUBLE -> "number";
      case BOOLEAN -> "boolean";
      case DATETIME -> "timestamp";
      case JSON -> "json";
    };
  }

  private String keyType(boolean numeric) {
    return numeric ? types.getTypeName(SqlTypes.BIGINT, dialect) : varchar();
  }

  private String varchar() {
    return varchar(255);
  }

  private String varchar(long length) {
    return types.getTypeName(SqlTypes.VARCHAR, length, null, null);
  }

  private String timestamp() {
    return types.getTypeName(SqlTypes.TIMESTAMP_UTC, null, 6, null);
  }

  private String literal(ColumnType type, @Nullable Object value) {
    if (value == null) {
      return "null";
    }
    return switch (type) {
      case STRING, TEXT, DATETIME -> quote(value.toString());
      case INTEGER, BIGINT, DOUBLE -> value.toString();
      case DECIMAL -> new BigDecimal(value.toString()).toPlainString();
      case BOOLEAN -> ((Boolean) value) ? "true" : "false";
      case JSON -> isPostgres() ? quote(JsonText.write(value)) + "::jsonb"
          : isMariaDb() ? quote(JsonText.write(value)) : "JSON " + quote(JsonText.write(value));
    };
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
