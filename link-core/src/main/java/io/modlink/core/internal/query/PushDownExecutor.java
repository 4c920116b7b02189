package io.modlink.core.internal.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Push-down execution: the root page and a path of hops compiled into one statement (a CTE for the
 * page, left joins for the hops, EXISTS for linked-path filters), assembled in one pass.
 */
final class PushDownExecutor {
  /** Rows fetched per round of a streamed result. */
  static final int FETCH_SIZE = 2_000;

  /**
   * Why the plan cannot be pushed down, or null if it can: first a store that declares no plain SQL
   * table (it must see its reads), then a shape push-down does not follow, then a table elsewhere.
   */
  static String obstacle(PlanNode root) {
    List<Source> tables = new ArrayList<>();
    tables(root, tables);
    for (PlanNode.SemiJoin s : root.semiJoins) {
      semiTables(s, tables);
    }
    for (Source t : tables) {
      if (t.sql() == null) {
        return t.name() + " is read through its store, which declares no plain SQL table" + (t.notSql() == null
            ? "" : " (" + t.notSql() + ")");
      }
    }
    for (PlanNode node = root; !node.children.isEmpty(); node = node.children.values().iterator().next()) {
      if (node.children.size() > 1) {
        return node.path + " has " + node.children.size() + " relations; push-down follows one path";
      }
    }
    Source first = root.table;
    if (first.sql().flavor() == Flavor.OTHER) {
      return "the database is not PostgreSQL, H2 or MariaDB";
    }
    for (Source t : tables) {
      if (!t.joinableWith(first)) {
        return t.name() + " is on another database than " + first.name();
      }
    }
    return null;
  }

  private static void tables(PlanNode node, List<Source> out) {
    out.add(node.table);
    if (node.edge != null && node.edge.pivot() != null) {
      out.add(node.edge.pivot());
    }
    node.children.values().forEach(child -> tables(child, out));
  }

  private static void semiTables(PlanNode.SemiJoin s, List<Source> out) {
    out.add(s.edge().target());
    if (s.edge().pivot() != null) {
      out.add(s.edge().pivot());
    }
    s.nested().forEach(n -> semiTables(n, out));
  }

  private static JdbcTable sql(Source source) {
    JdbcTable table = source.sql();
    if (table == null) {
      throw new IllegalStateException(source.name() + " has no plain SQL table; obstacle() should have said so");
    }
    return table;
  }

