package io.modlink.core.query;

import io.modlink.core.spi.SortDirection;
import io.modlink.core.spi.SortOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A graph query: an entry point, field paths across links, filters, a page, and options.
 *
 * <pre>{@code
 * GraphQuery q = GraphQuery.entity("api_key")
 *     .fields("id", "title", "sales_channels.*")
 *     .filters(Map.of("sales_channels", Map.of("name", "Web")))   // keys that have a Web channel
 *     .take(20).order("created_at", SortDirection.DESC)
 *     .build();
 * }</pre>
 *
 * <h2>Fields</h2>
 * {@code *} is every own field; {@code title} one field; {@code sales_channels.*} every field of
 * the related records; {@code sales_channels.name} one; paths nest to any depth up to the depth
 * limit. A bare relation name means {@code relation.*}. No fields means {@code *}. Every object
 * carries its primary key whether asked or not.
 *
 * <h2>Filters</h2>
 * The operators of {@link io.modlink.core.spi.ReadRequest}; a key naming a relation
 * ({@code {"sales_channels": {"name": "Web"}}}) keeps the root rows that have a matching related
 * record (a semi-join), and leaves the nested list unfiltered. Use {@link Builder#relation} to
 * filter a nested list.
 *
 * <p>Immutable and thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class GraphQuery {
  /** The default limit of relation hops in one path. */
  public static final int DEFAULT_MAX_DEPTH = 5;

  private final String entity;
  private final List<String> fields;
  private final Map<String, @Nullable Object> filters;
  private final int skip;
  private final @Nullable Integer take;
  private final List<SortOrder> order;
  private final Map<String, RelationArgs> relations;
  private final boolean withDeleted;
  private final boolean withCount;
  private final boolean throwIfKeyNotFound;
  private final boolean throwIfRelationNotFound;
  private final int maxDepth;
  private final Strategy strategy;

  private GraphQuery(Builder b) {
    this.entity = b.entity;
    this.fields = List.copyOf(b.fields);
    this.filters = Collections.unmodifiableMap(new LinkedHashMap<>(b.filters));
    this.skip = b.skip;
    this.take = b.take;
    this.order = List.copyOf(b.order);
    Map<String, RelationArgs> rel = new LinkedHashMap<>();
    b.relations.forEach((k, v) -> rel.put(k, v.build()));
    this.relations = Collections.unmodifiableMap(rel);
    this.withDeleted = b.withDeleted;
    this.withCount = b.withCount;
    this.throwIfKeyNotFound = b.throwIfKeyNotFound;
    this.throwIfRelationNotFound = b.throwIfRelationNotFound;
    this.maxDepth = b.maxDepth;
    this.strategy = b.strategy;
  }

  /** Starts a query at an entity (name or plural alias) or at a link's entry point. */
  public static Builder entity(String entity) {
    return new Builder(Objects.requireNonNull(entity, "entity"));
  }

  public String entity() {
    return entity;
  }

  /** The field paths; empty means {@code *}. */
  public List<String> fields() {
    return fields;
  }

  public Map<String, @Nullable Object> filters() {
    return filters;
  }

  public int skip() {
    return skip;
  }

  public Optional<Integer> take() {
    return Optional.ofNullable(take);
  }

  public List<SortOrder> order() {
    return order;
  }

  /** Per-relation arguments, keyed by relation path ({@code sales_channels}, {@code a.b}). */
  public Map<String, RelationArgs> relations() {
    return relations;
  }

  public boolean withDeleted() {
    return withDeleted;
  }

  /** Whether a count of the root rows is returned: when asked, and whenever a page is asked. */
  public boolean withCount() {
    return withCount || take != null || skip > 0;
  }

  public boolean throwIfKeyNotFound() {
    return throwIfKeyNotFound;
  }

  public boolean throwIfRelationNotFound() {
    return throwIfRelationNotFound;
  }

  public int maxDepth() {
    return maxDepth;
  }

  /** The execution strategy; {@link Strategy#AUTO} by default. */
  public Strategy strategy() {
    return strategy;
  }

  @Override
  public String toString() {
    return "GraphQuery[" + entity + " " + fields + (filters.isEmpty() ? "" : " where " + filters) + "]";
  }

  /** Builds a {@link GraphQuery}. Not thread-safe. */
  public static final class Builder {
    private final String entity;
    private final List<String> fields = new ArrayList<>();
    private final Map<String, @Nullable Object> filters = new LinkedHashMap<>();
    private int skip;
    private @Nullable Integer take;
    private final List<SortOrder> order = new ArrayList<>();
    private final Map<String, RelationArgs.Builder> relations = new LinkedHashMap<>();
    private boolean withDeleted;
    private boolean withCount;
    private boolean throwIfKeyNotFound;
    private boolean throwIfRelationNotFound;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private Strategy strategy = Strategy.AUTO;

    private Builder(String entity) {
      this.entity = entity;
    }

    public Builder fields(String... paths) {
      return fields(List.of(paths));
    }

    public Builder fields(List<String> paths) {
      fields.addAll(paths);
      return this;
    }

    /** Adds filter entries (own fields, {@code $and}/{@code $or}, or relation names for a semi-join). */
    public Builder filters(Map<String, ?> filter) {
      filters.putAll(Objects.requireNonNull(filter, "filter"));
      return this;
    }

    public Builder skip(int rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("skip must be 0 or more, got " + rows);
      }
      this.skip = rows;
      return this;
    }

    public Builder take(int rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("take must be 0 or more, got " + rows);
      }
      this.take = rows;
      return this;
    }

    public Builder order(String field, SortDirection direction) {
      order.add(new SortOrder(Objects.requireNonNull(field, "field"), Objects.requireNonNull(direction, "direction")));
      return this;
    }

    /** Arguments of one nested relation, by its path from the root ({@code sales_channels}). */
    public Builder relation(String path, Consumer<RelationArgs.Builder> args) {
      args.accept(relations.computeIfAbsent(Objects.requireNonNull(path, "path"), p -> new RelationArgs.Builder()));
      return this;
    }

    public Builder withDeleted() {
      this.withDeleted = true;
      return this;
    }

    public Builder withCount() {
      this.withCount = true;
      return this;
    }

    /** Fails with {@code not_found} when a primary key named in the root filter matches no record. */
    public Builder throwIfKeyNotFound() {
      this.throwIfKeyNotFound = true;
      return this;
    }

    /** Fails with {@code not_found} when a link row points to a record that does not exist. */
    public Builder throwIfRelationNotFound() {
      this.throwIfRelationNotFound = true;
      return this;
    }

    /** The most relation hops in one path (default {@value GraphQuery#DEFAULT_MAX_DEPTH}). */
    public Builder maxDepth(int depth) {
      if (depth < 1) {
        throw new IllegalArgumentException("maxDepth must be at least 1, got " + depth);
      }
      this.maxDepth = depth;
      return this;
    }

    /** Forces a strategy (for comparisons and benchmarks); {@link Strategy#AUTO} by default. */
    public Builder strategy(Strategy value) {
      this.strategy = Objects.requireNonNull(value, "value");
      return this;
    }

    public GraphQuery build() {
      return new GraphQuery(this);
    }
  }
}
