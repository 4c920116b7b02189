package io.modlink.core.internal.storage;

import io.modlink.core.link.ColumnType;
import io.modlink.core.link.ExtraColumn;
import java.util.List;
import org.hibernate.type.SqlTypes;

/**
 * Writes the Hibernate {@code mapping.xml} (orm 7.0) of link tables: one dynamic-map entity per
 * table, keyed by the row id (the physical primary key is the pair of key columns; Hibernate only
 * needs a unique identifier). Rows are {@code Map<String, Object>} keyed by column name.
 */
public final class LinkMapping {
  private LinkMapping() {}

  public static String xml(List<LinkTable> tables) {
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<entity-mappings xmlns=\"http://www.hibernate.org/xsd/orm/mapping\" version=\"7.0\">\n");
    for (LinkTable t : tables) {
      out.append("  <entity name=\"").append(t.entityName()).append("\" metadata-complete=\"true\">\n")
          .append("    <table name=\"").append(t.table()).append("\"/>\n")
          .append("    <attributes>\n");
      out.append("      <id name=\"id\"><column name=\"id\" nullable=\"false\"/><target>java.lang.String</target></id>\n");
      basic(out, t.leftColumn(), LinkTable.isNumericKey(t.link().left()) ? "java.lang.Long" : "java.lang.String",
          null, false);
      basic(out, t.rightColumn(), LinkTable.isNumericKey(t.link().right()) ? "java.lang.Long" : "java.lang.String",
          null, false);
      for (ExtraColumn c : t.extraColumns()) {
        basic(out, c.name(), javaType(c.type()), c.type() == ColumnType.JSON ? SqlTypes.JSON : null, c.nullable());
      }
      basic(out, LinkTable.CREATED_AT, "java.time.Instant", null, false);
      basic(out, LinkTable.UPDATED_AT, "java.time.Instant", null, false);
      basic(out, LinkTable.DELETED_AT, "java.time.Instant", null, true);
      out.append("    </attributes>\n  </entity>\n");
    }
    out.append("  <entity name=\"ModlinkLinkTable\" metadata-complete=\"true\">\n")
        .append("    <table name=\"").append(LinkDdl.TRACKING_TABLE).append("\"/>\n")
        .append("    <attributes>\n")
        .append("      <id name=\"table_name\"><column name=\"table_name\" nullable=\"false\"/><target>java.lang.String</target></id>\n");
    basic(out, "descriptor", "java.lang.String", null, false);
    basic(out, "columns_spec", "java.lang.String", null, false);
    basic(out, "created_at", "java.time.Instant", null, false);
    basic(out, "updated_at", "java.time.Instant", null, false);
    out.append("    </attributes>\n  </entity>\n</entity-mappings>\n");
    return out.toString();
  }

  private static void basic(StringBuilder out, String name, String javaType, Integer jdbcTypeCode, boolean nullable) {
    out.append("      <basic name=\"").append(name).append("\"><column name=\"").append(name)
        .append("\" nullable=\"").append(nullable).append("\"/><target>").append(javaType).append("</target>");
    if (jdbcTypeCode != null) {
      out.append("<jdbc-type-code>").append(jdbcTypeCode).append("</jdbc-type-code>");
    }
    out.append("</basic>\n");
  }

  static String javaType(ColumnType type) {
    return switch (type) {
      case STRING, TEXT, JSON -> "java.lang.String";
      case INTEGER -> "java.lang.Integer";
      case BIGINT -> "java.lang.Long";
      case BOOLEAN -> "java.lang.Boolean";
      case DECIMAL -> "java.math.BigDecimal";
      case DOUBLE -> "java.lang.Double";
      case DATETIME -> "java.time.Instant";
    };
  }
}
