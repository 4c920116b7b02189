package io.modlink.core.internal.store;

import io.modlink.core.error.InvalidDataException;
import io.modlink.core.module.FieldModel;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.DateTimeException;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Converts filter and key values to the Java type of a field, or says why it cannot. */
public final class Values {
  private Values() {}

  /**
   * Converts a value given by a caller (a filter value, a key) to the field's Java type and checks
   * that every supported database can hold it: no NUL character in text, a finite number, a
   * date-time from year 1 to 9999.
   *
   * @param path where the value came from, for the error message ({@code filters.created_at.$gt})
   * @throws InvalidDataException if the value does not fit the field
   */
  public static Object coerce(FieldModel field, Object value, String path) {
    if (value instanceof CharSequence text) {
      checkText(text, path);
    }
    return checked(field, convert(field, value, path), path);
  }

  /**
   * Converts a value to the field's Java type, without {@link #coerce}'s checks of what databases
   * hold: for values read from a store.
   *
   * @throws InvalidDataException if the value does not fit the field
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Object convert(FieldModel field, Object value, String path) {
    Class<?> target = box(field.javaType());
    if (target.isInstance(value)) {
      return value;
    }
    try {
      if (target == String.class) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
          return value.toString();
        }
      } else if (target == Integer.class || target == Short.class || target == Long.class
          || target == BigDecimal.class || target == Double.class || target == Float.class) {
        BigDecimal number = value instanceof Number n ? new BigDecimal(n.toString())
            : value instanceof CharSequence s ? new BigDecimal(s.toString().trim()) : null;
        if (number != null) {
          if (target == Integer.class) {
            return number.intValueExact();
          }
          if (target == Short.class) {
            return number.shortValueExact();
          }
          if (target == Long.class) {
            return number.longValueExact();
          }
          if (target == Double.class) {
            return number.doubleValue();
          }
          if (target == Float.class) {
            return number.floatValue();
          }
          return number;
        }
      } else if (target == Boolean.class) {
        if (value instanceof CharSequence s && ("true".equals(s.toString()) || "false".equals(s.toString()))) {
          return Boolean.valueOf(s.toString());
        }
      } else if (target == UUID.class) {
        if (value instanceof CharSequence s) {
          return UUID.fromString(s.toString());
        }
      } else if (target.isEnum()) {
        if (value instanceof CharSequence s) {
          return Enum.valueOf((Class<? extends Enum>) target, s.toString());
        }
      } else if (target == Instant.class || target == OffsetDateTime.class || target == ZonedDateTime.class
          || target == LocalDateTime.class || target == Date.class) {
        Instant instant = toInstant(value);
        if (instant != null) {
          if (target == Instant.class) {
            return instant;
          }
          if (target == OffsetDateTime.class) {
            return instant.atOffset(ZoneOffset.UTC);
          }
          if (target == ZonedDateTime.class) {
            return instant.atZone(ZoneOffset.UTC);
          }
          if (target == LocalDateTime.class) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
          }
          return Date.from(instant);
        }
      } else if (target == LocalDate.class) {
        if (value instanceof CharSequence s) {
          return LocalDate.parse(s);
        }
      }
    } catch (ArithmeticException | NumberFormatException | DateTimeException e) {
      // fall through to the error below
    } catch (IllegalArgumentException e) {
      // bad UUID or enum constant
    }
    throw new InvalidDataException("value " + describe(value) + " at " + path + " does not fit field '" + field.name()
        + "' of type " + field.type().name().toLowerCase() + expected(field));
  }

  /** The earliest instant a filter or key value may hold: what every supported database stores. */
  static final Instant MIN_INSTANT = Instant.parse("0001-01-01T00:00:00Z");
  /** The latest instant a filter or key value may hold. */
  static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /**
   * Refuses text no database stores as given: the NUL character (U+0000), which PostgreSQL
   * refuses in every text value.
   *
   * @throws InvalidDataException naming where the text came from
   */
  public static void checkText(CharSequence text, String path) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\0') {
        throw new InvalidDataException("text " + describe(text.toString().replace("\0", "\\0")) + " at " + path
            + " holds the NUL character (U+0000) at index " + i + ", which databases do not store; remove it");
      }
    }
  }

  /** A value already of the field's Java type, checked for what the databases cannot hold. */
  private static Object checked(FieldModel field, Object value, String path) {
    if ((value instanceof Double d && !Double.isFinite(d)) || (value instanceof Float f && !Float.isFinite(f))) {
      throw new InvalidDataException("value " + value + " at " + path + " does not fit field '" + field.name()
          + "' of type " + field.type().name().toLowerCase() + " (expected a finite number)");
    }
    Instant instant = value instanceof Instant i ? i : value instanceof OffsetDateTime o ? o.toInstant()
        : value instanceof ZonedDateTime z ? z.toInstant() : value instanceof Date d ? d.toInstant()
        : value instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC)
        : value instanceof LocalDate l ? l.atStartOfDay().toInstant(ZoneOffset.UTC) : null;
    if (instant != null) {
      checkRange(field, value, instant, path);
    }
    return value;
  }

  private static void checkRange(FieldModel field, Object value, Instant instant, String path) {
    if (instant.isBefore(MIN_INSTANT) || instant.isAfter(MAX_INSTANT)) {
      throw new InvalidDataException("value " + describe(value) + " at " + path + " does not fit field '"
          + field.name() + "' of type " + field.type().name().toLowerCase()
          + " (expected a date-time from year 1 to 9999)");
    }
  }

  private static Instant toInstant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof ZonedDateTime z) {
      return z.toInstant();
    }
    if (value instanceof Date d) {
      return d.toInstant();
    }
    if (value instanceof LocalDateTime l) {
      return l.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof CharSequence s) {
      String text = s.toString();
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e2) {
          return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
        }
      }
    }
    return null;
  }

  private static String expected(FieldModel field) {
    return switch (field.type()) {
      case DATETIME -> " (expected an ISO-8601 date-time such as 2024-05-01T10:00:00Z, or an Instant)";
      case DATE -> " (expected a date such as 2024-05-01)";
      case BOOLEAN -> " (expected true or false)";
      case INTEGER, BIGINT, DECIMAL, DOUBLE -> " (expected a number)";
      case ENUM -> " (expected one of " + java.util.Arrays.toString(box(field.javaType()).getEnumConstants()) + ")";
      case UUID -> " (expected a UUID)";
      case STRING -> " (expected text, a number or a boolean)";
      default -> "";
    };
  }

  /** A name or path for a message, cut at {@value #MAX_DESCRIBED} characters. */
  public static String shorten(String text) {
    return text.length() > MAX_DESCRIBED ? text.substring(0, MAX_DESCRIBED) + "..." : text;
  }

  /** The longest rendering of a value in a message. */
  static final int MAX_DESCRIBED = 120;

  /**
   * A value for a message: text quoted, maps and lists rendered a few levels deep, everything cut
   * at {@value #MAX_DESCRIBED} characters (a value may be huge, deeply nested or refer to itself).
   */
  public static String describe(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    describe(value, out, 0);
    return out.length() > MAX_DESCRIBED ? out.substring(0, MAX_DESCRIBED) + "..." : out.toString();
  }

  private static void describe(@Nullable Object value, StringBuilder out, int depth) {
    if (out.length() > MAX_DESCRIBED) {
      return;
    }
    if (value instanceof CharSequence text) {
      String s = text.length() > MAX_DESCRIBED ? text.subSequence(0, MAX_DESCRIBED).toString() : text.toString();
      out.append('\'').append(s).append('\'');
    } else if (value instanceof Map<?, ?> map) {
      if (depth >= 3) {
        out.append(map.isEmpty() ? "{}" : "{...}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (out.length() > MAX_DESCRIBED) {
          break;
        }
        out.append(first ? "" : ", ");
        first = false;
        describe(e.getKey(), out, depth + 1);
        out.append('=');
        describe(e.getValue(), out, depth + 1);
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      if (depth >= 3) {
        out.append(list.isEmpty() ? "[]" : "[...]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        if (out.length() > MAX_DESCRIBED) {
          break;
        }
        out.append(first ? "" : ", ");
        first = false;
        describe(item, out, depth + 1);
      }
      out.append(']');
    } else {
      String s;
      try {
        s = String.valueOf(value);
      } catch (RuntimeException e) {
        s = "a " + value.getClass().getSimpleName();
      }
      out.append(s.length() > MAX_DESCRIBED ? s.substring(0, MAX_DESCRIBED) : s);
    }
  }

  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) {
      return Integer.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == double.class) {
      return Double.class;
    }
    if (type == float.class) {
      return Float.class;
    }
    if (type == short.class) {
      return Short.class;
    }
    return type;
  }
}
