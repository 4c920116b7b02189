package io.modlink.core.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.modlink.core.module.FieldModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Federated execution: one fetch for the root, then one batched fetch per hop with the keys of all
 * parents, the independent hops of one level run concurrently.
 */
final class FederatedExecutor {
  /**
   * H2 refuses arrays of more than 65,536 elements and slows down well before that; key lists are
   * cut into chunks of this size there (one statement each).
   */
  static final int H2_ARRAY_CHUNK = 10_000;

  private final Executor pool;

  /** @param pool runs the independent hops of a level; see {@link io.modlink.core.internal.tx.HopExecutor} */
  FederatedExecutor(Executor pool) {
    this.pool = pool;
  }

  List<Run.Row> execute(PlanNode root, Run run) {
    List<Object> params = new ArrayList<>();
    String where = rootWhere(root, run, params);
    if (where == null) {
      run.count = run.query.withCount() ? 0L : null;
      return List.of();
    }
    List<FieldModel> selected = root.selected();
    boolean count = run.query.withCount();
    StringBuilder sql = new StringBuilder("select ");
    appendColumns(sql, "r", selected);
    if (count) {
      sql.append(", count(*) over () as mlk_count");
    }
    sql.append(" from ").append(root.table.table()).append(" r where ").append(where)
        .append(" order by ").append(Sql.orderBy("r", root.table, root.order));
    if (run.query.take().isPresent()) {
      sql.append(" limit ").append(run.query.take().get());
    }
    if (run.query.skip() > 0) {
      sql.append(" offset ").append(run.query.skip());
    }
    List<Run.Row> rows = count ? rootWithCount(root, sql.toString(), params, selected, run)
        : Fetcher.rows(root.table, sql.toString(), params, selected, root.fields, Fetcher.keySet(root), run,
            root.path, 0);
    if (count && run.count == null) {
      run.count = rows.isEmpty() ? Fetcher.count(root.table, "select count(*) from " + root.table.table() + " r where "
          + where, params, run) : run.count;
    }
    expand(root, rows, run);
    return rows;
  }

  private List<Run.Row> rootWithCount(PlanNode root, String sql, List<Object> params, List<FieldModel> selected,
      Run run) {
    List<FieldModel> withCount = new ArrayList<>(selected);
    FieldModel countField = new FieldModel("mlk_count", "mlk_count", "mlk_count", io.modlink.core.module.FieldType.BIGINT,
        Long.class, false);
    withCount.add(countField);
    Set<FieldModel> keys = new java.util.HashSet<>(Fetcher.keySet(root));
    keys.add(countField);
    List<Run.Row> rows = Fetcher.rows(root.table, sql, params, withCount, root.fields, keys, run, root.path, 0);
    if (!rows.isEmpty()) {
      run.count = (Long) rows.get(0).keys.get("mlk_count");
    }
    return rows;
  }

  /** The root's WHERE clause, with linked-path filters resolved to key lists; null if they match nothing. */
  private String rootWhere(PlanNode root, Run run, List<Object> params) {
    List<String> parts = new ArrayList<>();
    parts.add(Sql.where(root.table, "r", root.filter, params));
    if (!run.query.withDeleted() && root.table.deletedAt() != null) {
      parts.add("r." + root.table.deletedAt().column() + " is null");
    }
    for (PlanNode.SemiJoin semi : root.semiJoins) {
      Set<Object> keys = semiJoinKeys(semi, run);
      if (keys.isEmpty()) {
        return null;
      }
      parts.add(Sql.anyOf(root.table, "r", root.table.field(semi.edge().parentKey()), new ArrayList<>(keys), params));
    }
    return String.join(" and ", parts);
  }

