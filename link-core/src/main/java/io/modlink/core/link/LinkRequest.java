package io.modlink.core.link;

import io.modlink.core.error.InvalidDataException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * A request to create or dismiss one link: two {@link LinkKey}s and, for create, values of the
 * link's extra columns. Order does not matter: the link is found by the two (module, entity) pairs.
 *
 * <pre>{@code
 * LinkRequest.between(LinkKey.of("api_key", "api_key_id", "apk_123"),
 *                     LinkKey.of("sales_channel", "sales_channel_id", "sc_123"))
 * LinkRequest.fromMap(Map.of(
 *     "api_key", Map.of("api_key_id", "apk_123"),
 *     "sales_channel", Map.of("sales_channel_id", "sc_123"),
 *     "data", Map.of("priority", 1)))           // Medusa's form
 * }</pre>
 *
 * @param first one side
 * @param second the other side
 * @param data extra column values; only the columns given are written
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LinkRequest(LinkKey first, LinkKey second, Map<String, Object> data) {
  public LinkRequest {
    if (first == null || second == null) {
      throw new InvalidDataException("link request " + first + " <-> " + second + " lacks a side; a link joins two"
          + " records: give both keys");
    }
    data = Collections.unmodifiableMap(data == null ? new LinkedHashMap<>() : new LinkedHashMap<>(data));
  }

  public static LinkRequest between(LinkKey first, LinkKey second) {
    return new LinkRequest(first, second, Map.of());
  }

  /** This request with extra column values (null values are allowed in the map). */
  public LinkRequest withData(Map<String, ?> values) {
    return new LinkRequest(first, second, values == null ? new LinkedHashMap<>() : new LinkedHashMap<>(values));
  }

  /**
   * Reads Medusa's map form: two module entries, each a map with one linkable key and its value,
   * and an optional {@code data} entry.
   *
   * @throws InvalidDataException naming what is wrong with the map
   */
  public static LinkRequest fromMap(Map<String, ?> request) {
    return fromMap(request, "");
  }

  /** Reads a list of requests in Medusa's map form; errors name the index. */
  public static List<LinkRequest> fromMaps(List<? extends Map<String, ?>> requests) {
    List<LinkRequest> out = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      out.add(fromMap(requests.get(i), "[" + i + "]"));
    }
    return out;
  }

  private static LinkRequest fromMap(Map<String, ?> request, String path) {
    if (request == null) {
      throw new InvalidDataException("link request" + at(path) + " is null; expected a map such as"
          + " {\"api_key\": {\"api_key_id\": \"apk_1\"}, \"sales_channel\": {\"sales_channel_id\": \"sc_1\"}}");
    }
    List<LinkKey> keys = new ArrayList<>();
    Map<String, Object> data = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : request.entrySet()) {
      Object name = e.getKey();
      if (!(name instanceof String module) || module.isBlank()) {
        throw new InvalidDataException(prefix(path) + "module name " + (name == null ? "null" : "'" + name + "'")
            + " in a link request; the map's keys are module names and \"data\"");
      }
      if ("data".equals(module)) {
        if (e.getValue() != null) {
          if (!(e.getValue() instanceof Map<?, ?> map)) {
            throw new InvalidDataException(prefix(path) + "data must be a map of extra column values, got " + e.getValue());
          }
          map.forEach((k, v) -> data.put(String.valueOf(k), v));
        }
        continue;
      }
      if (!(e.getValue() instanceof Map<?, ?> key) || key.size() != 1) {
        throw new InvalidDataException(prefix(path) + module + " must be a map with exactly one linkable key and its"
            + " value, such as {\"" + module + "_id\": \"...\"}; got " + e.getValue());
      }
      Map.Entry<?, ?> only = key.entrySet().iterator().next();
      if (!(only.getKey() instanceof String keyName) || keyName.isBlank()) {
        throw new InvalidDataException(prefix(path) + module + " names the linkable key "
            + (only.getKey() == null ? "null" : "'" + only.getKey() + "'") + "; give one such as {\"" + module
            + "_id\": \"...\"}");
      }
      Object value = only.getValue();
      if (value == null || (value instanceof CharSequence s && s.toString().isBlank())) {
        throw new InvalidDataException(prefix(path) + module + "." + only.getKey() + " is empty; give the id of the"
            + " record to link");
      }
      keys.add(LinkKey.of(module, keyName, value));
    }
    if (keys.size() != 2) {
      throw new InvalidDataException("link request" + at(path) + " names " + keys.size() + " module(s) "
          + keys.stream().map(LinkKey::module).toList() + "; a link joins exactly two modules");
    }
    return new LinkRequest(keys.get(0), keys.get(1), data);
  }

  private static String prefix(String path) {
    return path.isEmpty() ? "" : path + ".";
  }

  private static String at(String path) {
    return path.isEmpty() ? "" : " " + path;
  }

  @Override
  public String toString() {
    return first + " <-> " + second + (data.isEmpty() ? "" : " " + data);
  }
}
