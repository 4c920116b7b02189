package io.modlink.core.link;

import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * One side of a link: an entity of a module, addressed by one of its linkable keys.
 *
 * <pre>{@code
 * LinkSide.of("sales_channel", "sales_channel").list()   // the other side sees sales_channels: [...]
 * LinkSide.of("api_key", "api_key").key("publishable_key_id").alias("publishable_api_keys").list()
 * }</pre>
 *
 * @param module the module's name
 * @param entity the entity's name within it
 * @param key the linkable key; null means the entity's default {@code <entity>_id}
 * @param isList whether the <em>other</em> side sees a list of this side (default: one object)
 * @param isDeleteCascade whether deleting the other side's record also deletes this side's linked records
 * @param alias the exact name under which the other entity reaches this side; null means the
 *     entity name, pluralised when {@code isList}
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LinkSide(String module, String entity, @Nullable String key, boolean isList, boolean isDeleteCascade,
    @Nullable String alias) {
  public LinkSide {
    Objects.requireNonNull(module, "module");
    Objects.requireNonNull(entity, "entity");
  }

  /** The side for {@code entity} of {@code module}, addressed by its default key, seen as one object. */
  public static LinkSide of(String module, String entity) {
    return new LinkSide(module, entity, null, false, false, null);
  }

  /** This side, addressed by another linkable key, e.g. {@code publishable_key_id}. */
  public LinkSide key(String linkableKey) {
    return new LinkSide(module, entity, Objects.requireNonNull(linkableKey, "linkableKey"), isList, isDeleteCascade, alias);
  }

  /** This side, seen by the other side as a list. */
  public LinkSide list() {
    return new LinkSide(module, entity, key, true, isDeleteCascade, alias);
  }

  /** This side, soft-deleted with the other side's record (Medusa's {@code deleteCascade}). */
  public LinkSide deleteCascade() {
    return new LinkSide(module, entity, key, isList, true, alias);
  }

  /** This side, reached from the other entity under exactly this alias. */
  public LinkSide alias(String exactAlias) {
    return new LinkSide(module, entity, key, isList, isDeleteCascade, Objects.requireNonNull(exactAlias, "exactAlias"));
  }

  @Override
  public String toString() {
    return module + "." + entity + (key == null ? "" : "[" + key + "]");
  }
}
