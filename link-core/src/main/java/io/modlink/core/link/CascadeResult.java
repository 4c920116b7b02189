package io.modlink.core.link;

import io.modlink.core.spi.AffectedKeys;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * What a {@link Link#delete} or {@link Link#restore} changed.
 *
 * @param links the link rows dismissed (or restored), per link table
 * @param records the records soft-deleted (or restored) through {@code deleteCascade}, per module
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CascadeResult(Map<String, List<LinkRecord>> links, Map<String, List<AffectedKeys>> records) {
  public CascadeResult {
    Map<String, List<LinkRecord>> l = new LinkedHashMap<>();
    links.forEach((k, v) -> l.put(k, List.copyOf(v)));
    links = Collections.unmodifiableMap(l);
    Map<String, List<AffectedKeys>> r = new LinkedHashMap<>();
    records.forEach((k, v) -> r.put(k, List.copyOf(v)));
    records = Collections.unmodifiableMap(r);
  }

  /** The number of link rows changed. */
  public int linkCount() {
    return links.values().stream().mapToInt(List::size).sum();
  }

  /** The ids of {@code entity}'s records changed through the cascade. */
  public List<Object> recordIds(String module, String entity) {
    return records.getOrDefault(module, List.of()).stream().filter(a -> a.entity().equals(entity))
        .flatMap(a -> a.ids().stream()).toList();
  }
}
