package io.modlink.core.internal.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.modlink.core.module.FieldModel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Runs one SELECT and reads its rows into {@link Run.Row}s. */
final class Fetcher {
  private Fetcher() {}

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * @param returned the fields written into each row's JSON
   * @param keyFields the fields whose values are kept as join keys
   */
  static List<Run.Row> rows(SqlTable table, String sql, List<Object> params, List<FieldModel> selected,
      Set<FieldModel> returned, Set<FieldModel> keyFields, Run run, String source, int keyCount) {
    try (Connection c = table.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(c, ps, params);
      List<Run.Row> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Run.Row row = new Run.Row(NODES.objectNode());
          for (int i = 0; i < selected.size(); i++) {
            FieldModel f = selected.get(i);
            if (returned.contains(f)) {
              Sql.put(row.json, rs, i + 1, f);
            }
            if (keyFields.contains(f)) {
              row.keys.put(f.name(), Sql.key(rs, i + 1, f));
            }
          }
          out.add(row);
        }
      }
      run.fetched(source, keyCount, out.size(), 1);
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("fetch of " + source + " failed: " + e.getMessage() + " [" + sql + "]", e);
    }
  }

  /** Runs a query whose rows are pairs of key values (a link-table fetch). */
  static List<Object[]> pairs(SqlTable table, String sql, List<Object> params, FieldModel a, FieldModel b, Run run,
      String source, int keyCount) {
    try (Connection c = table.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(c, ps, params);
      List<Object[]> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Object[] {Sql.key(rs, 1, a), Sql.key(rs, 2, b)});
        }
      }
      run.fetched(source, keyCount, out.size(), 1);
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("fetch of " + source + " failed: " + e.getMessage() + " [" + sql + "]", e);
    }
  }

  static long count(SqlTable table, String sql, List<Object> params, Run run) {
    try (Connection c = table.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      Sql.bind(c, ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        run.fetched(table.name() + " (count)", 0, 1, 1);
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("count of " + table.name() + " failed: " + e.getMessage(), e);
    }
  }

  static Set<FieldModel> keySet(PlanNode node) {
    Set<FieldModel> keys = new HashSet<>(node.joinFields);
    keys.add(node.table.model().primaryKey());
    if (node.edge != null) {
      keys.add(node.table.field(node.edge.targetKey()));
    }
    for (PlanNode child : node.children.values()) {
      keys.add(node.table.field(child.edge.parentKey()));
    }
    return keys;
  }
}
