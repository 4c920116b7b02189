package io.modlink.core.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A batched read by key, as the query planner asks it of a store for one hop of a graph query: the
 * rows whose {@link #keyField()} is one of {@link #keys()}, restricted by a filter, with a
 * projection and an order.
 *
 * <p>The planner gathers the join keys of <em>all</em> the parents of a hop, de-duplicates them and
 * asks once: for {@code api_key -> sales_channels} it asks the link store for the link rows whose
 * {@code publishable_key_id} is one of the keys' ids, then the sales channel store for the channels
 * whose {@code id} is one of the linked ids.
 *
 * <ul>
 *   <li>{@link #keys()}: distinct, never null, never empty; values as rows render them (a string, or
 *       a {@code Long} for an integer field); a store converts them to its field's type.
 *   <li>{@link #filters()}: further conditions, in the language of {@link ReadRequest}; empty means none.
 *   <li>{@link #fields()}: the projection; empty means every field that is not hidden. The key field is returned whether
 *       named or not; the primary key when named (a store may return it anyway), so that a link
 *       table's rows can be read as bare key pairs.
 *   <li>{@link #order()}: the order of the rows, then by primary key; the planner keeps it within each
 *       parent's list. Empty means the caller needs no order (a store may still order).
 *   <li>{@link #perKeyLimit()}: a hint: the planner keeps at most this many rows per key value (in
 *       the requested order) and drops the rest. A store may return only those, or all.
 * </ul>
 *
 * <p>{@link #toReadRequest()} expresses the same read as a {@link ReadRequest} (the keys as an
 * {@code $in} condition), which is what {@link EntityStore#readByKeys} does unless a store overrides it.
 * Immutable; build with {@link #builder(String, Collection)}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class KeyedReadRequest {
  private final String keyField;
  private final List<Object> keys;
  private final Map<String, @Nullable Object> filters;
  private final List<String> fields;
  private final List<SortOrder> order;
  private final boolean withDeleted;
  private final @Nullable Integer perKeyLimit;

  private KeyedReadRequest(Builder b) {
    this.keyField = b.keyField;
    this.keys = Collections.unmodifiableList(new ArrayList<>(b.keys));
    this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(b.filters));
    this.fields = List.copyOf(b.fields);
    this.order = List.copyOf(b.order);
    this.withDeleted = b.withDeleted;
    this.perKeyLimit = b.perKeyLimit;
  }

  /**
   * Starts a request for the rows whose {@code keyField} is one of {@code keys}.
   *
   * @param keyField the snake-case field the keys are values of, e.g. {@code id}
   * @param keys the key values; duplicates are dropped
   * @throws IllegalArgumentException if {@code keys} is empty or holds null
   */
  public static Builder builder(String keyField, Collection<?> keys) {
    return new Builder(keyField, keys);
  }

  /** The field the keys are values of. */
  public String keyField() {
    return keyField;
  }

  /** The key values: distinct, not null, at least one. */
  public List<Object> keys() {
    return keys;
  }

  /** Further conditions (see {@link ReadRequest}); empty means none. */
  public Map<String, @Nullable Object> filters() {
    return filters;
  }

  /** The fields to return; empty means every field that is not hidden. The key field is always returned, the primary key when named. */
  public List<String> fields() {
    return fields;
  }

  /** The order of the rows, then by primary key; empty when the caller needs none. */
  public List<SortOrder> order() {
    return order;
  }

  /** Whether soft-deleted rows are included. */
  public boolean withDeleted() {
    return withDeleted;
  }

  /** At most this many rows per key value are kept by the caller (a hint, see the class comment). */
  public Optional<Integer> perKeyLimit() {
    return Optional.ofNullable(perKeyLimit);
  }

  /**
   * The same read as one {@link ReadRequest}: {@code {"$and": [filters, {keyField: {"$in": keys}}]}}
   * (just the key condition without filters), the fields plus the key field, the order, and
   * {@code withDeleted}. The per-key limit is not expressed.
   */
  public ReadRequest toReadRequest() {
    Map<String, Object> byKey = Map.of(keyField, Map.of("$in", keys));
    ReadRequest.Builder b = ReadRequest.builder();
    if (filters.isEmpty()) {
      b.filters(byKey);
    } else {
      b.filter("$and", List.of(filters, byKey));
    }
    if (!fields.isEmpty()) {
      b.fields(fields);
      if (!fields.contains(keyField)) {
        b.fields(keyField);
      }
    }
    order.forEach(o -> b.orderBy(o.field(), o.direction()));
    if (withDeleted) {
      b.withDeleted();
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "KeyedReadRequest[" + keyField + " in " + keys.size() + " keys" + (filters.isEmpty() ? "" : ", filters "
        + filters) + (fields.isEmpty() ? "" : ", fields " + fields) + (order.isEmpty() ? "" : ", order " + order)
        + (perKeyLimit == null ? "" : ", per key " + perKeyLimit) + (withDeleted ? ", with deleted" : "") + "]";
  }

  /** Builds a {@link KeyedReadRequest}. Not thread-safe. */
  public static final class Builder {
    private final String keyField;
    private final LinkedHashSet<Object> keys;
    private final Map<String, @Nullable Object> filters = new LinkedHashMap<>();
    private final List<String> fields = new ArrayList<>();
    private final List<SortOrder> order = new ArrayList<>();
    private boolean withDeleted;
    private @Nullable Integer perKeyLimit;

    private Builder(String keyField, Collection<?> keys) {
      this.keyField = Objects.requireNonNull(keyField, "keyField");
      Objects.requireNonNull(keys, "keys");
      if (keys.isEmpty()) {
        throw new IllegalArgumentException("a read by keys needs at least one key of " + keyField);
      }
      this.keys = new LinkedHashSet<>(keys.size() * 2);
      for (Object k : keys) {
        if (k == null) {
          throw new IllegalArgumentException("null among the keys of " + keyField + "; pass only values");
        }
        this.keys.add(k);
      }
    }

    /** Adds every entry of a filter map (see {@link ReadRequest}). */
    public Builder filters(Map<String, ?> map) {
      Objects.requireNonNull(map, "map").forEach((k, v) -> filters.put(Objects.requireNonNull(k, "key"), v));
      return this;
    }

    public Builder fields(String... names) {
      return fields(List.of(names));
    }

    public Builder fields(List<String> names) {
      fields.addAll(names);
      return this;
    }

    public Builder orderBy(String field, SortDirection direction) {
      order.add(new SortOrder(field, direction));
      return this;
    }

    public Builder withDeleted() {
      this.withDeleted = true;
      return this;
    }

    /** @throws IllegalArgumentException if less than 1 */
    public Builder perKeyLimit(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("perKeyLimit must be 1 or more, got " + rows);
      }
      this.perKeyLimit = rows;
      return this;
    }

    public KeyedReadRequest build() {
      return new KeyedReadRequest(this);
    }
  }
}
