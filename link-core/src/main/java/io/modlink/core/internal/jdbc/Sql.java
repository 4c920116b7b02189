package io.modlink.core.internal.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.internal.store.Filter;
import io.modlink.core.module.FieldModel;
import io.modlink.core.spi.SortDirection;
import io.modlink.core.spi.SortOrder;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** SQL text, parameters and row reading shared by the JDBC table reader and the push-down executor. */
public final class Sql {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Sql() {}

  /** A list of keys bound as one array parameter ({@code = any(?)}). */
  record KeyArray(FieldModel field, List<Object> values) {}

  public static String col(JdbcTable table, String alias, FieldModel field) {
    return alias + "." + table.column(field);
  }

  /** A list of keys bound as one JSON array text parameter, read by MariaDB's {@code json_table}. */
  record KeyJson(List<Object> values) {}

  /**
   * {@code alias.col = any(?)} with one array parameter on PostgreSQL and H2 (both read it through
   * the index); a padded IN list elsewhere, so that statements of similar size share a plan.
   */
  public static String anyOf(JdbcTable table, String alias, FieldModel field, List<Object> values, List<Object> params) {
    if (!table.flavor().hasArrays()) {
      int size = Integer.highestOneBit(Math.max(1, values.size() - 1)) << 1;
      StringBuilder in = new StringBuilder(col(table, alias, field)).append(" in (");
      for (int i = 0; i < size; i++) {
        in.append(i == 0 ? "?" : ", ?");
        params.add(values.get(Math.min(i, values.size() - 1)));
      }
      return in.append(')').toString();
    }
    params.add(new KeyArray(field, values));
    return col(table, alias, field) + " = any(?)";
  }

  /**
   * The tables of a read of {@code table} (as {@code alias}) restricted to the rows whose {@code key} is one
   * of {@code keys}, and the condition that restricts them (null when the tables already do): in the form
   * each engine reads through the key's index.
   *
   * @param keys distinct values
   */
  public record KeyedFrom(String from, @Nullable String condition) {}

  /** See {@link KeyedFrom}: {@code = any(?)} on PostgreSQL, a join against the key array on H2. */
  public static KeyedFrom keyedFrom(JdbcTable table, String alias, FieldModel key, List<Object> keys,
      List<Object> params) {
    return switch (table.flavor()) {
      case H2 -> h2KeyedFrom(table, alias, key, keys, params);
      case MARIADB -> new KeyedFrom(keyJoin(table, alias, key, keys, params), null);
      default -> new KeyedFrom(table.table() + " " + alias, anyOf(table, alias, key, keys, params));
    };
  }

  /**
   * H2 finds the rows of {@code = any(?)} through the index, then checks each row against the whole array
   * again by a linear search (ConditionInArray.getValueSlow): rows x keys comparisons, 75 s for 50,000 keys
   * of a link table. A join against the array as a table ({@code unnest(?)}) costs one index lookup per key.
   */
  private static KeyedFrom h2KeyedFrom(JdbcTable table, String alias, FieldModel key, List<Object> keys,
      List<Object> params) {
    params.add(new KeyArray(key, keys));
    return new KeyedFrom("unnest(?) mlk_keys(mlk_key) join " + table.table() + " " + alias + " on "
        + col(table, alias, key) + " = mlk_keys.mlk_key", null);
  }

  /**
   * MariaDB's form of a batch of keys: {@code from json_table(?) k join table alias on alias.col = k.k},
   * the keys bound as one JSON array. MariaDB reads the keys first and the table through its index
   * (measured against padded IN lists and a temporary table: the fastest at 1,000 to 100,000 keys,
   * and one statement whatever the number). The keys must be distinct.
   *
   * @return the {@code from} clause, without the word {@code from}
   */
  public static String keyJoin(JdbcTable table, String alias, FieldModel field, List<Object> values, List<Object> params) {
    params.add(new KeyJson(values));
    String type = JdbcTable.numericKey(field) ? "bigint" : "varchar(255)";
    return "json_table(?, '$[*]' columns (mlk_key " + type + " path '$')) mlk_keys join " + table.table() + " "
        + alias + " on " + col(table, alias, field) + " = mlk_keys.mlk_key";
  }

