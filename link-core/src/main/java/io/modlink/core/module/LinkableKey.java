package io.modlink.core.module;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A name under which other modules may link to an entity, e.g. {@code api_key_id} (and
 * {@code publishable_key_id}) for {@code ApiKey.id}. Any linkable key of an entity addresses the
 * same entity.
 *
 * @param name the key's name, e.g. {@code api_key_id}
 * @param entity the entity's name, e.g. {@code api_key}
 * @param field the entity field holding the key, usually the primary key {@code id}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LinkableKey(String name, String entity, String field) {
  public LinkableKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(field, "field");
  }
}