  /** The values of the parent key of {@code semi}'s edge that have a matching related record. */
  private Set<Object> semiJoinKeys(PlanNode.SemiJoin semi, Run run) {
    Edge edge = semi.edge();
    SqlTable target = edge.target();
    List<Object> params = new ArrayList<>();
    List<String> parts = new ArrayList<>();
    parts.add(Sql.where(target, "t", semi.targetFilter(), params));
    if (target.deletedAt() != null) {
      parts.add("t." + target.deletedAt().column() + " is null");
    }
    for (PlanNode.SemiJoin nested : semi.nested()) {
      Set<Object> keys = semiJoinKeys(nested, run);
      if (keys.isEmpty()) {
        return Set.of();
      }
      parts.add(Sql.anyOf(target, "t", target.field(nested.edge().parentKey()), new ArrayList<>(keys), params));
    }
    FieldModel targetKey = target.field(edge.targetKey());
    String sql = "select t." + targetKey.column() + ", t." + targetKey.column() + " from " + target.table() + " t where "
        + String.join(" and ", parts);
    Set<Object> targetKeys = new LinkedHashSet<>();
    for (Object[] pair : Fetcher.pairs(target, sql, params, targetKey, targetKey, run, target.name() + " (filter)", 0)) {
      targetKeys.add(pair[0]);
    }
    if (edge.pivot() == null || targetKeys.isEmpty()) {
      return targetKeys;
    }
    SqlTable pivot = edge.pivot();
    FieldModel from = pivot.field(edge.pivotFrom());
    FieldModel to = pivot.field(edge.pivotTo());
    List<Object> pivotParams = new ArrayList<>();
    String pivotSql = "select p." + from.column() + ", p." + to.column() + " from " + pivot.table() + " p where "
        + Sql.anyOf(pivot, "p", to, new ArrayList<>(targetKeys), pivotParams) + " and p.deleted_at is null";
    Set<Object> parentKeys = new LinkedHashSet<>();
    for (Object[] pair : Fetcher.pairs(pivot, pivotSql, pivotParams, from, to, run, pivot.name() + " (filter)",
        targetKeys.size())) {
      parentKeys.add(pair[0]);
    }
    return parentKeys;
  }

  /** Fetches the children of {@code node} level by level; assignments to rows happen on this thread. */
  private void expand(PlanNode root, List<Run.Row> rootRows, Run run) {
    List<Level> level = List.of(new Level(root, rootRows));
    while (!level.isEmpty()) {
      List<CompletableFuture<Hop>> hops = new ArrayList<>();
      for (Level l : level) {
        for (PlanNode child : l.node.children.values()) {
          hops.add(CompletableFuture.supplyAsync(() -> hop(child, l.rows, run), pool));
        }
      }
      List<Level> next = new ArrayList<>();
      for (CompletableFuture<Hop> f : hops) {
        Hop hop;
        try {
          hop = f.join();
        } catch (CompletionException e) {
          if (e.getCause() instanceof RuntimeException re) {
            throw re;
          }
          throw e;
        }
        hop.assign();
        if (!hop.node.children.isEmpty() && !hop.targets.isEmpty()) {
          next.add(new Level(hop.node, hop.targets));
        }
      }
      level = next;
    }
  }

  private record Level(PlanNode node, List<Run.Row> rows) {}

  /** The result of one hop: the target rows, and what each parent row gets. */
  private static final class Hop {
    final PlanNode node;
    final List<Run.Row> targets;
    final Map<Run.Row, List<Run.Row>> byParent;

    Hop(PlanNode node, List<Run.Row> targets, Map<Run.Row, List<Run.Row>> byParent) {
      this.node = node;
      this.targets = targets;
      this.byParent = byParent;
    }

