package io.modlink.core.spi;

import io.modlink.core.error.InvalidDataException;
import io.modlink.core.internal.naming.DidYouMean;
import io.modlink.core.internal.store.Values;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What a module's list service returns: filters, a free-text search, an order and a page. The
 * shared query type of the shipped modules' {@code list} and {@code listAndCount}, and of any
 * plugin module that wants the same shape.
 *
 * <pre>{@code
 * ListQuery.builder()
 *     .filter("type", "publishable")                   // the filter shapes of ReadRequest
 *     .filter("revoked_at", null)                       // not revoked
 *     .q("storefront")                                  // the service's searchable fields contain it
 *     .orderBy("created_at", SortDirection.DESC)
 *     .skip(0).take(20)
 *     .build();
 * }</pre>
 *
 * <ul>
 *   <li>Filters take the shapes of {@link ReadRequest} (Medusa's): a value (equality), {@code null},
 *       a list ({@code $in}), operator maps ({@code $ne}, {@code $gt}, {@code $ilike}, ...),
 *       {@code $and} / {@code $or}. Field names are the snake-case fields of the entity.
 *   <li>{@code q} keeps the records whose searchable fields (chosen by the service) contain the
 *       text, ignoring case ({@code %} and {@code _} in it are {@code LIKE} wildcards, as in Medusa).
 *   <li>Rows come in the requested order, then by id; no limit unless {@code take} is given.
 *   <li>Soft-deleted records are left out unless {@link Builder#withDeleted()}.
 * </ul>
 * Immutable. Unknown fields, operators and values that do not fit are rejected by the store with
 * an {@code invalid_data} error naming the path.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ListQuery {
  private static final ListQuery ALL = builder().build();

  private final Map<String, @Nullable Object> filters;
  private final @Nullable String q;
  private final List<SortOrder> order;
  private final int skip;
  private final @Nullable Integer take;
  private final boolean withDeleted;

  private ListQuery(Builder b) {
    this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(b.filters));
    this.q = b.q;
    this.order = List.copyOf(b.order);
    this.skip = b.skip;
    this.take = b.take;
    this.withDeleted = b.withDeleted;
  }

  /** Every record that is not deleted, in id order. */
  public static ListQuery all() {
    return ALL;
  }

  /** Starts a query: no filter, no search, no order, no limit. */
  public static Builder builder() {
    return new Builder();
  }

  /** The filter map; empty means no condition. */
  public Map<String, @Nullable Object> filters() {
    return filters;
  }

  /** The free-text search, if any. */
  public Optional<String> q() {
    return Optional.ofNullable(q);
  }

  /** The order, first record first; rows are then ordered by id. */
  public List<SortOrder> order() {
    return order;
  }

  /** The records to skip, 0 by default. */
  public int skip() {
    return skip;
  }

  /** The most records to return, or empty for no limit. */
  public Optional<Integer> take() {
    return Optional.ofNullable(take);
  }

  /** Whether soft-deleted records are included. */
  public boolean withDeleted() {
    return withDeleted;
  }

  /**
   * The store read of this query.
   *
   * @param fields the fields to return (empty for all)
   * @param count whether to count the matching rows
   * @param searchFields the fields that {@link #q()} searches, case-insensitively
   */
  public ReadRequest toReadRequest(List<String> fields, boolean count, List<String> searchFields) {
    ReadRequest.Builder read = ReadRequest.builder().fields(fields).skip(skip);
    Map<String, Object> search = q == null || searchFields.isEmpty() ? null : Map.of("$or", searchFields.stream()
        .map(f -> (Object) Map.of(f, Map.of("$ilike", "%" + q + "%"))).toList());
    if (search == null) {
      read.filters(filters);
    } else if (filters.isEmpty()) {
      read.filters(search);
    } else {
      read.filter("$and", List.of(filters, search));
    }
    order.forEach(o -> read.orderBy(o.field(), o.direction()));
    if (take != null) {
      read.take(take);
    }
    if (count) {
      read.withCount();
    }
    if (withDeleted) {
      read.withDeleted();
    }
    return read.build();
  }

  /**
   * Checks the query against what a service answers: every field named in a filter (at any depth
   * of {@code $and} / {@code $or}) or in the order is one of {@code fields}, and no text of a filter
   * or of the search holds a NUL character ({@code \u0000}), which databases cannot store or
   * compare. A service calls it before reading, so that fields it keeps to itself (a salt) cannot be
   * filtered on through it.
   *
   * @param fields the fields the service returns and lets callers filter and order by
   * @param entity the entity's name, for messages
   * @return this query
   * @throws InvalidDataException naming the first field or text that does not fit
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.1")
  public ListQuery checkFields(Collection<String> fields, String entity) {
    if (q != null) {
      checkText(q, "q");
    }
    record Part(String path, @Nullable Object value, int level) {}   // level: 0 filter map, 1 $and/$or list, 2 value
    Deque<Part> todo = new ArrayDeque<>();
    todo.push(new Part("filters", filters, 0));
    while (!todo.isEmpty()) {
      Part part = todo.pop();
      Object value = part.value();
      if (part.level() == 0 && value instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!(e.getKey() instanceof String key)) {
            throw new InvalidDataException("filter key " + e.getKey() + " in " + part.path() + " of " + entity
                + " is not text; give a field name, $and or $or");
          }
          String path = part.path() + "." + key;
          if (key.equals("$and") || key.equals("$or")) {
            todo.push(new Part(path, e.getValue(), 1));
          } else if (!key.startsWith("$") && !fields.contains(key)) {
            throw new InvalidDataException("unknown field '" + key + "' at " + path + " on " + entity
                + DidYouMean.hint(key, fields) + "; known fields: " + String.join(", ", fields));
          } else {
            todo.push(new Part(path, e.getValue(), 2));
          }
        }
      } else if (part.level() == 1 && value instanceof Collection<?> list) {
        int i = 0;
        for (Object item : list) {
          todo.push(new Part(part.path() + "[" + i++ + "]", item, 0));
        }
      } else if (part.level() == 2) {
        if (value instanceof CharSequence text) {
          checkText(text.toString(), part.path());
        } else if (value instanceof Collection<?> list) {
          int i = 0;
          for (Object item : list) {
            todo.push(new Part(part.path() + "[" + i++ + "]", item, 2));
          }
        } else if (value instanceof Map<?, ?> map) {
          map.forEach((k, v) -> todo.push(new Part(part.path() + "." + k, v, 2)));
        }
      }
    }
    for (SortOrder o : order) {
      if (!fields.contains(o.field())) {
        throw new InvalidDataException("unknown field '" + o.field() + "' in order of " + entity
            + DidYouMean.hint(o.field(), fields) + "; known fields: " + String.join(", ", fields));
      }
    }
    return this;
  }

  private static void checkText(String text, String path) {
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw new InvalidDataException(path + " holds a NUL character (\\u0000) at index " + nul + ", which databases"
          + " cannot store or compare; remove it");
    }
  }

  /** Builds an {@link ListQuery}. Filters and orders accumulate; the other options may be set once. Not thread-safe. */
  public static final class Builder {
    private final Map<String, @Nullable Object> filters = new LinkedHashMap<>();
    private @Nullable String q;
    private final List<SortOrder> order = new ArrayList<>();
    private int skip;
    private boolean skipSet;
    private @Nullable Integer take;
    private boolean withDeleted;

    private Builder() {}

    /** Adds one filter entry: a field (or {@code $and} / {@code $or}) and its condition. */
    public Builder filter(String field, @Nullable Object condition) {
      if (field == null) {
        throw new InvalidDataException("a filter names no field (null); give a field name, $and or $or");
      }
      filters.put(field, condition);
      return this;
    }

    /** Adds every entry of a filter map. */
    public Builder filters(Map<String, ?> map) {
      if (map == null) {
        throw new InvalidDataException("the filter map is null; give a map of fields to conditions");
      }
      map.forEach(this::filter);
      return this;
    }

    /**
     * Keeps records whose searchable fields contain {@code text}, ignoring case; blank text is ignored.
     *
     * @throws InvalidDataException if the text holds the NUL character (U+0000), which databases do
     *     not store
     */
    public Builder q(String text) {
      if (text == null) {
        throw new InvalidDataException("the search text q is null; give a text, or leave q out");
      }
      Values.checkText(text, "q");
      if (q != null) {
        throw new IllegalStateException("q was already set to '" + q + "'");
      }
      this.q = text.isBlank() ? null : text.strip();
      return this;
    }

    /** Orders by a field; repeatable, the first given sorts first. */
    public Builder orderBy(String field, SortDirection direction) {
      if (field == null || direction == null) {
        throw new InvalidDataException("an order needs a field and a direction, got " + field + " " + direction);
      }
      order.add(new SortOrder(field, direction));
      return this;
    }

    /**
     * Skips the first {@code rows} records.
     *
     * @throws InvalidDataException if negative
     */
    public Builder skip(int rows) {
      if (rows < 0) {
        throw new InvalidDataException("skip must be 0 or more, got " + rows);
      }
      if (skipSet) {
        throw new IllegalStateException("skip was already set to " + skip);
      }
      this.skipSet = true;
      this.skip = rows;
      return this;
    }

    /**
     * Returns at most {@code rows} records.
     *
     * @throws InvalidDataException if negative
     */
    public Builder take(int rows) {
      if (rows < 0) {
        throw new InvalidDataException("take must be 0 or more, got " + rows);
      }
      if (take != null) {
        throw new IllegalStateException("take was already set to " + take);
      }
      this.take = rows;
      return this;
    }

    /** Includes soft-deleted records. */
    public Builder withDeleted() {
      this.withDeleted = true;
      return this;
    }

    /** The query. */
    public ListQuery build() {
      return new ListQuery(this);
    }
  }
}
