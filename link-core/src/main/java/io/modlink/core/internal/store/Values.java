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
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.UUID;

/** Converts filter and key values to the Java type of a field, or says why it cannot. */
public final class Values {
  private Values() {}

  /**
   * @param path where the value came from, for the error message ({@code filters.created_at.$gt})
   * @throws InvalidDataException if the value does not fit the field
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static Object coerce(FieldModel field, Object value, String path) {
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
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      // fall through to the error below
    } catch (IllegalArgumentException e) {
      // bad UUID or enum constant
    }
    throw new InvalidDataException("value " + describe(value) + " at " + path + " does not fit field '" + field.name()
        + "' of type " + field.type().name().toLowerCase() + expected(field));
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
      default -> "";
    };
  }

  static String describe(Object value) {
    return value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
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
