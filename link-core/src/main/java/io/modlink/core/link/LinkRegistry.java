package io.modlink.core.link;

import io.modlink.core.error.ConfigurationException;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.ModuleModel;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The validated graph of installed modules, their entities, and the links between them.
 *
 * <p>Built once, from every module and every link, by {@link #of}. Validation looks at the whole
 * graph and reports <em>every</em> problem in one {@link ConfigurationException}: unknown modules,
 * entities and linkable keys (with a did-you-mean), two links with one table or one alias on an
 * entity, an alias that shadows a field, a read-only link without its field, invalid names. A link
 * declared by a module that names another module which is not installed is
 * {@linkplain #inactiveLinks() inactive}, not an error.
 *
 * <p>Immutable and thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class LinkRegistry {
  private final Map<String, ModuleModel> modules;
  private final Map<String, EntityModel> entitiesByAlias;
  private final List<ResolvedLink> links;
  private final List<InactiveLink> inactiveLinks;
  private final Map<String, Map<String, Relation>> relations;
  private final Map<String, ResolvedLink> entryPoints;

  LinkRegistry(Map<String, ModuleModel> modules, Map<String, EntityModel> entitiesByAlias, List<ResolvedLink> links,
      List<InactiveLink> inactiveLinks, Map<String, Map<String, Relation>> relations,
      Map<String, ResolvedLink> entryPoints) {
    this.modules = Collections.unmodifiableMap(new LinkedHashMap<>(modules));
    this.entitiesByAlias = Collections.unmodifiableMap(new LinkedHashMap<>(entitiesByAlias));
    this.links = List.copyOf(links);
    this.inactiveLinks = List.copyOf(inactiveLinks);
    Map<String, Map<String, Relation>> copy = new LinkedHashMap<>();
    relations.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
    this.relations = Collections.unmodifiableMap(copy);
    this.entryPoints = Collections.unmodifiableMap(new LinkedHashMap<>(entryPoints));
  }

  /**
   * Builds and validates the registry.
   *
   * @param modules the installed modules
   * @param links every declared link, active or not
   * @throws ConfigurationException listing every problem found, numbered, with its {@code ProblemId}
   */
  public static LinkRegistry of(Collection<ModuleModel> modules, Collection<LinkDefinition> links) {
    return new RegistryAssembler(modules, links).assemble();
  }

  /** The installed modules, in installation order. */
  public List<ModuleModel> modules() {
    return List.copyOf(modules.values());
  }

  /** The installed module with this name. */
  public Optional<ModuleModel> module(String name) {
    return Optional.ofNullable(modules.get(name));
  }

  /** The entity with this name or plural alias ({@code api_key} or {@code api_keys}). */
  public Optional<EntityModel> entity(String nameOrAlias) {
    return Optional.ofNullable(entitiesByAlias.get(nameOrAlias));
  }

  /** Every entity of every installed module. */
  public List<EntityModel> entities() {
    return modules.values().stream().flatMap(m -> m.entities().stream()).toList();
  }

  /** Every name a query may start from: entity names, their plurals, and link entry points. */
  public List<String> entryPointNames() {
    List<String> names = new java.util.ArrayList<>(entitiesByAlias.keySet());
    names.addAll(entryPoints.keySet());
    return List.copyOf(names);
  }

  /** The active links, in declaration order. */
  public List<ResolvedLink> links() {
    return links;
  }

  /** The declared links that are inactive because a module they name is not installed. */
  public List<InactiveLink> inactiveLinks() {
    return inactiveLinks;
  }

  /** The active links that have {@code entity} (a name or alias) on either side. */
  public List<ResolvedLink> linksOf(String entity) {
    Optional<EntityModel> model = entity(entity);
    if (model.isEmpty()) {
      return List.of();
    }
    EntityModel e = model.get();
    return links.stream().filter(l -> l.left().entity() == e || l.right().entity() == e).toList();
  }

  /** The active links between two entities (names or aliases), in either direction. */
  public List<ResolvedLink> linksBetween(String entityA, String entityB) {
    Optional<EntityModel> a = entity(entityA);
    Optional<EntityModel> b = entity(entityB);
    if (a.isEmpty() || b.isEmpty()) {
      return List.of();
    }
    return links.stream()
        .filter(l -> (l.left().entity() == a.get() && l.right().entity() == b.get())
            || (l.left().entity() == b.get() && l.right().entity() == a.get()))
        .toList();
  }

  /** How {@code alias} on {@code entity} resolves, e.g. {@code relation("api_key", "sales_channels")}. */
  public Optional<Relation> relation(String entity, String alias) {
    return entity(entity).map(e -> relations.getOrDefault(e.name(), Map.of()).get(alias));
  }

  /** Every alias on {@code entity} (a name or alias), in declaration order of the links. */
  public List<Relation> relations(String entity) {
    return entity(entity).map(e -> List.copyOf(relations.getOrDefault(e.name(), Map.of()).values())).orElse(List.of());
  }

  /** The link whose table is queried under {@code name}, e.g. {@code publishable_api_key_sales_channel}. */
  public Optional<ResolvedLink> entryPoint(String name) {
    return Optional.ofNullable(entryPoints.get(name));
  }

  /**
   * A readable description: modules, entities with fields and linkable keys, links, aliases and
   * inactive links. Stable enough for documentation, not meant to be parsed.
   */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("modules (").append(modules.size()).append(")\n");
    for (ModuleModel m : modules.values()) {
      out.append("  ").append(m.name()).append('\n');
      for (EntityModel e : m.entities()) {
        out.append("    entity ").append(e.name()).append(" / ").append(e.pluralName())
            .append("  table ").append(e.table()).append("  primary key ").append(e.primaryKey().name()).append('\n');
        out.append("      fields: ");
        out.append(String.join(", ", e.fields().stream().map(f -> f.name() + " " + f.type().name().toLowerCase()).toList()));
        out.append('\n');
        out.append("      linkable keys: ").append(String.join(", ", e.linkableKeyNames())).append('\n');
      }
    }
    out.append("links (").append(links.size()).append(" active, ").append(inactiveLinks.size()).append(" inactive)\n");
    for (ResolvedLink l : links) {
      out.append("  ").append(l.describe());
      if (l.isReadOnly()) {
        out.append("  read-only via ").append(l.left().entity().name()).append('.').append(l.left().column()).append('\n');
      } else {
        out.append("  table ").append(l.table().orElseThrow())
            .append(" (").append(l.left().column()).append(", ").append(l.right().column());
        for (ExtraColumn c : l.extraColumns()) {
          out.append(", ").append(c.name());
        }
        out.append(")  id prefix ").append(l.idPrefix().orElseThrow())
            .append("  entry point ").append(l.entryPoint().orElseThrow()).append('\n');
      }
    }
    for (InactiveLink l : inactiveLinks) {
      out.append("  ").append(l.definition().describe()).append("  inactive: ").append(l.reason()).append('\n');
    }
    out.append("aliases\n");
    relations.forEach((entity, byAlias) -> byAlias.values().forEach(r -> out.append("  ").append(r).append('\n')));
    return out.toString();
  }

  @Override
  public String toString() {
    return "LinkRegistry" + modules.keySet() + ", " + links.size() + " active links";
  }
}
