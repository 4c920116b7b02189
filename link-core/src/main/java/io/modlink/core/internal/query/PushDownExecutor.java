package io.modlink.core.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.HashMap;
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
  static final int FETCH_SIZE = 10_000;

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

  static void tables(PlanNode node, List<Source> out) {
    out.add(node.table);
    if (node.edge != null && node.edge.pivot() != null) {
      out.add(node.edge.pivot());
    }
    node.children.values().forEach(child -> tables(child, out));
  }

  static void semiTables(PlanNode.SemiJoin s, List<Source> out) {
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

  List<ObjectNode> execute(PlanNode root, Run run) {
    List<PlanNode> chain = new ArrayList<>();
    for (PlanNode n = root; ; n = n.children.values().iterator().next()) {
      chain.add(n);
      if (n.children.isEmpty()) {
        break;
      }
    }
    List<Object> params = new ArrayList<>();
    boolean count = run.query.withCount();
    JdbcTable rootSql = sql(root.table);
    StringBuilder sql = new StringBuilder();
    RootPage page = rootPage(root, rootSql, run, params, sql);
    List<FieldModel> rootCols = page.columns();
    boolean paged = page.paged();
    java.util.function.Function<FieldModel, String> rootRef = page::ref;
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
    List<ObjectNode> roots = read(chain, rootCols, sql.toString(), params, run, count);
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

  /**
   * The root page's columns as a statement starts them: the selected fields and the order's. A page of
   * roots (take, skip or a count) is a CTE {@code r0}, so that limit and offset count roots, not joined
   * rows: {@code with r0 as (select t0.x as c0, ... from root t0 where ... order by ... <page>) select
   * r0.*}; otherwise {@code select t0.x, ...} (the caller appends the root table and its filter).
   */
  static RootPage rootPage(PlanNode root, JdbcTable rootSql, Run run, List<Object> params, StringBuilder sql) {
    List<FieldModel> columns = new ArrayList<>(root.selected());
    for (var o : root.order) {
      FieldModel f = root.table.field(o.field());
      if (!columns.contains(f)) {
        columns.add(f);
      }
    }
    boolean count = run.query.withCount();
    boolean paged = count || run.query.take().isPresent() || run.query.skip() > 0;
    if (paged) {
      sql.append("with r0 as (select ");
      for (int i = 0; i < columns.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("t0.").append(rootSql.column(columns.get(i))).append(" as c").append(i);
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
      for (int i = 0; i < columns.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("t0.").append(rootSql.column(columns.get(i)));
      }
    }
    return new RootPage(columns, paged, rootSql);
  }

  /** The root page of a joined statement ({@link #rootPage}). */
  record RootPage(List<FieldModel> columns, boolean paged, JdbcTable rootSql) {
    /** How the statement names a root column: {@code r0.c<i>} in a page, {@code t0.<column>} otherwise. */
    String ref(FieldModel f) {
      return paged ? "r0.c" + columns.indexOf(f) : "t0." + rootSql.column(f);
    }
  }

  static String rootWhere(PlanNode root, Run run, List<Object> params) {
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

  private static String exists(Source parent, String parentAlias, PlanNode.SemiJoin s, List<Object> params, int[] alias) {
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

  /**
   * Reads the joined rows and builds the result as they stream by. The statement orders rows by root, then
   * by each level's order, so that the rows of one root (and of one child under it) are consecutive: a
   * node's list is complete when the next row names another node, and is then set as an exactly sized
   * array. A record reached from several parents is built once (with its own relations, complete at its
   * first appearance) and shared, as the federated executor shares it; for a row whose nodes were all
   * seen, only the keys are read.
   */
  private List<ObjectNode> read(List<PlanNode> chain, List<FieldModel> rootCols, String sql, List<Object> params,
      Run run, boolean count) {
    PlanNode root = chain.get(0);
    JdbcTable tableSql = sql(root.table);
    Levels levels = new Levels(chain, rootCols, count);
    int rows = 0;
    try (Connection c = tableSql.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(c, ps, params);
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
          levels.row(rs);
          if (count && run.count == null) {
            run.count = rs.getLong(rootCols.size() + 1);
          }
        }
        levels.finish(0);
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
      run.dangling(chain.get(level), levels.dangling.get(level));
    }
    return levels.roots;
  }

  /** The state of the one-pass build: per level, the node being read and the list of its children so far. */
  private static final class Levels {
    final List<ObjectNode> roots = new ArrayList<>();
    final List<Map<Object, Set<Object>>> dangling = new ArrayList<>();
    private final int depth;
    private final PlanNode[] nodes;
    /** Per level, the columns read (1-based index of the first) and which of them are returned. */
    private final FieldModel[][] columns;
    private final boolean[][] returned;
    private final int[] first;
    /** Per level: the column of its primary key, of the link's key (0 for the root), of its parent's key. */
    private final int[] pkColumn;
    private final int[] linkColumn;
    private final int[] parentKeyColumn;
    private final FieldModel[] linkField;
    private final FieldModel[] parentKey;
    private final int[] limit;
    private final int[] capacity;
    /** Per level below the root, every node read, by primary key (each built once). */
    private final List<Map<Object, ObjectNode>> seen = new ArrayList<>();
    /** Per level, the current node, its key, and whether its relations are being built (first appearance). */
    private final ObjectNode[] current;
    private final Object[] currentKey;
    private final boolean[] building;
    /** Per level, the children of the current node collected so far (the next level's nodes). */
    private final List<List<JsonNode>> children = new ArrayList<>();

    Levels(List<PlanNode> chain, List<FieldModel> rootCols, boolean count) {
      depth = chain.size();
      nodes = chain.toArray(new PlanNode[0]);
      columns = new FieldModel[depth][];
      returned = new boolean[depth][];
      first = new int[depth];
      pkColumn = new int[depth];
      linkColumn = new int[depth];
      parentKeyColumn = new int[depth];
      linkField = new FieldModel[depth];
      parentKey = new FieldModel[depth];
      limit = new int[depth];
      capacity = new int[depth];
      current = new ObjectNode[depth];
      currentKey = new Object[depth];
      building = new boolean[depth];
      int col = 1;
      for (int level = 0; level < depth; level++) {
        PlanNode n = nodes[level];
        List<FieldModel> cols = level == 0 ? rootCols : n.selected();
        if (level > 0) {
          linkColumn[level] = col++; // the link's key (or the parent's key of a direct hop) precedes the columns
          linkField[level] = n.edge.pivot() != null ? n.edge.pivot().field(n.edge.pivotTo())
              : nodes[level - 1].table.field(n.edge.parentKey());
          parentKey[level] = nodes[level - 1].table.field(n.edge.parentKey());
          parentKeyColumn[level] = first[level - 1] + indexOf(columns[level - 1], parentKey[level]);
          limit[level] = n.limit == null ? Integer.MAX_VALUE : n.limit;
        }
        first[level] = col;
        columns[level] = cols.toArray(new FieldModel[0]);
        returned[level] = new boolean[cols.size()];
        for (int i = 0; i < cols.size(); i++) {
          returned[level][i] = n.fields.contains(cols.get(i));
        }
        pkColumn[level] = col + indexOf(columns[level], n.table.model().primaryKey());
        // the returned fields, and the relation below
        capacity[level] = (int) ((n.fields.size() + 1) / 0.75f) + 1;
        col += cols.size() + (level == 0 && count ? 1 : 0);
        dangling.add(new LinkedHashMap<>());
        seen.add(new HashMap<>());
        children.add(new ArrayList<>());
      }
    }

    private static int indexOf(FieldModel[] fields, FieldModel field) {
      for (int i = 0; i < fields.length; i++) {
        if (fields[i].equals(field)) {
          return i;
        }
      }
      throw new IllegalStateException(field.name() + " is not among the columns read");
    }

    void row(ResultSet rs) throws SQLException {
      Object rootKey = Sql.key(rs, pkColumn[0], nodes[0].table.model().primaryKey());
      boolean newParent = !rootKey.equals(currentKey[0]);
      if (newParent) {
        finish(0);
        current[0] = node(rs, 0);
        currentKey[0] = rootKey;
        building[0] = true;
        roots.add(current[0]);
      }
      for (int level = 1; level < depth && building[level - 1]; level++) {
        Object key = Sql.key(rs, pkColumn[level], nodes[level].table.model().primaryKey());
        if (!newParent && key != null && key.equals(currentKey[level])) {
          continue; // the same node as the row before (a row of one of its descendants)
        }
        finish(level);
        currentKey[level] = key;
        if (key == null) {
          current[level] = null;
          building[level] = false;
          missing(rs, level);
          return;
        }
        ObjectNode node = seen.get(level).get(key);
        building[level] = node == null;
        if (node == null) {
          node = node(rs, level);
          seen.get(level).put(key, node);
        }
        current[level] = node;
        List<JsonNode> siblings = children.get(level - 1);
        if (siblings.size() < limit[level]) {
          siblings.add(node);
        }
        newParent = true;
      }
    }

    /** Sets the collected lists of the current nodes from {@code level} down, and forgets those nodes. */
    void finish(int level) {
      for (int l = depth - 2; l >= level; l--) {
        if (building[l] && current[l] != null) {
          List<JsonNode> items = children.get(l);
          Edge edge = nodes[l + 1].edge;
          if (edge.isList()) {
            current[l].set(edge.alias(), new ArrayNode(Run.NODES, new ArrayList<>(items)));
          } else {
            current[l].set(edge.alias(), items.isEmpty() ? Run.NODES.nullNode() : items.get(0));
          }
          items.clear();
          building[l] = false;
        }
      }
    }

    private ObjectNode node(ResultSet rs, int level) throws SQLException {
      ObjectNode node = new ObjectNode(Run.NODES, new LinkedHashMap<>(capacity[level]));
      FieldModel[] cols = columns[level];
      for (int i = 0; i < cols.length; i++) {
        if (returned[level][i]) {
          Sql.put(node, rs, first[level] + i, cols[i]);
        }
      }
      return node;
    }

    /** A row without a node at {@code level}: a link to a record that is gone, unless a filter left it out. */
    private void missing(ResultSet rs, int level) throws SQLException {
      if (nodes[level].hasRelationFilter) {
        return;
      }
      Object link = Sql.key(rs, linkColumn[level], linkField[level]);
      if (link != null) {
        dangling.get(level).computeIfAbsent(Sql.key(rs, parentKeyColumn[level], parentKey[level]),
            k -> new LinkedHashSet<>()).add(link);
      }
    }
  }

  static long count(JdbcTable table, String sql, List<Object> params, Run run) {
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



}