    void assign() {
      Edge edge = node.edge;
      for (Map.Entry<Run.Row, List<Run.Row>> e : byParent.entrySet()) {
        List<Run.Row> items = e.getValue();
        if (edge.isList()) {
          ArrayNode array = e.getKey().json.putArray(edge.alias());
          int limit = node.limit == null ? Integer.MAX_VALUE : node.limit;
          for (int i = 0; i < items.size() && i < limit; i++) {
            array.add(items.get(i).json);
          }
        } else {
          e.getKey().json.set(edge.alias(), items.isEmpty() ? Fetcher.NODES.nullNode() : (JsonNode) items.get(0).json);
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
    Map<Run.Row, List<Run.Row>> byParent = new LinkedHashMap<>();
    parents.forEach(p -> byParent.put(p, new ArrayList<>()));
    if (parentValues.isEmpty()) {
      return new Hop(node, List.of(), byParent);
    }
    Map<Object, List<Object>> targetKeysByParent = new HashMap<>();
    Set<Object> targetKeys;
    if (edge.pivot() != null) {
      SqlTable pivot = edge.pivot();
      FieldModel from = pivot.field(edge.pivotFrom());
      FieldModel to = pivot.field(edge.pivotTo());
      targetKeys = new LinkedHashSet<>();
      for (List<Object> chunk : chunks(pivot, parentValues)) {
        List<Object> params = new ArrayList<>();
        String sql = "select p." + from.column() + ", p." + to.column() + " from " + pivot.table() + " p where "
            + Sql.anyOf(pivot, "p", from, chunk, params) + " and p.deleted_at is null";
        for (Object[] pair : Fetcher.pairs(pivot, sql, params, from, to, run, node.path + " via " + pivot.name(),
            chunk.size())) {
          targetKeysByParent.computeIfAbsent(pair[0], k -> new ArrayList<>()).add(pair[1]);
          targetKeys.add(pair[1]);
        }
      }
    } else {
      targetKeys = parentValues;
      parentValues.forEach(v -> targetKeysByParent.put(v, List.of(v)));
    }
    if (targetKeys.isEmpty()) {
      return new Hop(node, List.of(), byParent);
    }
    SqlTable target = node.table;
    FieldModel targetKey = target.field(edge.targetKey());
    List<FieldModel> selected = node.selected();
    List<Run.Row> rows = new ArrayList<>();
    for (List<Object> chunk : chunks(target, targetKeys)) {
      List<Object> params = new ArrayList<>();
      List<String> parts = new ArrayList<>();
      parts.add(Sql.anyOf(target, "t", targetKey, chunk, params));
      parts.add(Sql.where(target, "t", node.filter, params));
      if (!run.query.withDeleted() && target.deletedAt() != null) {
        parts.add("t." + target.deletedAt().column() + " is null");
      }
      StringBuilder sql = new StringBuilder("select ");
      appendColumns(sql, "t", selected);
      sql.append(" from ").append(target.table()).append(" t where ").append(String.join(" and ", parts))
          .append(" order by ").append(Sql.orderBy("t", target, node.order));
      rows.addAll(Fetcher.rows(target, sql.toString(), params, selected, node.fields, Fetcher.keySet(node), run,
          node.path, chunk.size()));
    }
    Map<Object, List<Run.Row>> byKey = new HashMap<>();
    Map<Run.Row, Integer> rank = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Run.Row r = rows.get(i);
      byKey.computeIfAbsent(r.keys.get(targetKey.name()), k -> new ArrayList<>(1)).add(r);
      rank.put(r, i);
    }
    Map<Object, Set<Object>> dangling = new LinkedHashMap<>();
    for (Run.Row parent : parents) {
      Object v = parent.keys.get(parentKey);
      if (v == null) {
        continue;
      }
      List<Run.Row> items = byParent.get(parent);
      for (Object key : targetKeysByParent.getOrDefault(v, List.of())) {
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
        items.sort((a, b) -> Integer.compare(rank.get(a), rank.get(b)));
      }
    }
    run.dangling(node, dangling);
    return new Hop(node, rows, byParent);
  }

  /**
   * The keys in one list, or, on H2 beyond {@link #H2_ARRAY_CHUNK} keys, in sorted chunks (sorted so
   * that results ordered by key stay in order across chunks).
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static List<List<Object>> chunks(SqlTable table, java.util.Collection<Object> keys) {
    List<Object> all = new ArrayList<>(keys);
    if (table.flavor() != SqlTable.Flavor.H2 || all.size() <= H2_ARRAY_CHUNK) {
      return List.of(all);
    }
    all.sort((a, b) -> ((Comparable) a).compareTo(b));
    List<List<Object>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += H2_ARRAY_CHUNK) {
      out.add(all.subList(from, Math.min(all.size(), from + H2_ARRAY_CHUNK)));
    }
    return out;
  }

  static void appendColumns(StringBuilder sql, String alias, List<FieldModel> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sql.append(", ");
      }
      sql.append(alias).append('.').append(fields.get(i).column());
    }
  }
}
