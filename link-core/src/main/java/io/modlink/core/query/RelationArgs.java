package io.modlink.core.query;

import io.modlink.core.spi.SortDirection;
import io.modlink.core.spi.SortOrder;
import io.modlink.core.error.InvalidDataException;
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
 * Arguments of one nested relation of a {@link GraphQuery}: a filter on the related records, their
 * order, and a limit per parent. Unlike a filter on a linked path of the root, these narrow the
 * nested list itself, not the root rows.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class RelationArgs {
  private final Map<String, @Nullable Object> filters;
  private final List<SortOrder> order;
  private final @Nullable Integer limit;

  private RelationArgs(Map<String, @Nullable Object> filters, List<SortOrder> order, @Nullable Integer limit) {
    this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
    this.order = List.copyOf(order);
    this.limit = limit;
  }

  static RelationArgs none() {
    return new RelationArgs(Map.of(), List.of(), null);
  }

  public Map<String, @Nullable Object> filters() {
    return filters;
  }

  public List<SortOrder> order() {
    return order;
  }

  /** The most related records per parent, if limited. */
  public Optional<Integer> limit() {
    return Optional.ofNullable(limit);
  }

  /** Sets the arguments of one relation; used inside {@link GraphQuery.Builder#relation}. */
  public static final class Builder {
    private final Map<String, @Nullable Object> filters = new LinkedHashMap<>();
    private final List<SortOrder> order = new ArrayList<>();
    private @Nullable Integer limit;
    private final String path;

    Builder(String path) {
      this.path = GraphQuery.shown(path);
    }

    /**
     * Keeps only related records matching this filter (same operators as a root filter).
     *
     * @throws InvalidDataException if {@code filter} is null
     */
    public Builder filters(Map<String, ?> filter) {
      if (filter == null) {
        throw new InvalidDataException("filters of relation " + path + " is null; pass a filter map");
      }
      filters.putAll(filter);
      return this;
    }

    /**
     * Orders the related records of each parent; repeatable.
     *
     * @throws InvalidDataException if {@code field} or {@code direction} is null
     */
    public Builder order(String field, SortDirection direction) {
      order.add(GraphQuery.sortOrder(field, direction, "relation(" + path + ").order"));
      return this;
    }

    /**
     * As {@link #order(String, SortDirection)}, with the direction as text: {@code ASC} or
     * {@code DESC}, in any case.
     *
     * @throws InvalidDataException if {@code direction} is neither
     */
    public Builder order(String field, String direction) {
      return order(field, GraphQuery.direction(field, direction, "relation(" + path + ").order"));
    }

    /**
     * At most {@code n} related records per parent.
     *
     * @throws InvalidDataException if negative
     */
    public Builder limit(int n) {
      if (n < 0) {
        throw new InvalidDataException("limit of relation " + path + " must be 0 or more, got " + n);
      }
      this.limit = n;
      return this;
    }

    RelationArgs build() {
      return new RelationArgs(filters, order, limit);
    }
  }
}
