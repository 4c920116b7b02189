package io.modlink.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What to read from an {@link EntityStore}: a filter, a projection, an order, a page, whether to
 * count, and whether to include soft-deleted rows.
 *
 * <h2>Filters</h2>
 * A filter is a map from snake-case field names (or {@code $and} / {@code $or}) to conditions, in
 * the shape Medusa uses; entries are combined with AND:
 * <ul>
 *   <li>{@code "title": "Web"} equality; {@code "title": null} is null; {@code "id": List.of(a, b)} is {@code $in}
 *   <li>{@code "title": Map.of("$ne", "Web")}; operators {@code $eq, $ne, $in, $nin, $gt, $gte, $lt,
 *       $lte, $like, $ilike, $exists}; {@code $eq}/{@code $ne} with null test for null
 *   <li>{@code "$or": List.of(Map.of(...), Map.of(...))}, {@code "$and": List.of(...)}
 * </ul>
 * Unknown fields and operators, and values of the wrong type, are rejected with an
 * {@code invalid_data} error naming the path, before any SQL runs.
 *
 * <h2>Projection</h2>
 * {@link #fields()} empty means every field that is not {@linkplain io.modlink.core.module.FieldModel#hidden()
 * hidden} (a hidden field is read only when named); the primary key is always returned.
 *
 * <p>Immutable; build with {@link #builder()}. {@link #all()} reads every live row.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ReadRequest {
  private static final ReadRequest ALL = builder().build();

  private final Map<String, @Nullable Object> filters;
  private final List<String> fields;
  private final List<SortOrder> order;
  private final int skip;
  private final @Nullable Integer take;
  private final boolean withCount;
  private final boolean withDeleted;

  private ReadRequest(Builder b) {
    this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(b.filters));
    this.fields = List.copyOf(b.fields);
    this.order = List.copyOf(b.order);
    this.skip = b.skip;
    this.take = b.take;
    this.withCount = b.withCount;
    this.withDeleted = b.withDeleted;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every live row, every field. */
  public static ReadRequest all() {
    return ALL;
  }

  /** The filter map (see the class comment); empty means no condition. */
  public Map<String, @Nullable Object> filters() {
    return filters;
  }

  /** The fields to return; empty means every field that is not hidden. */
  public List<String> fields() {
    return fields;
  }

  public List<SortOrder> order() {
    return order;
  }

  /** Rows to skip, 0 by default. */
  public int skip() {
    return skip;
  }

  /** The most rows to return, or empty for no limit. */
  public Optional<Integer> take() {
    return Optional.ofNullable(take);
  }

  /** Whether the total number of matching rows (ignoring skip/take) is counted. */
  public boolean withCount() {
    return withCount;
  }

  /** Whether soft-deleted rows are included. */
  public boolean withDeleted() {
    return withDeleted;
  }

  /** Builds a {@link ReadRequest}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, @Nullable Object> filters = new LinkedHashMap<>();
    private final List<String> fields = new ArrayList<>();
    private final List<SortOrder> order = new ArrayList<>();
    private int skip;
    private @Nullable Integer take;
    private boolean withCount;
    private boolean withDeleted;

    private Builder() {}

    /** Adds one filter entry: a field (or {@code $and}/{@code $or}) and its condition. */
    public Builder filter(String key, @Nullable Object condition) {
      filters.put(Objects.requireNonNull(key, "key"), condition);
      return this;
    }

    /** Adds every entry of a filter map. */
    public Builder filters(Map<String, ?> map) {
      Objects.requireNonNull(map, "map").forEach(this::filter);
      return this;
    }

    /** Restricts the returned fields (the primary key is always returned). */
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

    /** @throws IllegalArgumentException if negative */
    public Builder skip(int rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("skip must be 0 or more, got " + rows);
      }
      this.skip = rows;
      return this;
    }

    /** @throws IllegalArgumentException if negative */
    public Builder take(int rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("take must be 0 or more, got " + rows);
      }
      this.take = rows;
      return this;
    }

    public Builder withCount() {
      this.withCount = true;
      return this;
    }

    public Builder withDeleted() {
      this.withDeleted = true;
      return this;
    }

    public ReadRequest build() {
      return new ReadRequest(this);
    }
  }
}
