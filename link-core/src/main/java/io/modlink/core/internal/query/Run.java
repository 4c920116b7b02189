package io.modlink.core.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.internal.jdbc.JdbcTable;
import io.modlink.core.internal.jdbc.Sql;
import io.modlink.core.module.FieldModel;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.QueryStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** The state of one query run: rows, statistics, warnings. */
final class Run {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final GraphQuery query;
  final String strategy;
  final List<QueryStats.Fetch> fetches = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger roundTrips = new AtomicInteger();
  final AtomicLong rows = new AtomicLong();
  final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
  @Nullable Long count;

  Run(GraphQuery query, String strategy) {
    this.query = query;
    this.strategy = strategy;
  }

  void fetched(String source, int keys, int rowCount, int trips) {
    fetches.add(new QueryStats.Fetch(source, strategy, keys, rowCount, trips));
    roundTrips.addAndGet(trips);
    rows.addAndGet(rowCount);
  }

  /** Reports link rows whose target is gone: a warning, or an error with throwIfRelationNotFound. */
  void dangling(PlanNode node, Map<Object, Set<Object>> missingByParent) {
    if (missingByParent.isEmpty()) {
      return;
    }
    // sorted: the same message whichever strategy read the rows, and in whatever order
    Set<Object> missing = new java.util.TreeSet<>();
    missingByParent.values().forEach(missing::addAll);
    Edge edge = node.edge;
    String message = missing.size() + " " + edge.target().name() + " record(s) linked from " + node.path
        .substring(0, node.path.lastIndexOf('.')) + " through " + edge.via() + " do not exist: " + edge.targetKey()
        + " " + Sql.join(missing);
    if (query.throwIfRelationNotFound()) {
      throw new NotFoundException(message + " (throwIfRelationNotFound is set)");
    }
    warnings.add(message + "; left out of " + node.path);
  }

  /**
   * A key value as joins compare it: a {@code Long} for an integer field, else text; null for a
   * missing or null value.
   */
  static @Nullable Object key(@Nullable JsonNode value, FieldModel field) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (JdbcTable.numericKey(field)) {
      return value.isNumber() ? value.longValue() : Long.valueOf(value.asText().trim());
    }
    return value.isTextual() ? value.textValue() : value.asText();
  }

  /** One fetched row: its JSON (returned fields) and the key values the joins need. */
  static final class Row {
    final ObjectNode json;
    final Map<String, Object> keys = new HashMap<>(4);
    /** Its position in the fetch that read it (a hop orders each parent's list by it). */
    int rank;

    Row(ObjectNode json) {
      this.json = json;
    }
  }

}