  public static String where(JdbcTable table, String alias, Filter filter, List<Object> params) {
    if (filter instanceof Filter.True) {
      return "1 = 1";
    }
    if (filter instanceof Filter.And and) {
      return "(" + String.join(" and ", and.parts().stream().map(p -> where(table, alias, p, params)).toList()) + ")";
    }
    if (filter instanceof Filter.Or or) {
      return "(" + String.join(" or ", or.parts().stream().map(p -> where(table, alias, p, params)).toList()) + ")";
    }
    if (filter instanceof Filter.IsNull n) {
      return col(table, alias, n.field()) + (n.negated() ? " is not null" : " is null");
    }
    if (filter instanceof Filter.In in) {
      if (in.values().isEmpty()) {
        return in.negated() ? "1 = 1" : "1 = 0";
      }
      String any = anyOf(table, alias, in.field(), in.values(), params);
      return in.negated() ? "not (" + any + ")" : any;
    }
    if (filter instanceof Filter.Like like) {
      if (like.caseInsensitive()) {
        params.add(like.pattern().toLowerCase(Locale.ROOT));
        return "lower(" + col(table, alias, like.field()) + ") like ?";
      }
      params.add(like.pattern());
      return col(table, alias, like.field()) + " like ?";
    }
    Filter.Compare c = (Filter.Compare) filter;
    params.add(c.value());
    String column = col(table, alias, c.field());
    return switch (c.op()) {
      case EQ -> column + " = ?";
      case NE -> "(" + column + " <> ? or " + column + " is null)";
      case GT -> column + " > ?";
      case GTE -> column + " >= ?";
      case LT -> column + " < ?";
      case LTE -> column + " <= ?";
    };
  }

  public static String orderBy(String alias, JdbcTable table, List<SortOrder> order) {
    List<String> parts = new ArrayList<>();
    boolean byKey = false;
    for (SortOrder o : order) {
      FieldModel f = table.model().field(o.field()).orElseThrow();
      byKey |= f.equals(table.model().primaryKey());
      parts.add(col(table, alias, f) + (o.direction() == SortDirection.DESC ? " desc" : " asc"));
    }
    if (!byKey) {
      parts.add(col(table, alias, table.model().primaryKey()) + " asc");
    }
    return String.join(", ", parts);
  }

