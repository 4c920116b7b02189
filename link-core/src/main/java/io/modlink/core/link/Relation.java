package io.modlink.core.link;

import io.modlink.core.module.EntityModel;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How an alias on an entity resolves: {@code api_key.sales_channels} goes through the link
 * {@code publishable_api_key_sales_channel} to {@code sales_channel}, as a list.
 *
 * @param entity the entity that carries the alias
 * @param alias the alias
 * @param link the link it goes through
 * @param from the link side of {@code entity}
 * @param to the link side it reaches
 */
@API(status = API.Status.STABLE, since = "0.1")
public record Relation(EntityModel entity, String alias, ResolvedLink link, ResolvedSide from, ResolvedSide to) {
  public Relation {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  /** The entity reached. */
  public EntityModel target() {
    return to.entity();
  }

  /** Whether the alias yields a list (else one object or null). */
  public boolean isList() {
    return to.isList();
  }

  @Override
  public String toString() {
    return entity.name() + "." + alias + " -> " + (isList() ? "[" + target().name() + "]" : target().name())
        + " via " + link.table().orElse(entity.name() + "." + from.column());
  }
}
