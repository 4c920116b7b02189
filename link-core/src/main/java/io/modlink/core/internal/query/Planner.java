package io.modlink.core.internal.query;

import io.modlink.core.error.InvalidDataException;
import io.modlink.core.internal.naming.DidYouMean;
import io.modlink.core.internal.store.Filter;
import io.modlink.core.internal.store.FilterParser;
import io.modlink.core.internal.store.Values;
import io.modlink.core.link.LinkRegistry;
import io.modlink.core.link.Relation;
import io.modlink.core.link.ResolvedLink;
import io.modlink.core.link.ResolvedSide;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.query.GraphQuery;
import io.modlink.core.query.RelationArgs;
import io.modlink.core.spi.SortOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Turns a {@link GraphQuery} into a validated tree of {@link PlanNode}s. Touches no database. */
public final class Planner {
  private final LinkRegistry registry;
  private final Function<String, Source> entityTables;
  private final Map<String, Source> linkTables;

  public Planner(LinkRegistry registry, Function<String, Source> entityTables, Map<String, Source> linkTables) {
    this.registry = registry;
    this.entityTables = entityTables;
    this.linkTables = linkTables;
  }

  public PlanNode plan(GraphQuery query) {
    PlanNode root = root(query.entity());
    List<String> paths = query.fields().isEmpty() ? List.of("*") : query.fields();
    Map<PlanNode, Boolean> all = new LinkedHashMap<>();
    for (String path : paths) {
      addPath(root, path, query.maxDepth(), all);
    }
    all.forEach((node, star) -> {
      if (star) {
        node.fields.addAll(node.table.model().visibleFields());
      }
    });
    finishFields(root);
    Map<String, @Nullable Object> own = new LinkedHashMap<>();
    for (Map.Entry<String, @Nullable Object> e : query.filters().entrySet()) {
      String key = e.getKey();
      if (key == null) {
        throw new InvalidDataException("null key in the filters of " + root.path + " (its value: "
            + Values.describe(e.getValue()) + "); keys are fields of " + root.table.name() + " ("
            + String.join(", ", root.table.model().fieldNames()) + "), its relations (" + list(edges(root).keySet())
            + "), $and or $or");
      }
      Optional<Edge> edge = key.startsWith("$") || root.table.model().field(key).isPresent()
          ? Optional.empty() : edge(root, key);
      if (edge.isPresent()) {
        root.semiJoins.add(semiJoin(edge.get(), e.getValue(), root.table.name() + "." + key, query.maxDepth(), 1));
        addJoinField(root, edge.get());
      } else {
        if (!key.startsWith("$") && root.table.model().field(key).isEmpty()) {
          throw unknown(root, key, root.table.name() + "." + key, "filter");
        }
        own.put(key, e.getValue());
      }
    }
    root.filter = visible(new FilterParser(root.table.model()).parse(own), root.table.model(), "filters");
    root.order = order(root, query.order(), "order");
    for (Map.Entry<String, RelationArgs> e : query.relations().entrySet()) {
      PlanNode node = find(root, e.getKey());
      RelationArgs args = e.getValue();
      node.filter = visible(new FilterParser(node.table.model()).parse(args.filters(), "relation(" + e.getKey()
          + ").filters"), node.table.model(), "relation(" + e.getKey() + ").filters");
      node.hasRelationFilter = !args.filters().isEmpty();
      node.order = order(node, args.order(), "relation order");
      node.limit = args.limit().orElse(null);
    }
    return root;
  }

  private PlanNode root(String name) {
    Optional<EntityModel> entity = registry.entity(name);
    if (entity.isPresent()) {
      return new PlanNode(entity.get().name(), entityTables.apply(entity.get().name()), null);
    }
    Optional<ResolvedLink> link = registry.entryPoint(name);
    if (link.isPresent()) {
      return new PlanNode(name, linkTables.get(link.get().table().orElseThrow()), null);
    }
    List<String> known = registry.entryPointNames();
    throw new InvalidDataException("unknown entity " + Values.describe(name) + DidYouMean.hint(name, known)
        + "; known entities and link entry points: " + String.join(", ", known));
  }

