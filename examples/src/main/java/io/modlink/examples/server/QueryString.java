package io.modlink.examples.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads a query string the way Medusa's clients write it ({@code qs} style) into nested values:
 * {@code id=a} is a string; {@code id[0]=a&id[1]=b}, {@code id[]=a&id[]=b} and {@code id=a&id=b}
 * are lists; {@code revoked_at[$gte]=2024-01-01} is a map of operators; brackets nest.
 * {@code +} is a space, as in forms.
 */
final class QueryString {
  private QueryString() {}

  /** The parameters of {@code raw} (without the {@code ?}); an empty map for null or blank. */
  static Map<String, Object> parse(@Nullable String raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (raw == null || raw.isBlank()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      List<String> path = path(key);
      put(out, path, 0, value, key);
    }
    return normalise(out);
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw HttpProblem.invalid("the query string has a malformed %-escape in '" + text + "'");
    }
  }

  /** {@code a[b][0]} -> [a, b, 0]; {@code a[]} -> [a, ""]. */
  private static List<String> path(String key) {
    List<String> path = new ArrayList<>();
    int open = key.indexOf('[');
    if (open <= 0 || !key.endsWith("]")) {
      path.add(key);
      return path;
    }
    path.add(key.substring(0, open));
    String rest = key.substring(open);
    while (!rest.isEmpty()) {
      int close = rest.indexOf(']');
      if (!rest.startsWith("[") || close < 0) {
        throw HttpProblem.invalid("the query parameter '" + key + "' is malformed; write name[key] or name[0]");
      }
      path.add(rest.substring(1, close));
      rest = rest.substring(close + 1);
    }
    return path;
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> into, List<String> path, int at, String value, String key) {
    String name = path.get(at);
    if (at == path.size() - 1) {
      Object old = into.get(name);
      if (old == null) {
        into.put(name, value);
      } else if (old instanceof Appended list) {
        list.add(value);
      } else if (old instanceof String s) {
        Appended list = new Appended();
        list.add(s);
        list.add(value);
        into.put(name, list);
      } else {
        throw HttpProblem.invalid("the query parameter '" + key + "' is given both as a value and as a map");
      }
      return;
    }
    String next = path.get(at + 1);
    if (next.isEmpty() && at + 1 == path.size() - 1) {        // name[]=v
      Object old = into.get(name);
      Appended list = old instanceof Appended a ? a : new Appended();
      if (old instanceof String s) {
        list.add(s);
      } else if (old != null && !(old instanceof Appended)) {
        throw HttpProblem.invalid("the query parameter '" + key + "' is given both as a list and as a map");
      }
      list.add(value);
      into.put(name, list);
      return;
    }
    Object old = into.get(name);
    if (old == null) {
      old = new TreeMap<String, Object>(QueryString::compareKeys);
      into.put(name, old);
    }
    if (!(old instanceof Map<?, ?>)) {
      throw HttpProblem.invalid("the query parameter '" + key + "' is given both as a value and as a map");
    }
    put((Map<String, Object>) old, path, at + 1, value, key);
  }

  /** Numeric keys in numeric order, before the others. */
  private static int compareKeys(String a, String b) {
    boolean na = isIndex(a);
    boolean nb = isIndex(b);
    if (na && nb) {
      return Long.compare(Long.parseLong(a), Long.parseLong(b));
    }
    return na ? -1 : nb ? 1 : a.compareTo(b);
  }

  private static boolean isIndex(String key) {
    return !key.isEmpty() && key.length() < 10 && key.chars().allMatch(Character::isDigit);
  }

  /** Maps whose keys are all indexes become lists; everything else keeps its shape. */
  private static Map<String, Object> normalise(Map<String, Object> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, normaliseValue(v)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object normaliseValue(Object value) {
    if (value instanceof Appended list) {
      return List.copyOf(list);
    }
    if (value instanceof Map<?, ?> map) {
      if (!map.isEmpty() && map.keySet().stream().allMatch(k -> isIndex((String) k))) {
        List<Object> list = new ArrayList<>();
        map.values().forEach(v -> list.add(normaliseValue(v)));
        return List.copyOf(list);
      }
      return normalise((Map<String, Object>) map);
    }
    return value;
  }

  /** A list being collected from repeated keys. */
  private static final class Appended extends ArrayList<String> {
    private static final long serialVersionUID = 1L;
  }
}
