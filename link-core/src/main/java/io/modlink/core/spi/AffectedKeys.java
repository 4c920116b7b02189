package io.modlink.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The records a soft delete or restore changed, by every linkable key of their entity, so that the
 * links addressing them by any key can follow: {@code {api_key_id: [apk_1], publishable_key_id: [apk_1]}}.
 *
 * @param entity the entity's name
 * @param ids the primary keys of the records changed (records already in the target state are not listed)
 * @param byLinkableKey for each linkable key name, the key values of the records changed
 */
@API(status = API.Status.STABLE, since = "0.1")
public record AffectedKeys(String entity, List<Object> ids, Map<String, List<Object>> byLinkableKey) {
  public AffectedKeys {
    Objects.requireNonNull(entity, "entity");
    ids = List.copyOf(ids);
    Map<String, List<Object>> copy = new LinkedHashMap<>();
    byLinkableKey.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    byLinkableKey = Collections.unmodifiableMap(copy);
  }

  /** Whether nothing changed. */
  public boolean isEmpty() {
    return ids.isEmpty();
  }
}
