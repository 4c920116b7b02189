package io.modlink.core.link;

import io.modlink.core.error.InvalidDataException;
import org.apiguardian.api.API;

/**
 * One side of a link request: a module, one of its linkable keys, and the key's value, e.g.
 * {@code LinkKey.of("api_key", "api_key_id", "apk_123")}. Any linkable key of the entity works.
 *
 * @param module the module's name
 * @param key a linkable key of one of the module's entities
 * @param value the key's value (not null, not blank)
 * @throws InvalidDataException if the module or key is null or blank, or the value null (a blank value is
 *     refused by the Link service, naming the request)
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LinkKey(String module, String key, Object value) {
  public LinkKey {
    if (module == null || module.isBlank()) {
      throw new InvalidDataException("link key with module " + (module == null ? "null" : "'" + module + "'")
          + " (key " + key + ", value " + value + "); give the name of an installed module");
    }
    if (key == null || key.isBlank()) {
      throw new InvalidDataException("link key of module '" + module + "' with linkable key "
          + (key == null ? "null" : "'" + key + "'") + "; give a linkable key such as '" + module + "_id'");
    }
    if (value == null) {
      throw new InvalidDataException("empty id at " + module + "." + key + "; give the " + key
          + " of the record to link");
    }
  }

  public static LinkKey of(String module, String key, Object value) {
    return new LinkKey(module, key, value);
  }

  @Override
  public String toString() {
    return module + "." + key + "=" + value;
  }
}
