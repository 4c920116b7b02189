package io.modlink.examples.server;

import io.modlink.core.query.GraphQuery;
import io.modlink.core.spi.SortDirection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The query string of a route: {@code fields}, and for lists {@code limit}, {@code offset},
 * {@code order} and the route's filters. Anything else is a 400 naming the parameter.
 *
 * @param fields the {@code fields} parameter, or null
 * @param limit the page size
 * @param offset the rows to skip
 * @param order the order field, {@code -} first for descending, or null
 * @param filters the filters given, by their query names
 */
record ListParams(@Nullable String fields, int limit, int offset, @Nullable String order, Map<String, Object> filters) {
  private static final Set<String> PAGING = Set.of("fields", "limit", "offset", "order");

  /**
   * Reads a list route's query string.
   *
   * @param defaultLimit the page size when {@code limit} is absent
   * @param filterNames the filters the route takes
   */
  static ListParams list(Map<String, Object> query, int defaultLimit, Set<String> filterNames) {
    Map<String, Object> filters = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : query.entrySet()) {
      if (PAGING.contains(e.getKey())) {
        continue;
      }
      if (!filterNames.contains(e.getKey())) {
        throw unknown(e.getKey(), filterNames, true);
      }
      filters.put(e.getKey(), e.getValue());
    }
    return new ListParams(text(query, "fields"), number(query, "limit", defaultLimit), number(query, "offset", 0),
        text(query, "order"), filters);
  }

  /** Reads a single-record route's query string: {@code fields} only. */
  static ListParams one(Map<String, Object> query) {
    for (String name : query.keySet()) {
      if (!name.equals("fields")) {
        throw unknown(name, Set.of(), false);
      }
    }
    return new ListParams(text(query, "fields"), 0, 0, null, Map.of());
  }

  /** Applies the page and order to a graph query, with the count. */
  GraphQuery.Builder page(GraphQuery.Builder query) {
    query.skip(offset).take(limit).withCount();
    if (order != null && !order.isBlank()) {
      boolean desc = order.startsWith("-");
      query.order(desc ? order.substring(1) : order, desc ? SortDirection.DESC : SortDirection.ASC);
    }
    return query;
  }

  private static HttpProblem unknown(String name, Set<String> filters, boolean list) {
    Set<String> known = new TreeSet<>(filters);
    known.add("fields");
    if (list) {
      known.addAll(PAGING);
    }
    return HttpProblem.invalid("unknown query parameter '" + name + "'; this route takes " + String.join(", ", known));
  }

  private static @Nullable String text(Map<String, Object> query, String name) {
    Object value = query.get(name);
    if (value == null) {
      return null;
    }
    if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return String.join(",", list.stream().map(String.class::cast).toList());   // fields[]=a&fields[]=b
    }
    if (!(value instanceof String s)) {
      throw HttpProblem.invalid(name + " must be a single value, got " + value);
    }
    return s;
  }

  private static int number(Map<String, Object> query, String name, int absent) {
    Object value = query.get(name);
    if (value == null) {
      return absent;
    }
    if (value instanceof String s && s.matches("\\d{1,9}")) {
      return Integer.parseInt(s);
    }
    throw HttpProblem.invalid(name + " must be a whole number of 0 or more, got '" + value + "'");
  }
}
