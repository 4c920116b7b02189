package io.modlink.core.internal.store;

import io.modlink.core.module.FieldModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A validated filter, with values already converted to the fields' Java types. */
public sealed interface Filter {
  /**
   * The filter in the map language of {@code ReadRequest}, which {@link FilterParser} reads back to
   * an equal filter: what a store is asked with.
   */
  static Map<String, Object> toMap(Filter filter) {
    Map<String, Object> map = new LinkedHashMap<>();
    if (filter instanceof True) {
      return map;
    }
    if (filter instanceof And and) {
      map.put("$and", parts(and.parts()));
    } else if (filter instanceof Or or) {
      map.put("$or", parts(or.parts()));
    } else if (filter instanceof Compare c) {
      map.put(c.field().name(), Map.of("$" + c.op().name().toLowerCase(java.util.Locale.ROOT), c.value()));
    } else if (filter instanceof In in) {
      map.put(in.field().name(), Map.of(in.negated() ? "$nin" : "$in", in.values()));
    } else if (filter instanceof IsNull n) {
      map.put(n.field().name(), Map.of("$exists", n.negated()));
    } else if (filter instanceof Like like) {
      map.put(like.field().name(), Map.of(like.caseInsensitive() ? "$ilike" : "$like", like.pattern()));
    }
    return map;
  }

  private static List<Map<String, Object>> parts(List<Filter> parts) {
    List<Map<String, Object>> out = new ArrayList<>(parts.size());
    parts.forEach(p -> out.add(toMap(p)));
    return out;
  }

  /** Matches every row. */
  record True() implements Filter {}

  record And(List<Filter> parts) implements Filter {
    public And {
      parts = List.copyOf(parts);
    }
  }

  record Or(List<Filter> parts) implements Filter {
    public Or {
      parts = List.copyOf(parts);
    }
  }

  enum Op { EQ, NE, GT, GTE, LT, LTE }

  record Compare(FieldModel field, Op op, Object value) implements Filter {}

  record In(FieldModel field, List<Object> values, boolean negated) implements Filter {
    public In {
      values = List.copyOf(values);
    }
  }

  record IsNull(FieldModel field, boolean negated) implements Filter {}

  record Like(FieldModel field, String pattern, boolean caseInsensitive) implements Filter {}
}