  public static void bind(Connection connection, PreparedStatement ps, List<Object> params) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Object p = params.get(i);
      if (p instanceof KeyArray keys) {
        Object[] values = keys.values().stream().map(Sql::jdbcValue).toArray();
        Array array = connection.createArrayOf(arrayType(keys.field()), values);
        ps.setArray(i + 1, array);
      } else if (p instanceof KeyJson keys) {
        ps.setString(i + 1, keyJson(keys.values()));
      } else {
        ps.setObject(i + 1, jdbcValue(p));
      }
    }
  }

  private static String keyJson(List<Object> values) {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("keys cannot be written as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static @Nullable Object jdbcValue(@Nullable Object value) {
    if (value instanceof Instant instant) {
      return instant.atOffset(ZoneOffset.UTC);
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof Date d) {
      return d.toInstant().atOffset(ZoneOffset.UTC);
    }
    return value;
  }

  private static String arrayType(FieldModel field) {
    return switch (field.type()) {
      case INTEGER -> "integer";
      case BIGINT -> "bigint";
      case DECIMAL -> "numeric";
      case DOUBLE -> "double precision";
      case BOOLEAN -> "boolean";
      case UUID -> "uuid";
      case DATETIME -> "timestamp with time zone";
      case DATE -> "date";
      default -> "varchar";
    };
  }

  /** Reads one column as a Java value comparable across fetches (for join keys). */
  public static @Nullable Object key(ResultSet rs, int index, FieldModel field) throws SQLException {
    return switch (field.type()) {
      case INTEGER, BIGINT -> {
        long v = rs.getLong(index);
        yield rs.wasNull() ? null : v;
      }
      default -> {
        Object v = rs.getObject(index);
        yield v == null ? null : v.toString();
      }
    };
  }

  /** Reads one column into a JSON row, the way entity stores render values. */
  public static void put(ObjectNode row, ResultSet rs, int index, FieldModel field) throws SQLException {
    String key = field.name();
    switch (field.type()) {
      case STRING, ENUM, UUID -> {
        String s = rs.getString(index);
        if (s == null) {
          row.putNull(key);
        } else {
          row.put(key, s);
        }
      }
      case INTEGER -> {
        int v = rs.getInt(index);
        if (rs.wasNull()) {
          row.putNull(key);
        } else {
          row.put(key, v);
        }
      }
      case BIGINT -> {
        long v = rs.getLong(index);
        if (rs.wasNull()) {
          row.putNull(key);
        } else {
          row.put(key, v);
        }
      }
      case BOOLEAN -> {
        boolean v = rs.getBoolean(index);
        if (rs.wasNull()) {
          row.putNull(key);
        } else {
          row.put(key, v);
        }
      }
      case DECIMAL -> {
        BigDecimal v = rs.getBigDecimal(index);
        if (v == null) {
          row.putNull(key);
        } else {
          row.put(key, v);
        }
      }
      case DOUBLE -> {
        double v = rs.getDouble(index);
        if (rs.wasNull()) {
          row.putNull(key);
        } else {
          row.put(key, v);
        }
      }
      case DATETIME -> {
        Instant instant = instant(rs, index, field);
        if (instant == null) {
          row.putNull(key);
        } else {
          row.put(key, instant.toString());
        }
      }
      case DATE -> {
        LocalDate d = rs.getObject(index, LocalDate.class);
        if (d == null) {
          row.putNull(key);
        } else {
          row.put(key, d.toString());
        }
      }
      case JSON -> {
        String text = rs.getString(index);
        if (text == null) {
          row.putNull(key);
        } else {
          row.set(key, json(text));
        }
      }
      case OTHER -> {
        Object v = rs.getObject(index);
        if (v == null) {
          row.putNull(key);
        } else {
          row.set(key, MAPPER.valueToTree(v));
        }
      }
    }
  }

  private static @Nullable Instant instant(ResultSet rs, int index, FieldModel field) throws SQLException {
    Class<?> type = field.javaType();
    if (type == LocalDateTime.class) {
      LocalDateTime l = rs.getObject(index, LocalDateTime.class);
      return l == null ? null : l.toInstant(ZoneOffset.UTC);
    }
    if (type == Instant.class || type == OffsetDateTime.class || type == ZonedDateTime.class || Date.class.isAssignableFrom(type)) {
      OffsetDateTime o = rs.getObject(index, OffsetDateTime.class);
      return o == null ? null : o.toInstant();
    }
    OffsetDateTime o = rs.getObject(index, OffsetDateTime.class);
    return o == null ? null : o.toInstant();
  }

  private static JsonNode json(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      // H2 may return a JSON value stored through a string parameter as a JSON string holding the document
      if (node.isTextual()) {
        String inner = node.asText().trim();
        if (inner.startsWith("{") || inner.startsWith("[")) {
          return MAPPER.readTree(inner);
        }
      }
      return node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not valid: " + e.getOriginalMessage(), e);
    }
  }

  public static String join(Collection<?> values) {
    List<String> parts = values.stream().map(String::valueOf).limit(10).toList();
    return String.join(", ", parts) + (values.size() > 10 ? ", ... (" + values.size() + " in all)" : "");
  }

}
