package io.modlink.core.internal.query;

import io.modlink.core.internal.store.Filter;
import io.modlink.core.module.FieldModel;
import io.modlink.core.spi.SortOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** One level of a plan: a table, the fields to return, what to fetch by, and the relations below. */
public final class PlanNode {
  final String path;
  final Source table;
  final @Nullable Edge edge;
  /** Fields returned to the caller, primary key first. */
  final LinkedHashSet<FieldModel> fields = new LinkedHashSet<>();
  /** Fields needed to reach children but not returned. */
  final LinkedHashSet<FieldModel> joinFields = new LinkedHashSet<>();
  final Map<String, PlanNode> children = new LinkedHashMap<>();
  Filter filter = new Filter.True();
  final List<SemiJoin> semiJoins = new ArrayList<>();
  List<SortOrder> order = List.of();
  @Nullable Integer limit;
  boolean hasRelationFilter;

  PlanNode(String path, Source table, @Nullable Edge edge) {
    this.path = path;
    this.table = table;
    this.edge = edge;
  }

  /** Every field selected: returned fields and join fields. */
  List<FieldModel> selected() {
    Set<FieldModel> all = new LinkedHashSet<>(fields);
    all.addAll(joinFields);
    return new ArrayList<>(all);
  }

  /** The fields whose values joins need: primary key, join fields, the key this node is reached by, its children's. */
  Set<FieldModel> keyFields() {
    Set<FieldModel> keys = new java.util.HashSet<>(joinFields);
    keys.add(table.model().primaryKey());
    if (edge != null) {
      keys.add(table.field(edge.targetKey()));
    }
    for (PlanNode child : children.values()) {
      keys.add(table.field(child.edge.parentKey()));
    }
    return keys;
  }

  int depth() {
    return path.split("\\.").length - 1;
  }

  /** A filter on a relation of this node that restricts this node's rows. */
  record SemiJoin(Edge edge, Filter targetFilter, List<SemiJoin> nested) {}
}