  private void addPath(PlanNode root, String path, int maxDepth, Map<PlanNode, Boolean> all) {
    if (path == null || path.isBlank()) {
      throw new InvalidDataException("empty field path in fields of " + root.path + "; use '*', a field, or"
          + " 'relation.*'");
    }
    String[] segments = path.split("\\.", -1);
    for (String seg : segments) {
      if (seg.isEmpty()) {
        throw new InvalidDataException("field path '" + Values.shorten(path) + "' of " + root.path + " has an empty"
            + " segment; separate names by single dots, as in 'relation.field' or 'relation.*'");
      }
    }
    PlanNode node = root;
    StringBuilder at = new StringBuilder(root.path);
    for (int i = 0; i < segments.length; i++) {
      String seg = segments[i];
      at.append('.').append(seg);
      boolean last = i == segments.length - 1;
      if (last) {
        if (seg.equals("*")) {
          all.put(node, true);
        } else if (node.table.model().field(seg).isPresent()) {
          node.fields.add(visible(node.table.model().field(seg).get(), node.table.model(), "field path " + at));
          all.putIfAbsent(node, false);
        } else {
          Optional<Edge> edge = edge(node, seg);
          if (edge.isEmpty()) {
            throw unknown(node, seg, at.toString(), "field");
          }
          PlanNode child = child(node, edge.get(), maxDepth, at.toString());
          all.put(child, true);
        }
      } else {
        Optional<Edge> edge = edge(node, seg);
        if (edge.isEmpty()) {
          if (node.table.model().field(seg).isPresent()) {
            throw new InvalidDataException("'" + seg + "' at " + Values.shorten(at.toString()) + " is a field of " + node.table.name()
                + ", not a relation, so nothing can follow it; relations of " + node.table.name() + ": "
                + list(edges(node).keySet()));
          }
          throw unknown(node, seg, at.toString(), "relation");
        }
        node = child(node, edge.get(), maxDepth, at.toString());
        all.putIfAbsent(node, false);
      }
    }
  }

  private PlanNode child(PlanNode parent, Edge edge, int maxDepth, String at) {
    PlanNode existing = parent.children.get(edge.alias());
    if (existing != null) {
      return existing;
    }
    PlanNode child = new PlanNode(parent.path + "." + edge.alias(), edge.target(), edge);
    if (child.depth() > maxDepth) {
      throw new InvalidDataException("field path " + at + " goes " + child.depth() + " relations deep; the limit is "
          + maxDepth + " (GraphQuery.Builder.maxDepth)");
    }
    parent.children.put(edge.alias(), child);
    return child;
  }

  private void finishFields(PlanNode node) {
    FieldModel pk = node.table.model().primaryKey();
    List<FieldModel> requested = new ArrayList<>(node.fields);
    node.fields.clear();
    node.fields.add(pk);
    node.fields.addAll(requested);
    if (node.edge != null) {
      node.joinFields.add(node.table.field(node.edge.targetKey()));
    }
    for (PlanNode child : node.children.values()) {
      addJoinField(node, child.edge);
      finishFields(child);
    }
  }

  private static void addJoinField(PlanNode node, Edge edge) {
    FieldModel key = node.table.field(edge.parentKey());
    if (!node.fields.contains(key)) {
      node.joinFields.add(key);
    }
  }

