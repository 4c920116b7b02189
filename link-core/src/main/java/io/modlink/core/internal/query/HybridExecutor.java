package io.modlink.core.internal.query;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.internal.jdbc.DatabaseErrors;
import io.modlink.core.internal.jdbc.Flavor;
import io.modlink.core.internal.jdbc.JdbcTable;
import io.modlink.core.internal.jdbc.Sql;
import io.modlink.core.internal.storage.LinkTable;
import io.modlink.core.module.FieldModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The hybrid read, for a query that cannot be pushed down because some of its tables are on another
 * database, while the root's table and the link table of one of its relations are plain SQL tables on the
 * root's database: one statement reads the root page joined to those link rows (ordered by root, so the
 * link keys of one root are consecutive), then that relation's targets are fetched federated by their
 * distinct keys (1,000 sales channels, not 300,000 link rows), and the rest of the plan runs federated.
 * One round trip fewer than federated, and the link rows never cross into Java as a separate result.
 */
final class HybridExecutor {
  private final FederatedExecutor federated;

  HybridExecutor(FederatedExecutor federated) {
    this.federated = federated;
  }

  /**
   * The relation of the root whose link table the hybrid read joins to the root, or null when there is none:
   * the root and its linked filters' tables are plain SQL tables on one database of a known flavor, the
   * relation goes through a link table on that database, and some table of the plan is a plain SQL table on
   * another database (a plan whose tables are all on one database, stores without a table included, is
   * push-down's or federated's to run, never the hybrid's).
   */
  static @Nullable PlanNode joined(PlanNode root) {
    Source first = root.table;
    if (first.sql() == null || first.sql().flavor() == Flavor.OTHER) {
      return null;
    }
    List<Source> semi = new ArrayList<>();
    root.semiJoins.forEach(s -> PushDownExecutor.semiTables(s, semi));
    for (Source t : semi) {
      if (!t.joinableWith(first)) {
        return null;
      }
    }
    List<Source> all = new ArrayList<>();
    PushDownExecutor.tables(root, all);
    if (all.stream().noneMatch(t -> t.sql() != null && t.sql().dataSource() != first.sql().dataSource())) {
      return null;
    }
    for (PlanNode child : root.children.values()) {
      Source pivot = child.edge.pivot();
      if (pivot != null && pivot.joinableWith(first)) {
        return child;
      }
    }
    return null;
  }

  List<ObjectNode> execute(PlanNode root, PlanNode joined, Run run) {
    Edge edge = joined.edge;
    Source pivot = edge.pivot();
    JdbcTable rootSql = root.table.sql();
    JdbcTable pivotSql = pivot.sql();
    List<Object> params = new ArrayList<>();
    boolean count = run.query.withCount();
    StringBuilder sql = new StringBuilder();
    PushDownExecutor.RootPage page = PushDownExecutor.rootPage(root, rootSql, run, params, sql);
    List<FieldModel> rootCols = page.columns();
    boolean paged = page.paged();
    java.util.function.Function<FieldModel, String> rootRef = page::ref;
    FieldModel to = pivot.field(edge.pivotTo());
    sql.append(", p1.").append(pivotSql.column(to));
    sql.append(paged ? " from r0" : " from " + rootSql.table() + " t0");
    sql.append(" left join ").append(pivotSql.table()).append(" p1 on p1.")
        .append(pivotSql.column(pivot.field(edge.pivotFrom()))).append(" = ")
        .append(rootRef.apply(root.table.field(edge.parentKey()))).append(" and p1.")
        .append(pivotSql.column(pivot.field(LinkTable.DELETED_AT))).append(" is null");
    if (!paged) {
      sql.append(" where ").append(PushDownExecutor.rootWhere(root, run, params));
    }
    List<String> order = new ArrayList<>();
    for (var o : root.order) {
      order.add(rootRef.apply(root.table.field(o.field())) + (o.direction().name().equals("DESC") ? " desc" : " asc"));
    }
    order.add(rootRef.apply(root.table.model().primaryKey()) + " asc");
    sql.append(" order by ").append(String.join(", ", order));

    List<Run.Row> roots = new ArrayList<>();
    List<List<Object>> keysByRoot = new ArrayList<>();
    Set<Object> targetKeys = new LinkedHashSet<>();
    read(root, rootCols, to, sql.toString(), params, run, count, roots, keysByRoot, targetKeys, pivot);
    if (count && run.count == null) {
      List<Object> countParams = new ArrayList<>();
      run.count = PushDownExecutor.count(rootSql, "select count(*) from " + rootSql.table() + " t0 where "
          + PushDownExecutor.rootWhere(root, run, countParams), countParams, run);
    }
    federated.expand(root, roots, run, joined, keysByRoot, targetKeys);
    List<ObjectNode> out = new ArrayList<>(roots.size());
    roots.forEach(r -> out.add(r.json));
    return out;
  }

  /** Reads the joined rows: a plan row per root (its rows are consecutive), its link keys beside it. */
  private static void read(PlanNode root, List<FieldModel> rootCols, FieldModel to, String sql, List<Object> params,
      Run run, boolean count, List<Run.Row> roots, List<List<Object>> keysByRoot, Set<Object> targetKeys,
      Source pivot) {
    JdbcTable rootSql = root.table.sql();
    FieldModel pk = root.table.model().primaryKey();
    int pkColumn = rootCols.indexOf(pk) + 1;
    int linkColumn = rootCols.size() + 1 + (count ? 1 : 0);
    List<FieldModel> returned = new ArrayList<>(root.fields);
    int[] returnedColumn = new int[returned.size()];
    for (int i = 0; i < returned.size(); i++) {
      returnedColumn[i] = rootCols.indexOf(returned.get(i)) + 1;
    }
    List<FieldModel> keys = new ArrayList<>(root.keyFields());
    int[] keyColumn = new int[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      keyColumn[i] = rootCols.indexOf(keys.get(i)) + 1;
    }
    int capacity = (int) ((returned.size() + root.children.size()) / 0.75f) + 1;
    int rows = 0;
    try (Connection c = rootSql.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(c, ps, params);
      boolean cursor = rootSql.flavor() == Flavor.POSTGRESQL && c.getAutoCommit();
      if (cursor) {
        c.setAutoCommit(false);
      }
      ps.setFetchSize(PushDownExecutor.FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        Object currentKey = null;
        List<Object> current = null;
        while (rs.next()) {
          rows++;
          Object key = Sql.key(rs, pkColumn, pk);
          if (current == null || !key.equals(currentKey)) {
            ObjectNode json = new ObjectNode(Run.NODES, new LinkedHashMap<>(capacity));
            for (int i = 0; i < returnedColumn.length; i++) {
              Sql.put(json, rs, returnedColumn[i], returned.get(i));
            }
            Run.Row row = new Run.Row(json);
            for (int i = 0; i < keyColumn.length; i++) {
              row.keys.put(keys.get(i).name(), Sql.key(rs, keyColumn[i], keys.get(i)));
            }
            roots.add(row);
            current = new ArrayList<>(2);
            keysByRoot.add(current);
            currentKey = key;
            if (count && run.count == null) {
              run.count = rs.getLong(rootCols.size() + 1);
            }
          }
          Object link = Sql.key(rs, linkColumn, to);
          if (link != null) {
            current.add(link);
            targetKeys.add(link);
          }
        }
      } finally {
        if (cursor) {
          c.commit(); // read only: ends the cursor's transaction
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw DatabaseErrors.failed("graph query on " + root.path + " (with " + pivot.name() + ")", e, sql);
    }
    run.fetched(root.table.name() + " + " + pivot.name(), 0, rows, 1);
  }
}
