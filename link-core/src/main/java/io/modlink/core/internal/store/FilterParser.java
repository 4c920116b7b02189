package io.modlink.core.internal.store;

import io.modlink.core.error.InvalidDataException;
import io.modlink.core.internal.naming.DidYouMean;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a Medusa-style filter map into a validated {@link Filter}, or throws an
 * {@link InvalidDataException} naming the path of the first problem. Runs before any SQL.
 */
public final class FilterParser {
  static final List<String> OPERATORS =
      List.of("$eq", "$ne", "$in", "$nin", "$gt", "$gte", "$lt", "$lte", "$like", "$ilike", "$exists");
  private static final Set<String> LOGICAL = Set.of("$and", "$or");
  /**
   * How deep {@code $and} / {@code $or} may nest in one filter. Deeper filters are refused before
   * anything recursive runs on them (parsing, SQL generation, the databases' own parsers).
   */
  public static final int MAX_NESTING = 32;

  private final EntityModel entity;

  public FilterParser(EntityModel entity) {
    this.entity = entity;
  }

  public Filter parse(Map<String, ?> filters) {
    return parse(filters, "filters");
  }

  /** Parses a filter found at {@code path} (e.g. {@code filters.sales_channels}), for messages. */
  public Filter parse(Map<String, ?> filters, String path) {
    if (filters == null) {
      throw new InvalidDataException("null filter map at " + path + "; pass an empty map to match every record");
    }
    return parseMap(filters, path, 0);
  }