  private PlanNode.SemiJoin semiJoin(Edge edge, @Nullable Object condition, String at, int maxDepth, int depth) {
    if (depth > maxDepth) {
      throw new InvalidDataException("filter path " + at + " goes " + depth + " relations deep; the limit is " + maxDepth);
    }
    if (!(condition instanceof Map<?, ?> map)) {
      throw new InvalidDataException("filter on relation " + at + " must be a filter map on " + edge.target().name()
          + ", e.g. {\"" + edge.alias() + "\": {\"" + edge.target().model().fieldNames().get(0) + "\": ...}}; got "
          + Values.describe(condition));
    }
    Map<String, Object> own = new LinkedHashMap<>();
    List<PlanNode.SemiJoin> nested = new ArrayList<>();
    PlanNode probe = new PlanNode(at, edge.target(), edge);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String key)) {
        throw new InvalidDataException("filter key " + Values.describe(e.getKey()) + " at " + at + " is not a string;"
            + " keys are fields of " + edge.target().name() + ", its relations, $and or $or");
      }
      if (!key.startsWith("$") && edge.target().model().field(key).isEmpty()) {
        Optional<Edge> next = edge(probe, key);
        if (next.isEmpty()) {
          throw unknown(probe, key, at + "." + key, "filter");
        }
        nested.add(semiJoin(next.get(), e.getValue(), at + "." + key, maxDepth, depth + 1));
      } else {
        own.put(key, e.getValue());
      }
    }
    Filter filter = visible(new FilterParser(edge.target().model()).parse(own, "filters" + at.substring(at.indexOf('.'))),
        edge.target().model(), "filters at " + at);
    return new PlanNode.SemiJoin(edge, filter, nested);
  }

  private List<SortOrder> order(PlanNode node, List<SortOrder> order, String what) {
    for (SortOrder o : order) {
      FieldModel f = node.table.model().field(o.field()).orElseThrow(() -> new InvalidDataException("unknown field "
          + Values.describe(o.field()) + " in " + what + " of " + node.path + DidYouMean.hint(o.field(),
          node.table.model().visibleFieldNames()) + "; known fields: "
          + String.join(", ", node.table.model().visibleFieldNames())));
      visible(f, node.table.model(), what + " of " + node.path);
      if (f.type() == FieldType.JSON || f.type() == FieldType.OTHER) {
        throw new InvalidDataException("cannot order " + node.path + " by '" + f.name() + "', a "
            + f.type().name().toLowerCase() + " field");
      }
    }
    return List.copyOf(order);
  }

  /**
   * The node a relation argument's path names: a relation among the query's field paths, never the
   * root itself (whose arguments are the query's own filters and order).
   */
  private PlanNode find(PlanNode root, String path) {
    String[] segments = path.split("\\.", -1);
    boolean wellFormed = !path.isBlank();
    for (String seg : segments) {
      wellFormed &= !seg.isEmpty();
    }
    if (!wellFormed) {
      throw new InvalidDataException("relation arguments for '" + Values.shorten(path) + "', which names no relation;"
          + " name a relation path among the fields of " + root.path + ", such as 'relation' or 'relation.nested'"
          + " (relations in the fields: " + list(relationPaths(root)) + ")");
    }
    PlanNode node = root;
    for (String seg : segments) {
      PlanNode next = node.children.get(seg);
      if (next == null) {
        throw new InvalidDataException("relation arguments for '" + Values.shorten(path) + "', which is not among the"
            + " fields of " + root.path + "; add '" + Values.shorten(path) + ".*' to the fields, or fix the path"
            + " (relations in the fields: " + list(relationPaths(root)) + "; relations of " + node.path + ": "
            + list(edges(node).keySet()) + ")" + DidYouMean.hint(path, relationPaths(root)));
      }
      node = next;
    }
    return node;
  }

  /** The field, unless its module hides it. */
  private static FieldModel visible(FieldModel field, EntityModel model, String where) {
    if (field.hidden()) {
      throw new InvalidDataException("field " + field.name() + " of " + model.name() + " is hidden (in " + where
          + "): the " + model.module() + " module keeps it to itself and no query may select, filter or order by"
          + " it; visible fields: " + String.join(", ", model.visibleFieldNames()));
    }
    return field;
  }

  /** The filter, unless it names a field its module hides. */
  private static Filter visible(Filter filter, EntityModel model, String where) {
    if (filter instanceof Filter.And and) {
      and.parts().forEach(p -> visible(p, model, where));
    } else if (filter instanceof Filter.Or or) {
      or.parts().forEach(p -> visible(p, model, where));
    } else if (filter instanceof Filter.Compare c) {
      visible(c.field(), model, where);
    } else if (filter instanceof Filter.In in) {
      visible(in.field(), model, where);
    } else if (filter instanceof Filter.IsNull n) {
      visible(n.field(), model, where);
    } else if (filter instanceof Filter.Like like) {
      visible(like.field(), model, where);
    }
    return filter;
  }

  /** The relation paths below the root, as relation arguments name them ({@code a}, {@code a.b}). */
  private static List<String> relationPaths(PlanNode root) {
    List<String> out = new ArrayList<>();
    collectPaths(root, root.path.length() + 1, out);
    return out;
  }

  private static void collectPaths(PlanNode node, int prefix, List<String> out) {
    for (PlanNode child : node.children.values()) {
      out.add(child.path.substring(prefix));
      collectPaths(child, prefix, out);
    }
  }

  private InvalidDataException unknown(PlanNode node, String name, String at, String what) {
    List<String> fields = node.table.model().visibleFieldNames();
    Collection<String> relations = edges(node).keySet();
    List<String> known = new ArrayList<>(fields);
    known.addAll(relations);
    return new InvalidDataException("unknown " + what + " " + Values.describe(name) + " at " + Values.shorten(at)
        + DidYouMean.hint(name, known)
        + "; fields of " + node.table.name() + ": " + String.join(", ", fields) + "; relations: " + list(relations));
  }

  private static String list(Collection<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }

  private Optional<Edge> edge(PlanNode node, String alias) {
    return Optional.ofNullable(edges(node).get(alias));
  }

  /** The relations a node's table has, by alias. */
  Map<String, Edge> edges(PlanNode node) {
    Map<String, Edge> edges = new LinkedHashMap<>();
    String name = node.table.name();
    Optional<EntityModel> entity = registry.entity(name).filter(e -> e == node.table.model());
    if (entity.isPresent()) {
      for (Relation r : registry.relations(name)) {
        Source target = entityTables.apply(r.target().name());
        if (r.link().isReadOnly()) {
          String parentField = fieldOfColumn(r.entity(), r.from().column());
          edges.put(r.alias(), new Edge(r.alias(), r.isList(), parentField, null, null, null, target,
              r.to().key().field()));
        } else {
          Source pivot = linkTables.get(r.link().table().orElseThrow());
          edges.put(r.alias(), new Edge(r.alias(), r.isList(), r.from().key().field(), pivot, r.from().column(),
              r.to().column(), target, r.to().key().field()));
        }
      }
      return edges;
    }
    ResolvedLink link = registry.links().stream().filter(l -> l.table().map(linkTables::get).orElse(null) == node.table)
        .findFirst().orElseThrow();
    for (ResolvedSide side : List.of(link.left(), link.right())) {
      Source target = entityTables.apply(side.entity().name());
      edges.putIfAbsent(side.entity().name(), new Edge(side.entity().name(), false, side.column(), null, null, null,
          target, side.key().field()));
    }
    return edges;
  }

  private static String fieldOfColumn(EntityModel entity, String column) {
    return entity.fields().stream().filter(f -> f.column().equals(column)).map(FieldModel::name).findFirst()
        .orElse(column);
  }
}
