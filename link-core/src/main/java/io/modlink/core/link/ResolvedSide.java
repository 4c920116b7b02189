package io.modlink.core.link;

import io.modlink.core.module.EntityModel;
import io.modlink.core.module.LinkableKey;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One side of an active link, resolved against the installed modules.
 *
 * @param entity the entity on this side
 * @param key the linkable key that addresses it (the one named in the definition, or {@code <entity>_id})
 * @param column the column that holds this side's key: in the link table, or, for the right side
 *     of a read-only link, the field of the entity that the left side's column points at
 * @param isList whether the other side sees a list of this side
 * @param deleteCascade whether deleting the other side's record also deletes this side's records
 * @param alias the name under which the other entity reaches this side
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ResolvedSide(EntityModel entity, LinkableKey key, String column, boolean isList, boolean deleteCascade,
    String alias) {
  public ResolvedSide {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(alias, "alias");
  }

  /** The module of this side's entity. */
  public String module() {
    return entity.module();
  }
}
