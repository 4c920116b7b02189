package io.modlink.core.link;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One side of a link request: a module, one of its linkable keys, and the key's value, e.g.
 * {@code LinkKey.of("api_key", "api_key_id", "apk_123")}. Any linkable key of the entity works.
 *
 * @param module the module's name
 * @param key a linkable key of one of the module's entities
 * @param value the key's value (not null, not blank)
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LinkKey(String module, String key, Object value) {
  public LinkKey {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  public static LinkKey of(String module, String key, Object value) {
    return new LinkKey(module, key, value);
  }

  @Override
  public String toString() {
    return module + "." + key + "=" + value;
  }
}