  private Filter parseMap(Map<?, ?> map, String path, int nesting) {
    List<Filter> parts = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new InvalidDataException("filter key " + Values.describe(e.getKey()) + " at " + path + " is not a"
            + " string; keys are field names of " + entity.name() + ", $and or $or");
      }
      String here = path + "." + key;
      if (LOGICAL.contains(key)) {
        if (nesting >= MAX_NESTING) {
          throw new InvalidDataException(key + " at " + Values.shorten(path) + " nests $and / $or more than "
              + MAX_NESTING + " levels deep; the limit is " + MAX_NESTING + ": flatten the filter (a list in $and"
              + " or $or holds any number of conditions)");
        }
        parts.add(parseLogical(key, e.getValue(), here, nesting + 1));
      } else if (key.startsWith("$")) {
        throw new InvalidDataException("unknown logical operator " + Values.describe(key) + " at " + path
            + DidYouMean.hint(key, LOGICAL) + "; at this level use a field of " + entity.name() + ", $and or $or");
      } else {
        parts.add(parseField(field(key, here), e.getValue(), here));
      }
    }
    return parts.isEmpty() ? new Filter.True() : parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
  }

  private Filter parseLogical(String key, @Nullable Object value, String path, int nesting) {
    if (!(value instanceof Collection<?> list) || list.isEmpty()) {
      throw new InvalidDataException(key + " at " + path + " needs a non-empty list of filter maps, got "
          + Values.describe(value));
    }
    List<Filter> parts = new ArrayList<>();
    int i = 0;
    for (Object item : list) {
      String here = path + "[" + i++ + "]";
      if (!(item instanceof Map<?, ?> m)) {
        throw new InvalidDataException("each item of " + key + " must be a filter map; " + here + " is "
            + Values.describe(item));
      }
      parts.add(parseMap(m, here, nesting));
    }
    return key.equals("$and") ? new Filter.And(parts) : new Filter.Or(parts);
  }

  private FieldModel field(String name, String path) {
    return entity.field(name).orElseThrow(() -> new InvalidDataException("unknown field " + Values.describe(name)
        + " at " + Values.shorten(path) + " on " + entity.name() + DidYouMean.hint(name, entity.fieldNames()) + "; known fields: "
        + String.join(", ", entity.fieldNames())));
  }

  private Filter parseField(FieldModel field, @Nullable Object value, String path) {
    if (value == null) {
      return new Filter.IsNull(field, false);
    }
    if (value instanceof Collection<?> list) {
      return in(field, list, false, path);
    }
    if (value instanceof Map<?, ?> ops) {
      List<Filter> parts = new ArrayList<>();
      for (Map.Entry<?, ?> e : ops.entrySet()) {
        if (!(e.getKey() instanceof String op)) {
          throw new InvalidDataException("operator " + Values.describe(e.getKey()) + " at " + path + " is not a"
              + " string; use one of " + String.join(", ", OPERATORS));
        }
        parts.add(operator(field, op, e.getValue(), path + "." + op));
      }
      if (parts.isEmpty()) {
        throw new InvalidDataException("empty operator map at " + path + "; use one of " + String.join(", ", OPERATORS));
      }
      return parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
    }
    return compare(field, Filter.Op.EQ, value, path);
  }

  private Filter operator(FieldModel field, String op, @Nullable Object value, String path) {
    switch (op) {
      case "$eq":
        return value == null ? new Filter.IsNull(field, false) : compare(field, Filter.Op.EQ, value, path);
      case "$ne":
        return value == null ? new Filter.IsNull(field, true) : compare(field, Filter.Op.NE, value, path);
      case "$in":
      case "$nin":
        if (!(value instanceof Collection<?> list)) {
          throw new InvalidDataException(op + " at " + path + " needs a list, got " + Values.describe(value));
        }
        return in(field, list, op.equals("$nin"), path);
      case "$gt":
        return ordered(field, Filter.Op.GT, value, path);
      case "$gte":
        return ordered(field, Filter.Op.GTE, value, path);
      case "$lt":
        return ordered(field, Filter.Op.LT, value, path);
      case "$lte":
        return ordered(field, Filter.Op.LTE, value, path);
      case "$like":
      case "$ilike":
        if (!field.type().isText()) {
          throw new InvalidDataException(op + " at " + path + " applies to text fields; '" + field.name()
              + "' is " + field.type().name().toLowerCase());
        }
        if (!(value instanceof CharSequence pattern)) {
          throw new InvalidDataException(op + " at " + path + " needs a pattern string such as '%web%', got "
              + Values.describe(value));
        }
        Values.checkText(pattern, path);
        if (endsWithLoneEscape(pattern)) {
          throw new InvalidDataException(op + " at " + path + ": the pattern " + Values.describe(pattern)
              + " ends with the escape character \\; write \\\\ for a backslash, \\% and \\_ for a literal % and _");
        }
        return new Filter.Like(field, pattern.toString(), op.equals("$ilike"));
      case "$exists":
        if (!(value instanceof Boolean exists)) {
          throw new InvalidDataException("$exists at " + path + " needs true or false, got " + Values.describe(value));
        }
        return new Filter.IsNull(field, exists);
      default:
        throw new InvalidDataException("unknown operator " + Values.describe(op) + " at " + Values.shorten(path)
            + DidYouMean.hint(op, OPERATORS)
            + "; known operators: " + String.join(", ", OPERATORS));
    }
  }

  /** Whether the pattern ends with an escape character that escapes nothing (databases refuse it). */
  private static boolean endsWithLoneEscape(CharSequence pattern) {
    int backslashes = 0;
    for (int i = pattern.length() - 1; i >= 0 && pattern.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private Filter ordered(FieldModel field, Filter.Op op, @Nullable Object value, String path) {
    if (!field.type().isOrdered()) {
      throw new InvalidDataException("$" + op.name().toLowerCase() + " at " + path + " needs an ordered field;"
          + " '" + field.name() + "' is " + field.type().name().toLowerCase());
    }
    if (value == null) {
      throw new InvalidDataException("$" + op.name().toLowerCase() + " at " + path + " needs a value, got null");
    }
    return compare(field, op, value, path);
  }

  private Filter compare(FieldModel field, Filter.Op op, Object value, String path) {
    checkComparable(field, path);
    return new Filter.Compare(field, op, Values.coerce(field, value, path));
  }

  private Filter in(FieldModel field, Collection<?> list, boolean negated, String path) {
    checkComparable(field, path);
    List<Object> values = new ArrayList<>(list.size());
    int i = 0;
    for (Object v : list) {
      String here = path + "[" + i++ + "]";
      if (v == null) {
        throw new InvalidDataException("null at " + here + " in a list of values; test for null with {\"$eq\": null}");
      }
      values.add(Values.coerce(field, v, here));
    }
    return new Filter.In(field, values, negated);
  }

  private void checkComparable(FieldModel field, String path) {
    if (!field.type().isComparable()) {
      throw new InvalidDataException("field '" + field.name() + "' at " + path + " is "
          + field.type().name().toLowerCase() + " and can only be tested for null ({\"$eq\": null} or {\"$ne\": null})");
    }
  }
}