  List<Run.Row> execute(PlanNode root, Run run) {
    List<PlanNode> chain = new ArrayList<>();
    for (PlanNode n = root; ; n = n.children.values().iterator().next()) {
      chain.add(n);
      if (n.children.isEmpty()) {
        break;
      }
    }
    List<Object> params = new ArrayList<>();
    boolean count = run.query.withCount();
    // the root page
    List<FieldModel> rootCols = new ArrayList<>(root.selected());
    for (var o : root.order) {
      FieldModel f = root.table.field(o.field());
      if (!rootCols.contains(f)) {
        rootCols.add(f);
      }
    }
    // a page of roots needs a CTE, so that limit and offset count roots, not joined rows
    boolean paged = count || run.query.take().isPresent() || run.query.skip() > 0;
    JdbcTable rootSql = sql(root.table);
    java.util.function.Function<FieldModel, String> rootRef = f -> paged ? "r0.c" + rootCols.indexOf(f)
        : "t0." + rootSql.column(f);
    StringBuilder sql = new StringBuilder();
    if (paged) {
      sql.append("with r0 as (select ");
      for (int i = 0; i < rootCols.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("t0.").append(rootSql.column(rootCols.get(i))).append(" as c").append(i);
      }
      if (count) {
        sql.append(", count(*) over () as mlk_count");
      }
      sql.append(" from ").append(rootSql.table()).append(" t0 where ").append(rootWhere(root, run, params))
          .append(" order by ").append(Sql.orderBy("t0", rootSql, root.order));
      sql.append(rootSql.flavor().page(run.query.take().orElse(null), run.query.skip()));
      sql.append(") select r0.*");
    } else {
      sql.append("select ");
      for (int i = 0; i < rootCols.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("t0.").append(rootSql.column(rootCols.get(i)));
      }
    }
    for (int level = 1; level < chain.size(); level++) {
      PlanNode n = chain.get(level);
      if (n.edge.pivot() != null) {
        sql.append(", p").append(level).append('.').append(sql(n.edge.pivot()).column(n.edge.pivot().field(n.edge.pivotTo())));
      } else {
        sql.append(", ").append(parentRef(chain, level, rootRef)).append(" as k").append(level);
      }
      for (FieldModel f : n.selected()) {
        sql.append(", t").append(level).append('.').append(sql(n.table).column(f));
      }
    }
    sql.append(paged ? " from r0" : " from " + rootSql.table() + " t0");
    for (int level = 1; level < chain.size(); level++) {
      PlanNode n = chain.get(level);
      Edge e = n.edge;
      String parent = parentRef(chain, level, rootRef);
      String targetCond;
      JdbcTable target = sql(n.table);
      if (e.pivot() != null) {
        Source p = e.pivot();
        JdbcTable ps = sql(p);
        sql.append(" left join ").append(ps.table()).append(" p").append(level).append(" on p").append(level).append('.')
            .append(ps.column(p.field(e.pivotFrom()))).append(" = ").append(parent).append(" and p").append(level)
            .append('.').append(ps.column(p.field(LinkTable.DELETED_AT))).append(" is null");
        targetCond = "t" + level + "." + target.column(n.table.field(e.targetKey())) + " = p" + level + "."
            + ps.column(p.field(e.pivotTo()));
      } else {
        targetCond = "t" + level + "." + target.column(n.table.field(e.targetKey())) + " = " + parent;
      }
      sql.append(" left join ").append(target.table()).append(" t").append(level).append(" on ").append(targetCond);
      if (!run.query.withDeleted() && n.table.deletedAt() != null) {
        sql.append(" and t").append(level).append('.').append(target.column(n.table.deletedAt())).append(" is null");
      }
      if (!(n.filter instanceof io.modlink.core.internal.store.Filter.True)) {
        sql.append(" and ").append(Sql.where(target, "t" + level, n.filter, params));
      }
    }
    if (!paged) {
      sql.append(" where ").append(rootWhere(root, run, params));
    }
    sql.append(" order by ");
    List<String> order = new ArrayList<>();
    for (var o : root.order) {
      order.add(rootRef.apply(root.table.field(o.field())) + (o.direction().name().equals("DESC") ? " desc" : " asc"));
    }
    order.add(rootRef.apply(root.table.model().primaryKey()) + " asc");
    for (int level = 1; level < chain.size(); level++) {
      order.add(Sql.orderBy("t" + level, sql(chain.get(level).table), chain.get(level).order));
    }
    sql.append(String.join(", ", order));
    List<Run.Row> roots = read(chain, rootCols, sql.toString(), params, run, count);
    if (count && run.count == null) {
      List<Object> countParams = new ArrayList<>();
      run.count = count(rootSql, "select count(*) from " + rootSql.table() + " t0 where "
          + rootWhere(root, run, countParams), countParams, run);
    }
    return roots;
  }

  private static String parentRef(List<PlanNode> chain, int level,
      java.util.function.Function<FieldModel, String> rootRef) {
    PlanNode parent = chain.get(level - 1);
    FieldModel key = parent.table.field(chain.get(level).edge.parentKey());
    return level == 1 ? rootRef.apply(key) : "t" + (level - 1) + "." + sql(parent.table).column(key);
  }

  private String rootWhere(PlanNode root, Run run, List<Object> params) {
    List<String> parts = new ArrayList<>();
    JdbcTable rootSql = sql(root.table);
    parts.add(Sql.where(rootSql, "t0", root.filter, params));
    if (!run.query.withDeleted() && root.table.deletedAt() != null) {
      parts.add("t0." + rootSql.column(root.table.deletedAt()) + " is null");
    }
    int[] alias = {0};
    for (PlanNode.SemiJoin s : root.semiJoins) {
      parts.add(exists(root.table, "t0", s, params, alias));
    }
    return String.join(" and ", parts);
  }

