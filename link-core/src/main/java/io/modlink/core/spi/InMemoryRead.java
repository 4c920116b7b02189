package io.modlink.core.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.internal.store.Filter;
import io.modlink.core.internal.store.FilterParser;
import io.modlink.core.internal.store.Requests;
import io.modlink.core.internal.store.Values;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ReadRequest} answered over rows held in memory, with the semantics of modlink's SQL
 * stores: for a store whose backend returns rows but cannot filter, order or page them (a cache, a
 * remote list, a file, a test double).
 *
 * <pre>{@code
 * public ReadResult read(ReadRequest request) {
 *   InMemoryRead read = InMemoryRead.of(model(), request);   // validates before the backend is asked
 *   return read.apply(backend.allRows());                   // filters, orders, counts, pages, projects
 * }
 * }</pre>
 *
 * <p>Rows are {@code ObjectNode}s rendered as the store contract says (snake-case keys, date-times
 * as ISO-8601 strings, enums by name); a missing key reads as null. Semantics, as in SQL: a
 * comparison with null is false ({@code $ne} and {@code $nin} included, except that {@code $ne}
 * keeps nulls, as modlink's SQL does); {@code $like} patterns use {@code %}, {@code _} and
 * {@code \} as escape; text compares by code point (PostgreSQL's {@code C} collation); in an order,
 * nulls come last ascending and first descending (PostgreSQL's default); then by primary key.
 * The rows returned are new nodes, never the ones given. Immutable and thread-safe.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class InMemoryRead {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final EntityModel model;
  private final ReadRequest request;
  private final Filter filter;
  private final List<FieldModel> fields;
  private final List<SortOrder> order;
  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  private InMemoryRead(EntityModel model, ReadRequest request) {
    this.model = model;
    this.request = request;
    this.filter = Requests.live(model, new FilterParser(model).parse(request.filters()), request.withDeleted());
    this.fields = Requests.projection(model, request.fields());
    this.order = Requests.order(model, request.order());
  }

  /**
   * Validates a request against a model.
   *
   * @throws InvalidDataException naming the unknown field or operator, or the value that does not fit
   */
  public static InMemoryRead of(EntityModel model, ReadRequest request) {
    return new InMemoryRead(Objects.requireNonNull(model, "model"), Objects.requireNonNull(request, "request"));
  }

  /** Whether a row matches the request's filter (soft-deleted rows do not, unless asked for). */
  public boolean matches(ObjectNode row) {
    return test(filter, row);
  }

  /**
   * The request's answer over {@code rows}: the matching rows in order, the page of them, each
   * projected to the requested fields, and the count when asked.
   *
   * @throws InvalidDataException if a row holds a value that does not fit its field
   */
  public ReadResult apply(Collection<? extends ObjectNode> rows) {
    Objects.requireNonNull(rows, "rows");
    List<FieldModel> keys = sortKeys();
    List<Sorted> matched = new ArrayList<>();
    for (ObjectNode row : rows) {
      if (test(filter, row)) {
        Object[] values = new Object[keys.size()];
        for (int i = 0; i < values.length; i++) {
          Object v = value(row, keys.get(i));
          values[i] = v == null ? null : sortable(v);
        }
        matched.add(new Sorted(row, values));
      }
    }
    matched.sort(this::compareRows);
    int from = Math.min(request.skip(), matched.size());
    int to = request.take().map(t -> (int) Math.min((long) from + t, matched.size())).orElse(matched.size());
    List<ObjectNode> page = new ArrayList<>(to - from);
    for (Sorted sorted : matched.subList(from, to)) {
      ObjectNode out = NODES.objectNode();
      for (FieldModel f : fields) {
        JsonNode v = sorted.row.get(f.name());
        out.set(f.name(), v == null ? NODES.nullNode() : v.deepCopy());
      }
      page.add(out);
    }
    return new ReadResult(page, request.withCount() ? (long) matched.size() : null);
  }

  /** A matching row and the values it is ordered by. */
  private record Sorted(ObjectNode row, @Nullable Object[] values) {}

  /** The fields rows are ordered by: the requested order, then the primary key. */
  private List<FieldModel> sortKeys() {
    List<FieldModel> keys = new ArrayList<>();
    for (SortOrder o : order) {
      keys.add(model.field(o.field()).orElseThrow());
    }
    if (!keys.contains(model.primaryKey())) {
      keys.add(model.primaryKey());
    }
    return keys;
  }

  /** Nulls last ascending and first descending, as PostgreSQL orders them. */
  private int compareRows(Sorted a, Sorted b) {
    for (int i = 0; i < a.values.length; i++) {
      boolean descending = i < order.size() && order.get(i).direction() == SortDirection.DESC;
      Object x = a.values[i];
      Object y = b.values[i];
      int c = x == null ? (y == null ? 0 : 1) : y == null ? -1 : compare(x, y);
      if (c != 0) {
        return descending ? -c : c;
      }
    }
    return 0;
  }

  private boolean test(Filter f, ObjectNode row) {
    if (f instanceof Filter.True) {
      return true;
    }
    if (f instanceof Filter.And and) {
      return and.parts().stream().allMatch(p -> test(p, row));
    }
    if (f instanceof Filter.Or or) {
      return or.parts().stream().anyMatch(p -> test(p, row));
    }
    if (f instanceof Filter.IsNull n) {
      return (value(row, n.field()) == null) != n.negated();
    }
    if (f instanceof Filter.In in) {
      if (in.values().isEmpty()) {
        return in.negated(); // as SQL: nothing is in an empty list, everything is outside it
      }
      Object v = value(row, in.field());
      if (v == null) {
        return false;
      }
      boolean found = in.values().stream().anyMatch(x -> compare(v, x) == 0);
      return found != in.negated();
    }
    if (f instanceof Filter.Like like) {
      Object v = value(row, like.field());
      if (v == null) {
        return false;
      }
      String text = v instanceof Enum<?> e ? e.name() : v.toString();
      return like.caseInsensitive()
          ? likePattern(like.pattern().toLowerCase(Locale.ROOT)).matcher(text.toLowerCase(Locale.ROOT)).matches()
          : likePattern(like.pattern()).matcher(text).matches();
    }
    Filter.Compare c = (Filter.Compare) f;
    Object v = value(row, c.field());
    if (v == null) {
      return c.op() == Filter.Op.NE;
    }
    int cmp = compare(v, c.value());
    return switch (c.op()) {
      case EQ -> cmp == 0;
      case NE -> cmp != 0;
      case GT -> cmp > 0;
      case GTE -> cmp >= 0;
      case LT -> cmp < 0;
      case LTE -> cmp <= 0;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    Object x = sortable(a);
    Object y = sortable(b);
    if (x instanceof Comparable cx && x.getClass() == y.getClass()) {
      return cx.compareTo(y);
    }
    return x.equals(y) ? 0 : x.toString().compareTo(y.toString());
  }

  /** Enums compare by name and UUIDs as text, as SQL compares the stored values. */
  private static Object sortable(Object value) {
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof java.util.UUID u) {
      return u.toString();
    }
    return value;
  }

  /** The row's value of a field, as the field's Java type (what filters were converted to). */
  private static @Nullable Object value(ObjectNode row, FieldModel field) {
    JsonNode node = row.get(field.name());
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isContainerNode() || node.isBinary() || node.isPojo()) {
      return node;
    }
    Object scalar = node.isIntegralNumber() ? (Object) node.bigIntegerValue() : node.isNumber() ? node.decimalValue()
        : node.isBoolean() ? node.booleanValue() : node.asText();
    return Values.convert(field, scalar, "a row's " + field.name());
  }

  private Pattern likePattern(String like) {
    return patterns.computeIfAbsent(like, InMemoryRead::compile);
  }

  private static Pattern compile(String like) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < like.length(); i++) {
      char ch = like.charAt(i);
      if (ch == '\\' && i + 1 < like.length()) {
        regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
      } else if (ch == '%') {
        regex.append(".*");
      } else if (ch == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(ch)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
