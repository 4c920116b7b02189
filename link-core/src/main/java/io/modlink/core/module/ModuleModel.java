package io.modlink.core.module;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * An installed module as the registry sees it: its name and its entity models.
 *
 * @param name the module's name, e.g. {@code api_key}
 * @param entities its entities, in declaration order
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ModuleModel(String name, List<EntityModel> entities) {
  public ModuleModel {
    Objects.requireNonNull(name, "name");
    entities = List.copyOf(entities);
  }

  /** The entity with this name (not alias), if the module has it. */
  public Optional<EntityModel> entity(String entityName) {
    return entities.stream().filter(e -> e.name().equals(entityName)).findFirst();
  }

  /** The names of the module's entities. */
  public List<String> entityNames() {
    return entities.stream().map(EntityModel::name).toList();
  }
}