  private String exists(Source parent, String parentAlias, PlanNode.SemiJoin s, List<Object> params, int[] alias) {
    Edge e = s.edge();
    int n = ++alias[0];
    String t = "s" + n;
    JdbcTable target = sql(e.target());
    String parentCol = parentAlias + "." + sql(parent).column(parent.field(e.parentKey()));
    StringBuilder sql = new StringBuilder("exists (select 1 from ");
    if (e.pivot() != null) {
      String p = "q" + n;
      Source pivot = e.pivot();
      JdbcTable ps = sql(pivot);
      sql.append(ps.table()).append(' ').append(p).append(" join ").append(target.table()).append(' ')
          .append(t).append(" on ").append(t).append('.').append(target.column(e.target().field(e.targetKey())))
          .append(" = ").append(p).append('.').append(ps.column(pivot.field(e.pivotTo()))).append(" where ").append(p)
          .append('.').append(ps.column(pivot.field(e.pivotFrom()))).append(" = ").append(parentCol).append(" and ")
          .append(p).append('.').append(ps.column(pivot.field(LinkTable.DELETED_AT))).append(" is null");
    } else {
      sql.append(target.table()).append(' ').append(t).append(" where ").append(t).append('.')
          .append(target.column(e.target().field(e.targetKey()))).append(" = ").append(parentCol);
    }
    if (e.target().deletedAt() != null) {
      sql.append(" and ").append(t).append('.').append(target.column(e.target().deletedAt())).append(" is null");
    }
    sql.append(" and ").append(Sql.where(target, t, s.targetFilter(), params));
    for (PlanNode.SemiJoin nested : s.nested()) {
      sql.append(" and ").append(exists(e.target(), t, nested, params, alias));
    }
    return sql.append(')').toString();
  }

