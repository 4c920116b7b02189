package io.modlink.core.link;

import java.math.BigDecimal;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An extra column of a link table, beside the two keys: {@code ExtraColumn.of("priority", ColumnType.INTEGER).defaultValue(0)}.
 *
 * @param name the column name (snake case; not {@code id}, a key column, or a timestamp column)
 * @param type the column type
 * @param nullable whether it accepts null (default {@code true})
 * @param defaultValue the value used when a link is created without it, or null for none
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ExtraColumn(String name, ColumnType type, boolean nullable, @Nullable Object defaultValue) {
  public ExtraColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (defaultValue != null && !accepts(type, defaultValue)) {
      throw new IllegalArgumentException("default value " + defaultValue + " (" + defaultValue.getClass().getSimpleName()
          + ") does not fit extra column " + name + " of type " + type);
    }
  }

  /** A nullable column without a default. */
  public static ExtraColumn of(String name, ColumnType type) {
    return new ExtraColumn(name, type, true, null);
  }

  /** This column, not accepting null. */
  public ExtraColumn notNull() {
    return new ExtraColumn(name, type, false, defaultValue);
  }

  /** This column, with a default value of the column's type. */
  public ExtraColumn defaultValue(Object value) {
    return new ExtraColumn(name, type, nullable, Objects.requireNonNull(value, "value"));
  }

  /** Whether {@code value} is a Java value this column type stores. */
  public static boolean accepts(ColumnType type, Object value) {
    return switch (type) {
      case STRING, TEXT -> value instanceof CharSequence;
      case INTEGER -> value instanceof Integer || value instanceof Short || value instanceof Byte;
      case BIGINT -> value instanceof Long || value instanceof Integer || value instanceof Short;
      case BOOLEAN -> value instanceof Boolean;
      case DECIMAL -> value instanceof BigDecimal || value instanceof Number;
      case DOUBLE -> value instanceof Double || value instanceof Float || value instanceof Number;
      case DATETIME -> value instanceof java.time.Instant || value instanceof java.time.OffsetDateTime
          || value instanceof java.time.ZonedDateTime || value instanceof CharSequence;
      case JSON -> true;
    };
  }
}
