package io.modlink.core.internal.storage;

import io.modlink.core.error.InvalidDataException;
import io.modlink.core.internal.naming.DidYouMean;
import io.modlink.core.internal.store.Values;
import io.modlink.core.link.ColumnType;
import io.modlink.core.link.ExtraColumn;
import io.modlink.core.module.FieldModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks the values a Link call writes or filters by against the columns of the link tables, before
 * any statement runs: key values (not empty, of the key field's type, no longer than the key column),
 * extra-column values (their type, the length of a {@code string}, the precision and scale of a
 * {@code decimal}, finite numbers, JSON that can be written, date-times in the range every supported
 * database stores), and the shape of the maps that {@code delete} and {@code restore} take. Every
 * refusal is an {@link InvalidDataException} naming the column or path, the value and what fits.
 */
final class LinkValues {
  /** The length of a text key column and of a {@code string} extra column (varchar 255). */
  static final int VARCHAR_LENGTH = 255;
  /** Digits of a {@code decimal} extra column (numeric(38, 10)). */
  static final int DECIMAL_PRECISION = 38;
  static final int DECIMAL_SCALE = 10;
  /** The date-times every supported database stores in a timestamp column. */
  static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999Z");

  private LinkValues() {}

  /**
   * A key value given for {@code field} at {@code path}, as the field's Java type.
   *
   * @throws InvalidDataException if it is null, blank, holds a NUL character or does not fit the field
   */
  static Object key(FieldModel field, @Nullable Object value, String path) {
    if (value == null || (value instanceof CharSequence s && s.toString().isBlank())) {
      throw new InvalidDataException("empty id at " + path + "; give the " + field.name() + " of the record to link");
    }
    if (value instanceof CharSequence s && s.toString().indexOf('\u0000') >= 0) {
      throw new InvalidDataException("id " + describe(value) + " at " + path + " contains a NUL character (\\u0000),"
          + " which no database stores in text; remove it");
    }
    return Values.coerce(field, value, path);
  }

  /**
   * {@code value} itself when it is a text key that {@link #linkKey} would take as it is (a text field,
   * not blank, no NUL, no longer than a key column), else null: the check of the usual bulk request
   * without building the path its messages would name.
   */
  static @Nullable String plainTextKey(FieldModel field, @Nullable Object value) {
    if (value instanceof String s && field.javaType() == String.class && s.length() <= VARCHAR_LENGTH
        && !s.isBlank() && s.indexOf('\u0000') < 0) {
      return s;
    }
    return null;
  }

  /** A key value that goes into link column {@code column}: {@link #key}, no longer than the column. */
  static Object linkKey(FieldModel field, String column, @Nullable Object value, String path) {
    Object key = key(field, value, path);
    if (key instanceof String s && s.length() > VARCHAR_LENGTH) {
      throw new InvalidDataException("id " + describe(s) + " at " + path + " is " + s.length() + " characters long;"
          + " link column '" + column + "' holds at most " + VARCHAR_LENGTH);
    }
    return key;
  }

  /**
   * Checks {@code value} for extra column {@code column} of {@code table}, as given at {@code path}.
   *
   * @return the value as given (written later with {@link #toColumn})
   * @throws InvalidDataException if the column is unknown, or the value does not fit it
   */
  static @Nullable Object extra(LinkTable table, @Nullable String column, @Nullable Object value, String path) {
    ExtraColumn extra = column == null ? null
        : table.extraColumns().stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
    if (extra == null) {
      List<String> names = table.extraColumns().stream().map(ExtraColumn::name).toList();
      throw new InvalidDataException("unknown extra column '" + column + "' at " + path + " for link " + table.table()
          + (column == null ? "" : DidYouMean.hint(column, names)) + "; its extra columns: "
          + (names.isEmpty() ? "(none)" : String.join(", ", names)));
    }
    if (value == null) {
      if (!extra.nullable()) {
        throw new InvalidDataException("extra column '" + extra.name() + "' at " + path + " does not accept null");
      }
      return null;
    }
    String problem = problem(extra, value);
    if (problem != null) {
      throw new InvalidDataException("value " + describe(value) + " at " + path + " does not fit extra column '"
          + extra.name() + "' of link " + table.table() + " (" + typeName(extra.type()) + "): " + problem);
    }
    return value;
  }

  /** Why {@code value} does not fit {@code column}, or null if it fits. */
  private static @Nullable String problem(ExtraColumn column, Object value) {
    if (!ExtraColumn.accepts(column.type(), value)) {
      return "expected " + expected(column.type());
    }
    switch (column.type()) {
      case STRING, TEXT -> {
        String text = value.toString();
        if (column.type() == ColumnType.STRING && text.length() > VARCHAR_LENGTH) {
          return "it is " + text.length() + " characters long, the column holds at most " + VARCHAR_LENGTH
              + " (use a text column for longer values)";
        }
        if (text.indexOf('\u0000') >= 0) {
          return "it contains a NUL character (\\u0000), which no database stores in text";
        }
      }
      case DECIMAL -> {
        BigDecimal d = decimal(value);
        if (d == null) {
          return "expected a finite number, got " + value;
        }
        d = d.stripTrailingZeros();
        int scale = Math.max(d.scale(), 0);
        int integerDigits = Math.max(d.precision() - d.scale(), 0);
        if (scale > DECIMAL_SCALE) {
          return "it has " + scale + " digits after the point, the column keeps " + DECIMAL_SCALE;
        }
        if (integerDigits > DECIMAL_PRECISION - DECIMAL_SCALE) {
          return "it has " + integerDigits + " digits before the point, the column holds at most "
              + (DECIMAL_PRECISION - DECIMAL_SCALE);
        }
      }
      case DOUBLE -> {
        double d = ((Number) value).doubleValue();
        if (!Double.isFinite(d)) {
          return "expected a finite number (NaN and infinities cannot be stored in every database nor written as"
              + " JSON)";
        }
      }
      case DATETIME -> {
        Instant instant = toInstant(value);
        if (instant == null) {
          return "expected " + expected(ColumnType.DATETIME);
        }
        if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
          return "expected a date-time between " + MIN_INSTANT + " and " + MAX_INSTANT;
        }
      }
      case JSON -> {
        String json;
        try {
          json = JsonText.write(value);
        } catch (IllegalArgumentException e) {
          return "it cannot be written as JSON (" + e.getMessage() + ")";
        }
        if (json.contains("\\u0000")) {
          return "it contains a NUL character (\\u0000), which JSON columns do not store";
        }
      }
      default -> { }
    }
    return null;
  }

  /** A checked value as written to {@code column} (see {@link #extra}). */
  static @Nullable Object toColumn(ExtraColumn column, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    return switch (column.type()) {
      case STRING, TEXT -> value.toString();
      case INTEGER -> ((Number) value).intValue();
      case BIGINT -> ((Number) value).longValue();
      case BOOLEAN -> value;
      case DECIMAL -> decimal(value);
      case DOUBLE -> ((Number) value).doubleValue();
      case DATETIME -> toInstant(value);
      case JSON -> JsonText.write(value);
    };
  }

  /**
   * A value of a {@code LinkQuery} filter on {@code column}, as the column's Java type.
   *
   * @param keyField the key field behind {@code column} if it is a key column, else null
   * @throws InvalidDataException naming the column, the value and the type expected
   */
  static Object filter(LinkTable table, String column, @Nullable FieldModel keyField, @Nullable Object value) {
    String path = "filter " + column;
    if (value == null) {
      throw new InvalidDataException("null value in the filter on column '" + column + "' of link " + table.table()
          + "; filters match values: list with includeDeleted() and test the column instead");
    }
    if (value instanceof CharSequence s && s.toString().indexOf('\u0000') >= 0) {
      throw new InvalidDataException("value " + describe(value) + " in the filter on column '" + column + "' of link "
          + table.table() + " contains a NUL character (\\u0000), which no stored text contains; remove it");
    }
    if (keyField != null) {
      return key(keyField, value, path);
    }
    if (column.equals(LinkTable.ID)) {
      if (value instanceof CharSequence s) {
        return s.toString();
      }
      throw new InvalidDataException("value " + describe(value) + " in the filter on column 'id' of link "
          + table.table() + " is not text; link ids are strings such as '" + table.link().idPrefix().orElse("link")
          + "_01H...'");
    }
    if (column.equals(LinkTable.CREATED_AT) || column.equals(LinkTable.UPDATED_AT)
        || column.equals(LinkTable.DELETED_AT)) {
      Instant instant = toInstant(value);
      if (instant == null || instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
        throw new InvalidDataException("value " + describe(value) + " in the filter on column '" + column
            + "' of link " + table.table() + " is not a date-time the database stores; expected an Instant or an"
            + " ISO-8601 date-time between " + MIN_INSTANT + " and " + MAX_INSTANT);
      }
      return instant;
    }
    ExtraColumn extra = table.extraColumns().stream().filter(c -> c.name().equals(column)).findFirst().orElseThrow();
    if (extra.type() == ColumnType.JSON) {
      throw new InvalidDataException("column '" + column + "' of link " + table.table() + " holds JSON, which list"
          + " cannot compare; filter on another column and read the values from the records");
    }
    return toColumn(extra, extra(table, column, value, path));
  }

  /** One entry of a {@code delete} or {@code restore} map: a module, one of its linkable keys, the values. */
  record CascadeKeys(String module, String key, List<@Nullable Object> values) {}

  /**
   * Reads the {@code module -> linkable key -> values} map of {@code delete} and {@code restore}, checking its
   * shape (names and lists where they belong) whatever its declared generic type.
   */
  static List<CascadeKeys> cascadeKeys(Map<?, ?> keys, String operation) {
    List<CascadeKeys> out = new ArrayList<>();
    String example = "e.g. {\"product\": {\"product_id\": [\"p_1\"]}}";
    for (Map.Entry<?, ?> m : keys.entrySet()) {
      if (!(m.getKey() instanceof String module) || module.isBlank()) {
        throw new InvalidDataException(operation + " was given the module name " + describe(m.getKey())
            + "; give module names as keys, " + example);
      }
      if (!(m.getValue() instanceof Map<?, ?> byKey)) {
        throw new InvalidDataException(operation + "." + module + " is " + describe(m.getValue())
            + "; give a map of linkable keys to lists of ids, e.g. {\"" + module + "_id\": [\"...\"]}");
      }
      for (Map.Entry<?, ?> k : byKey.entrySet()) {
        if (!(k.getKey() instanceof String key) || key.isBlank()) {
          throw new InvalidDataException(operation + "." + module + " was given the linkable key "
              + describe(k.getKey()) + "; give linkable key names, e.g. {\"" + module + "_id\": [\"...\"]}");
        }
        Object values = k.getValue();
        if (values == null) {
          out.add(new CascadeKeys(module, key, List.of()));
        } else if (values instanceof Collection<?> c) {
          out.add(new CascadeKeys(module, key, new ArrayList<>(c)));
        } else {
          throw new InvalidDataException(operation + "." + module + "." + key + " is " + describe(values)
              + "; give a list of ids, e.g. [\"...\"]");
        }
      }
    }
    return out;
  }

  static @Nullable Instant toInstant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (value instanceof CharSequence s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return null;
  }

  private static @Nullable BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? new BigDecimal(value.toString()) : null;
    }
    try {
      return new BigDecimal(value.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String expected(ColumnType type) {
    return switch (type) {
      case STRING, TEXT -> "text";
      case INTEGER -> "an Integer (or Short, Byte)";
      case BIGINT -> "a Long (or Integer, Short)";
      case BOOLEAN -> "true or false";
      case DECIMAL -> "a BigDecimal or another Number";
      case DOUBLE -> "a Double or another Number";
      case DATETIME -> "an Instant, OffsetDateTime, ZonedDateTime or ISO-8601 date-time with offset such as"
          + " 2024-05-01T10:00:00Z";
      case JSON -> "a value Jackson writes as JSON";
    };
  }

  private static String typeName(ColumnType type) {
    return switch (type) {
      case STRING -> "string, at most " + VARCHAR_LENGTH + " characters";
      case DECIMAL -> "decimal(" + DECIMAL_PRECISION + ", " + DECIMAL_SCALE + ")";
      default -> type.name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** A value for a message: text quoted, long values cut, the Java type of values that are not text or numbers. */
  static String describe(@Nullable Object value) {
    if (value == null) {
      return "null";
    }
    String text;
    try {
      text = String.valueOf(value);
    } catch (RuntimeException | StackOverflowError e) {
      text = value.getClass().getSimpleName();
    }
    if (text.length() > 60) {
      text = text.substring(0, 50) + "... (" + text.length() + " characters)";
    }
    if (value instanceof CharSequence) {
      return "'" + text.replace("\u0000", "\\u0000") + "'";
    }
    if (value instanceof Number || value instanceof Boolean) {
      return text;
    }
    return text + " (" + value.getClass().getSimpleName() + ")";
  }
}
