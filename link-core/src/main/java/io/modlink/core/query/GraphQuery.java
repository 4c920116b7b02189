package io.modlink.core.query;

import io.modlink.core.spi.SortDirection;
import io.modlink.core.spi.SortOrder;
import io.modlink.core.error.InvalidDataException;
import java.util.ArrayList;
import java.util.Arrays;
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
  /** The highest {@link Builder#maxDepth} accepted: no path may go more relations deep than this. */
  public static final int DEPTH_LIMIT = 32;

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

  /**
   * Starts a query at an entity (name or plural alias) or at a link's entry point.
   *
   * @throws InvalidDataException if {@code entity} is null (an unknown name is refused when the
   *     query is planned)
   */
  public static Builder entity(String entity) {
    if (entity == null) {
      throw new InvalidDataException("entity is null; name an entity (e.g. api_key), its plural alias or a link's"
          + " entry point");
    }
    return new Builder(entity);
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

  /**
   * Builds a {@link GraphQuery}. Not thread-safe. Each method refuses what can never be right (a
   * null, a negative page) with an {@link InvalidDataException}; names and filters are checked
   * against the registry when the query is planned.
   */
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

    /**
     * Adds field paths.
     *
     * @throws InvalidDataException if the array or one of its paths is null
     */
    public Builder fields(String... paths) {
      if (paths == null) {
        throw new InvalidDataException("fields is null; pass field paths such as \"*\" or \"sales_channels.name\"");
      }
      return fields(Arrays.asList(paths));
    }

    /**
     * Adds field paths.
     *
     * @throws InvalidDataException if the list or one of its paths is null
     */
    public Builder fields(List<String> paths) {
      if (paths == null) {
        throw new InvalidDataException("fields is null; pass field paths such as \"*\" or \"sales_channels.name\"");
      }
      int i = fields.size();
      for (String path : paths) {
        if (path == null) {
          throw new InvalidDataException("null field path at fields[" + i + "] of " + entity + "; use '*', a field,"
              + " or 'relation.*'");
        }
        i++;
      }
      fields.addAll(paths);
      return this;
    }

    /**
     * Adds filter entries (own fields, {@code $and}/{@code $or}, or relation names for a semi-join).
     *
     * @throws InvalidDataException if {@code filter} is null
     */
    public Builder filters(Map<String, ?> filter) {
      if (filter == null) {
        throw new InvalidDataException("filters is null; pass a filter map, e.g. {\"id\": \"...\"}");
      }
      filters.putAll(filter);
      return this;
    }

    /** @throws InvalidDataException if negative */
    public Builder skip(int rows) {
      if (rows < 0) {
        throw new InvalidDataException("skip must be 0 or more, got " + rows);
      }
      this.skip = rows;
      return this;
    }

    /** @throws InvalidDataException if negative */
    public Builder take(int rows) {
      if (rows < 0) {
        throw new InvalidDataException("take must be 0 or more, got " + rows);
      }
      this.take = rows;
      return this;
    }

    /**
     * Orders the root records by a field; repeatable. The field is checked when the query is
     * planned.
     *
     * @throws InvalidDataException if {@code field} or {@code direction} is null
     */
    public Builder order(String field, SortDirection direction) {
      order.add(sortOrder(field, direction, "order"));
      return this;
    }

    /**
     * As {@link #order(String, SortDirection)}, with the direction as text, as Medusa takes it:
     * {@code ASC} or {@code DESC}, in any case.
     *
     * @throws InvalidDataException if {@code direction} is neither
     */
    public Builder order(String field, String direction) {
      return order(field, direction(field, direction, "order"));
    }

    /**
     * Arguments of one nested relation, by its path from the root ({@code sales_channels}); the
     * path must be among the field paths, which the planner checks.
     *
     * @throws InvalidDataException if {@code path} or {@code args} is null
     */
    public Builder relation(String path, Consumer<RelationArgs.Builder> args) {
      if (path == null || args == null) {
        throw new InvalidDataException("relation(" + shown(path) + ", " + (args == null ? "null" : "args") + "): name a"
            + " relation path among the fields (e.g. \"sales_channels\") and give its arguments");
      }
      args.accept(relations.computeIfAbsent(path, p -> new RelationArgs.Builder(p)));
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

    /**
     * The most relation hops in one path (default {@value GraphQuery#DEFAULT_MAX_DEPTH}).
     *
     * @throws InvalidDataException unless from 1 to {@value GraphQuery#DEPTH_LIMIT}
     */
    public Builder maxDepth(int depth) {
      if (depth < 1 || depth > DEPTH_LIMIT) {
        throw new InvalidDataException("maxDepth must be from 1 to " + DEPTH_LIMIT + ", got " + depth);
      }
      this.maxDepth = depth;
      return this;
    }

    /** Forces a strategy (for comparisons and benchmarks); {@link Strategy#AUTO} by default. */
    public Builder strategy(Strategy value) {
      if (value == null) {
        throw new InvalidDataException("strategy is null; use Strategy.AUTO, FEDERATED or PUSH_DOWN");
      }
      this.strategy = value;
      return this;
    }

    public GraphQuery build() {
      return new GraphQuery(this);
    }
  }

  static SortOrder sortOrder(String field, SortDirection direction, String where) {
    if (field == null) {
      throw new InvalidDataException("null field in " + where + "; name a field to order by, e.g. created_at");
    }
    if (direction == null) {
      throw new InvalidDataException("null direction in " + where + " by '" + shown(field) + "'; use SortDirection.ASC or"
          + " SortDirection.DESC");
    }
    return new SortOrder(field, direction);
  }

  static SortDirection direction(String field, String direction, String where) {
    if (direction != null) {
      for (SortDirection d : SortDirection.values()) {
        if (d.name().equalsIgnoreCase(direction.strip())) {
          return d;
        }
      }
    }
    throw new InvalidDataException("unknown direction " + (direction == null ? "null" : "'" + shown(direction) + "'")
        + " in " + where + " by '" + shown(field) + "'; use ASC or DESC");
  }

  /** A caller's name for a message, cut short. */
  static String shown(@Nullable String name) {
    return name == null || name.length() <= 100 ? String.valueOf(name) : name.substring(0, 100) + "...";
  }
}