  private List<Run.Row> read(List<PlanNode> chain, List<FieldModel> rootCols, String sql, List<Object> params, Run run,
      boolean count) {
    PlanNode root = chain.get(0);
    Source table = root.table;
    JdbcTable tableSql = sql(table);
    Map<Object, Run.Row> roots = new LinkedHashMap<>();
    // per level: parent row -> (child pk -> child row), in order
    List<Map<Run.Row, LinkedHashMap<Object, Run.Row>>> children = new ArrayList<>();
    List<Map<Object, Set<Object>>> dangling = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      children.add(new LinkedHashMap<>());
      dangling.add(new LinkedHashMap<>());
    }
    int rows = 0;
    // per level, computed once: the columns read, the key fields, and every row by primary key (a record
    // reached from several parents is read once and shared, as the federated executor shares it)
    List<List<FieldModel>> selectedByLevel = new ArrayList<>();
    List<Set<FieldModel>> keysByLevel = new ArrayList<>();
    List<Map<Object, Run.Row>> rowsByLevel = new ArrayList<>();
    List<FieldModel> linkFields = new ArrayList<>();
    List<Integer> pkOffsets = new ArrayList<>(); // where each level's primary key sits among its columns
    for (int level = 0; level < chain.size(); level++) {
      PlanNode n = chain.get(level);
      selectedByLevel.add(n.selected());
      pkOffsets.add(selectedByLevel.get(level).indexOf(n.table.model().primaryKey()));
      keysByLevel.add(n.keyFields());
      rowsByLevel.add(new java.util.HashMap<>());
      linkFields.add(level == 0 ? null : n.edge.pivot() != null ? n.edge.pivot().field(n.edge.pivotTo())
          : chain.get(level - 1).table.field(n.edge.parentKey()));
    }
    int rootPkColumn = 1 + rootCols.indexOf(table.model().primaryKey());
    try (Connection c = tableSql.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(c, ps, params);
      Set<FieldModel> rootKeys = root.keyFields();
      // stream the rows instead of holding them all in the driver: on PostgreSQL a fetch size reads through a
      // cursor, which needs a transaction (in a unit of work the connection is in one already)
      boolean cursor = tableSql.flavor() == Flavor.POSTGRESQL && c.getAutoCommit();
      if (cursor) {
        c.setAutoCommit(false);
      }
      ps.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows++;
          int col = 1;
          Object rootPk = Sql.key(rs, rootPkColumn, table.model().primaryKey());
          Run.Row parent = roots.get(rootPk);
          boolean fresh = parent == null;
          if (fresh) {
            parent = new Run.Row(Run.NODES.objectNode());
            for (int i = 0; i < rootCols.size(); i++) {
              FieldModel f = rootCols.get(i);
              if (root.fields.contains(f)) {
                Sql.put(parent.json, rs, i + 1, f);
              }
              if (rootKeys.contains(f)) {
                parent.keys.put(f.name(), Sql.key(rs, i + 1, f));
              }
            }
            roots.put(rootPk, parent);
            if (count && run.count == null) {
              run.count = rs.getLong(rootCols.size() + 1);
            }
          }
          col = rootCols.size() + (count ? 1 : 0) + 1;
          for (int level = 1; level < chain.size() && parent != null; level++) {
            PlanNode n = chain.get(level);
            List<FieldModel> selected = selectedByLevel.get(level);
            Object link = Sql.key(rs, col, linkFields.get(level));
            int pkIndex = col + 1 + pkOffsets.get(level);
            Object pk = Sql.key(rs, pkIndex, n.table.model().primaryKey());
            LinkedHashMap<Object, Run.Row> siblings = children.get(level).computeIfAbsent(parent,
                p -> new LinkedHashMap<>(4)); // most parents have few children
            Run.Row child = null;
            if (link != null && pk == null && !n.hasRelationFilter) {
              dangling.get(level).computeIfAbsent(parent.keys.get(n.edge.parentKey()), k -> new LinkedHashSet<>())
                  .add(link);
            } else if (pk != null) {
              child = siblings.get(pk);
              if (child == null) {
                child = rowsByLevel.get(level).get(pk);
              }
              if (child == null) {
                child = new Run.Row(Run.NODES.objectNode());
                Set<FieldModel> keys = keysByLevel.get(level);
                for (int i = 0; i < selected.size(); i++) {
                  FieldModel f = selected.get(i);
                  if (n.fields.contains(f)) {
                    Sql.put(child.json, rs, col + 1 + i, f);
                  }
                  if (keys.contains(f)) {
                    child.keys.put(f.name(), Sql.key(rs, col + 1 + i, f));
                  }
                }
                rowsByLevel.get(level).put(pk, child);
              }
              siblings.putIfAbsent(pk, child);
            }
            col += 1 + selected.size();
            parent = child;
          }
        }
      } finally {
        if (cursor) {
          c.commit(); // read only: ends the cursor's transaction
          c.setAutoCommit(true);
        }
      }
    } catch (SQLException e) {
      throw DatabaseErrors.failed("graph query on " + root.path + " (pushed down)", e, sql);
    }
    run.fetched(String.join(" + ", chain.stream().map(n -> n.table.name()).toList()), 0, rows, 1);
    for (int level = 1; level < chain.size(); level++) {
      run.dangling(chain.get(level), dangling.get(level));
    }
    // assemble, deepest level first
    for (int level = chain.size() - 1; level >= 1; level--) {
      PlanNode n = chain.get(level);
      Map<Run.Row, LinkedHashMap<Object, Run.Row>> byParent = children.get(level);
      Iterable<Run.Row> parents = level == 1 ? roots.values() : allChildren(children.get(level - 1));
      for (Run.Row p : parents) {
        LinkedHashMap<Object, Run.Row> items = byParent.getOrDefault(p, new LinkedHashMap<>());
        if (n.edge.isList()) {
          ArrayNode array = p.json.putArray(n.edge.alias());
          int limit = n.limit == null ? Integer.MAX_VALUE : n.limit;
          int i = 0;
          for (Run.Row item : items.values()) {
            if (i++ >= limit) {
              break;
            }
            array.add(item.json);
          }
        } else {
          p.json.set(n.edge.alias(), items.isEmpty() ? Run.NODES.nullNode() : items.values().iterator().next().json);
        }
      }
    }
    return new ArrayList<>(roots.values());
  }

  private static long count(JdbcTable table, String sql, List<Object> params, Run run) {
    try (Connection c = table.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(c, ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        run.fetched(table.model().name() + " (count)", 0, 1, 1);
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw DatabaseErrors.failed("count of " + table.model().name() + " (pushed down)", e, sql);
    }
  }

  private static List<Run.Row> allChildren(Map<Run.Row, LinkedHashMap<Object, Run.Row>> level) {
    List<Run.Row> out = new ArrayList<>();
    Set<Run.Row> seen = new HashSet<>();
    for (LinkedHashMap<Object, Run.Row> m : level.values()) {
      for (Run.Row r : m.values()) {
        if (seen.add(r)) {
          out.add(r);
        }
      }
    }
    return out;
  }

}
