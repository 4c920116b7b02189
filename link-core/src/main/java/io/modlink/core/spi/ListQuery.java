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
      filters.put(Objects.requireNonNull(field, "field"), condition);
      return this;
    }

    /** Adds every entry of a filter map. */
    public Builder filters(Map<String, ?> map) {
      Objects.requireNonNull(map, "map").forEach(this::filter);
      return this;
    }

    /** Keeps records whose searchable fields contain {@code text}, ignoring case; blank text is ignored. */
    public Builder q(String text) {
      Objects.requireNonNull(text, "text");
      if (q != null) {
        throw new IllegalStateException("q was already set to '" + q + "'");
      }
      this.q = text.isBlank() ? null : text.strip();
      return this;
    }

    /** Orders by a field; repeatable, the first given sorts first. */
    public Builder orderBy(String field, SortDirection direction) {
      order.add(new SortOrder(field, direction));
      return this;
    }

    /**
     * Skips the first {@code rows} records.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder skip(int rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("skip must be 0 or more, got " + rows);
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
     * @throws IllegalArgumentException if negative
     */
    public Builder take(int rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("take must be 0 or more, got " + rows);
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
