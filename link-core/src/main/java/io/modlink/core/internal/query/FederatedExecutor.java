package io.modlink.core.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.error.UnexpectedStateException;
import io.modlink.core.internal.jdbc.Statements;
import io.modlink.core.internal.store.Filter;
import io.modlink.core.internal.store.SqlTableStore;
import io.modlink.core.module.FieldModel;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.KeyedReadRequest;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.core.spi.SortDirection;
import io.modlink.core.spi.SortOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Federated execution, through the stores: one {@link EntityStore#read} for the root, then one
 * {@link EntityStore#readByKeys} per hop and store with the keys of all parents; the independent hops
 * of one level run concurrently ({@link #runAll}).
 */
final class FederatedExecutor {
  private final Executor pool;

  /** @param pool runs the independent hops of a level; see {@link io.modlink.core.internal.tx.HopExecutor} */
  FederatedExecutor(Executor pool) {
    this.pool = pool;
  }

  /** The root rows, their relations set. */
  List<ObjectNode> execute(PlanNode root, Run run) {
    List<Map<String, Object>> keyConditions = new ArrayList<>();
    for (PlanNode.SemiJoin semi : root.semiJoins) {
      Set<Object> keys = semiJoinKeys(semi, run);
      if (keys.isEmpty()) {
        run.count = run.query.withCount() ? 0L : null;
        return List.of();
      }
      keyConditions.add(Map.of(semi.edge().parentKey(), Map.of("$in", new ArrayList<>(keys))));
    }
    ReadRequest.Builder read = ReadRequest.builder().filters(and(Filter.toMap(root.filter), keyConditions))
        .fields(names(root.selected()));
    order(root.order, read::orderBy);
    if (run.query.skip() > 0) {
      read.skip(run.query.skip());
    }
    run.query.take().ifPresent(read::take);
    if (run.query.withCount()) {
      read.withCount();
    }
    if (run.query.withDeleted()) {
      read.withDeleted();
    }
    ReadRequest request = read.build();
    ReadResult result = fetch(root.table, root.path, 0, run, store -> store.read(request));
    if (run.query.withCount()) {
      run.count = result.total();
    }
    List<Run.Row> rows = rows(root, result.rows());
    expand(root, rows, run);
    List<ObjectNode> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(r.json));
    return out;
  }

  /** The values of the parent key of {@code semi}'s edge that have a matching related record. */
  private Set<Object> semiJoinKeys(PlanNode.SemiJoin semi, Run run) {
    Edge edge = semi.edge();
    Source target = edge.target();
    List<Map<String, Object>> keyConditions = new ArrayList<>();
    for (PlanNode.SemiJoin nested : semi.nested()) {
      Set<Object> keys = semiJoinKeys(nested, run);
      if (keys.isEmpty()) {
        return Set.of();
      }
      keyConditions.add(Map.of(nested.edge().parentKey(), Map.of("$in", new ArrayList<>(keys))));
    }
    FieldModel targetKey = target.field(edge.targetKey());
    ReadRequest request = ReadRequest.builder().filters(and(Filter.toMap(semi.targetFilter()), keyConditions))
        .fields(targetKey.name()).build();
    Set<Object> targetKeys = new LinkedHashSet<>();
    for (ObjectNode row : fetch(target, target.name() + " (filter)", 0, run, s -> s.read(request)).rows()) {
      Object key = Run.key(row.get(targetKey.name()), targetKey);
      if (key != null) {
        targetKeys.add(key);
      }
    }
    if (edge.pivot() == null || targetKeys.isEmpty()) {
      return targetKeys;
    }
    Source pivot = edge.pivot();
    FieldModel from = pivot.field(edge.pivotFrom());
    FieldModel to = pivot.field(edge.pivotTo());
    Set<Object> parentKeys = new LinkedHashSet<>();
    for (Object[] pair : pairs(pivot, to, targetKeys, from, pivot.name() + " (filter)", run)) {
      parentKeys.add(pair[1]);
    }
    return parentKeys;
  }

  /** Fetches the children of {@code root} level by level; assignments to rows happen on this thread. */
  private void expand(PlanNode root, List<Run.Row> rootRows, Run run) {
    expand(root, rootRows, run, null, null, null);
  }

  /**
   * Fetches the children of {@code root} level by level, where the link rows of {@code joined} (a child of
   * the root) were already read with the roots: that hop only fetches its targets, by {@code targetKeys};
   * {@code keysByRoot} holds each root's target keys, by the root's position.
   */
  void expand(PlanNode root, List<Run.Row> rootRows, Run run, @org.jspecify.annotations.Nullable PlanNode joined,
      @org.jspecify.annotations.Nullable List<List<Object>> keysByRoot,
      @org.jspecify.annotations.Nullable Set<Object> targetKeys) {
    List<Level> level = List.of(new Level(root, rootRows));
    while (!level.isEmpty()) {
      List<Supplier<Hop>> hops = new ArrayList<>();
      for (Level l : level) {
        for (PlanNode child : l.node.children.values()) {
          if (child == joined) {
            hops.add(() -> targetKeys.isEmpty() ? new Hop(child, l.rows)
                : arrive(child, l.rows, keysByRoot::get, targetKeys, run));
          } else {
            hops.add(() -> hop(child, l.rows, run));
          }
        }
      }
      List<Level> next = new ArrayList<>();
      for (Hop hop : runAll(hops)) {
        hop.assign(run);
        if (!hop.node.children.isEmpty() && !hop.targets.isEmpty()) {
          next.add(new Level(hop.node, hop.targets));
        }
      }
      level = next;
    }
  }

  /**
   * Runs the independent fetches of one level and returns their results in order: the one place
   * that decides where fetches run (one alone runs on the calling thread, several on the pool).
   */
  private <T> List<T> runAll(List<Supplier<T>> tasks) {
    if (tasks.size() == 1) {
      return List.of(tasks.get(0).get());
    }
    List<CompletableFuture<T>> futures = new ArrayList<>(tasks.size());
    tasks.forEach(t -> futures.add(CompletableFuture.supplyAsync(t, pool)));
    List<T> out = new ArrayList<>(tasks.size());
    for (CompletableFuture<T> f : futures) {
      try {
        out.add(f.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException re) {
          throw re;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
    }
    return out;
  }

  private record Level(PlanNode node, List<Run.Row> rows) {}

  /**
   * The result of one hop: the target rows, what each parent row gets (by the parent's position among
   * the parents), and the links to missing records.
   */
  private static final class Hop {
    final PlanNode node;
    final List<Run.Row> targets;
    final List<Run.Row> parents;
    final @org.jspecify.annotations.Nullable List<List<Run.Row>> items;
    final Map<Object, Set<Object>> dangling;

    /** A hop that found nothing: every parent gets an empty list (or null). */
    Hop(PlanNode node, List<Run.Row> parents) {
      this(node, List.of(), parents, null, Map.of());
    }

    Hop(PlanNode node, List<Run.Row> targets, List<Run.Row> parents, @org.jspecify.annotations.Nullable List<List<Run.Row>> items,
        Map<Object, Set<Object>> dangling) {
      this.node = node;
      this.targets = targets;
      this.parents = parents;
      this.items = items;
      this.dangling = dangling;
    }

    /** On the calling thread, in plan order: so are the warnings, whichever hop finished first. */
    void assign(Run run) {
      run.dangling(node, dangling);
      Edge edge = node.edge;
      int limit = node.limit == null ? Integer.MAX_VALUE : node.limit;
      for (int p = 0; p < parents.size(); p++) {
        List<Run.Row> found = items == null ? List.of() : items.get(p);
        ObjectNode parent = parents.get(p).json;
        if (edge.isList()) {
          List<JsonNode> array = new ArrayList<>(Math.min(limit, found.size()));
          for (int i = 0; i < found.size() && i < limit; i++) {
            array.add(found.get(i).json);
          }
          parent.set(edge.alias(), new ArrayNode(Run.NODES, array));
        } else {
          parent.set(edge.alias(), found.isEmpty() ? Run.NODES.nullNode() : (JsonNode) found.get(0).json);
        }
      }
    }
  }

  private Hop hop(PlanNode node, List<Run.Row> parents, Run run) {
    Edge edge = node.edge;
    String parentKey = edge.parentKey();
    Set<Object> parentValues = new LinkedHashSet<>();
    for (Run.Row p : parents) {
      Object v = p.keys.get(parentKey);
      if (v != null) {
        parentValues.add(v);
      }
    }
    if (parentValues.isEmpty()) {
      return new Hop(node, parents);
    }
    Map<Object, List<Object>> targetKeysByParent = new HashMap<>();
    Set<Object> targetKeys;
    if (edge.pivot() != null) {
      Source pivot = edge.pivot();
      FieldModel from = pivot.field(edge.pivotFrom());
      FieldModel to = pivot.field(edge.pivotTo());
      targetKeys = new LinkedHashSet<>();
      for (Object[] pair : pairs(pivot, from, parentValues, to, node.path + " via " + pivot.name(), run)) {
        targetKeysByParent.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1]);
        targetKeys.add(pair[1]);
      }
    } else {
      targetKeys = parentValues;
      parentValues.forEach(v -> targetKeysByParent.put(v, List.of(v)));
    }
    if (targetKeys.isEmpty()) {
      return new Hop(node, parents);
    }
    Map<Object, List<Object>> byParent = targetKeysByParent;
    return arrive(node, parents, p -> {
      Object v = parents.get(p).keys.get(parentKey);
      return v == null ? List.of() : byParent.getOrDefault(v, List.of());
    }, targetKeys, run);
  }

  /**
   * The second half of a hop: one fetch of the targets by {@code targetKeys} (distinct, not empty), then each
   * parent's items, in the fetch's order; {@code keysOf} gives the target keys of the parent at a position.
   */
  private Hop arrive(PlanNode node, List<Run.Row> parents, java.util.function.IntFunction<List<Object>> keysOf,
      Set<Object> targetKeys, Run run) {
    Edge edge = node.edge;
    String parentKey = edge.parentKey();
    FieldModel targetKey = node.table.field(edge.targetKey());
    KeyedReadRequest.Builder read = KeyedReadRequest.builder(targetKey.name(), targetKeys)
        .filters(Filter.toMap(node.filter)).fields(names(node.selected()));
    order(node.order, read::orderBy);
    FieldModel pk = node.table.model().primaryKey();
    if (node.order.stream().noneMatch(o -> o.field().equals(pk.name()))) {
      read.orderBy(pk.name(), SortDirection.ASC); // each parent's list in this order
    }
    if (run.query.withDeleted()) {
      read.withDeleted();
    }
    if (edge.pivot() == null && node.limit != null && node.limit > 0) {
      read.perKeyLimit(node.limit); // each parent's list is the rows of its own key
    }
    KeyedReadRequest request = read.build();
    List<Run.Row> rows = rows(node, fetch(node.table, node.path, targetKeys.size(), run,
        s -> s.readByKeys(request)).rows());
    Map<Object, List<Run.Row>> byKey = new HashMap<>(rows.size() * 4 / 3 + 1);
    for (int i = 0; i < rows.size(); i++) {
      Run.Row r = rows.get(i);
      r.rank = i;
      byKey.computeIfAbsent(r.keys.get(targetKey.name()), k -> new ArrayList<>(1)).add(r);
    }
    Map<Object, Set<Object>> dangling = new LinkedHashMap<>();
    List<List<Run.Row>> byParent = new ArrayList<>(parents.size());
    for (int p = 0; p < parents.size(); p++) {
      List<Object> keys = keysOf.apply(p);
      Object v = keys.isEmpty() ? null : parents.get(p).keys.get(parentKey);
      List<Run.Row> items = keys.isEmpty() ? List.of() : new ArrayList<>(keys.size());
      byParent.add(items);
      for (Object key : keys) {
        List<Run.Row> found = byKey.get(key);
        if (found == null) {
          if (!node.hasRelationFilter) {
            dangling.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(key);
          }
        } else {
          items.addAll(found);
        }
      }
      if (items.size() > 1) {
        items.sort((a, b) -> Integer.compare(a.rank, b.rank));
      }
    }
    return new Hop(node, rows, parents, byParent, dangling);
  }

  /**
   * The {@code (key, other)} pairs of the live link rows whose {@code key} is one of {@code keys}: one
   * {@link EntityStore#readByKeys} of the link store, or, when it is modlink's own undecorated store,
   * the same read without JSON rows.
   */
  private static List<Object[]> pairs(Source pivot, FieldModel key, Set<Object> keys, FieldModel other, String label,
      Run run) {
    List<Object[]> pairs = new ArrayList<>();
    if (pivot.store() instanceof SqlTableStore own) {
      Statements.Counted<List<Object[]>> counted = Statements.count(() -> own.readPairs(key, keys, other));
      run.fetched(label, keys.size(), counted.value().size(), Math.max(1, counted.statements()));
      for (Object[] pair : counted.value()) {
        if (pair[0] != null && pair[1] != null) {
          pairs.add(pair);
        }
      }
      return pairs;
    }
    KeyedReadRequest links = KeyedReadRequest.builder(key.name(), keys).fields(key.name(), other.name()).build();
    for (ObjectNode row : fetch(pivot, label, keys.size(), run, s -> s.readByKeys(links)).rows()) {
      Object a = Run.key(row.get(key.name()), key);
      Object b = Run.key(row.get(other.name()), other);
      if (a != null && b != null) {
        pairs.add(new Object[] {a, b});
      }
    }
    return pairs;
  }

  /** Asks a store, and records the fetch with the statements it sent (one, for a store that is not SQL). */
  private static ReadResult fetch(Source source, String label, int keys, Run run, Function<EntityStore, ReadResult> read) {
    Statements.Counted<ReadResult> counted = Statements.count(() -> read.apply(source.store()));
    ReadResult result = counted.value();
    if (result == null) {
      throw new UnexpectedStateException("the store of " + source.name() + " (" + source.store() + ") returned null"
          + " for " + label + "; a store returns a ReadResult, empty when nothing matches");
    }
    run.fetched(label, keys, result.rows().size(), Math.max(1, counted.statements()));
    return result;
  }

  /**
   * The store's rows as plan rows: the join keys taken out, and the JSON holding exactly the
   * returned fields in the plan's order (a store's row is kept as it is when it already does).
   */
  private static List<Run.Row> rows(PlanNode node, List<ObjectNode> stored) {
    List<FieldModel> returned = new ArrayList<>(node.fields);
    List<FieldModel> keys = new ArrayList<>(node.keyFields());
    List<Run.Row> out = new ArrayList<>(stored.size());
    for (ObjectNode row : stored) {
      Run.Row r = new Run.Row(shaped(row, returned));
      for (FieldModel k : keys) {
        r.keys.put(k.name(), Run.key(row.get(k.name()), k));
      }
      out.add(r);
    }
    return out;
  }

  private static ObjectNode shaped(ObjectNode row, List<FieldModel> returned) {
    if (row.size() == returned.size()) {
      Iterator<String> names = row.fieldNames();
      boolean same = true;
      for (int i = 0; i < returned.size() && same; i++) {
        same = names.next().equals(returned.get(i).name());
      }
      if (same) {
        return row;
      }
    }
    ObjectNode out = Run.NODES.objectNode();
    for (FieldModel f : returned) {
      JsonNode v = row.get(f.name());
      out.set(f.name(), v == null ? Run.NODES.nullNode() : v);
    }
    return out;
  }

  private static Map<String, Object> and(Map<String, Object> filters, List<Map<String, Object>> more) {
    if (more.isEmpty()) {
      return filters;
    }
    List<Map<String, Object>> all = new ArrayList<>();
    if (!filters.isEmpty()) {
      all.add(filters);
    }
    all.addAll(more);
    return all.size() == 1 ? all.get(0) : Map.of("$and", all);
  }

  private static List<String> names(List<FieldModel> fields) {
    List<String> out = new ArrayList<>(fields.size());
    fields.forEach(f -> out.add(f.name()));
    return out;
  }

  private static void order(List<SortOrder> order, java.util.function.BiConsumer<String, SortDirection> to) {
    order.forEach(o -> to.accept(o.field(), o.direction()));
  }
}
