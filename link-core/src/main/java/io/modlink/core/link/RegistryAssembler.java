package io.modlink.core.link;

import io.modlink.core.error.ConfigurationException;
import io.modlink.core.error.ConfigurationProblem;
import io.modlink.core.error.ProblemId;
import io.modlink.core.internal.naming.DidYouMean;
import io.modlink.core.internal.naming.Identifiers;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import io.modlink.core.module.LinkableKey;
import io.modlink.core.module.ModuleModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Builds a {@link LinkRegistry}, collecting every problem before failing. */
final class RegistryAssembler {
  /** Columns every link table has; an extra column may not take these names. */
  private static final Set<String> RESERVED_COLUMNS = Set.of("id", "created_at", "updated_at", "deleted_at");

  private final Collection<ModuleModel> moduleList;
  private final Collection<LinkDefinition> linkList;
  private final List<ConfigurationProblem> problems = new ArrayList<>();
  private final Map<String, ModuleModel> modules = new LinkedHashMap<>();
  private final Map<String, EntityModel> entitiesByAlias = new LinkedHashMap<>();
  private final List<ResolvedLink> links = new ArrayList<>();
  private final List<InactiveLink> inactive = new ArrayList<>();
  private final Map<String, Map<String, Relation>> relations = new LinkedHashMap<>();
  private final Map<String, ResolvedLink> entryPoints = new LinkedHashMap<>();

  RegistryAssembler(Collection<ModuleModel> modules, Collection<LinkDefinition> links) {
    this.moduleList = List.copyOf(modules);
    this.linkList = List.copyOf(links);
  }

  LinkRegistry assemble() {
    registerModules();
    for (LinkDefinition definition : linkList) {
      resolve(definition);
    }
    checkTables();
    for (ResolvedLink link : links) {
      addRelations(link);
    }
    for (ResolvedLink link : links) {
      addEntryPoint(link);
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return new LinkRegistry(modules, entitiesByAlias, links, inactive, relations, entryPoints);
  }

  private void registerModules() {
    for (ModuleModel module : moduleList) {
      if (modules.putIfAbsent(module.name(), module) != null) {
        problem(ProblemId.DUPLICATE_MODULE, "module '" + module.name() + "' is installed twice; install each module once",
            "module " + module.name());
        continue;
      }
      for (EntityModel entity : module.entities()) {
        for (String alias : entity.aliases()) {
          EntityModel previous = entitiesByAlias.putIfAbsent(alias, entity);
          if (previous != null) {
            problem(ProblemId.DUPLICATE_ENTITY, "entity name '" + alias + "' of " + entity + " is already taken by "
                + previous + "; entity names and their plurals must be unique across modules: rename one entity",
                "module " + module.name());
          }
        }
      }
    }
  }

  private void resolve(LinkDefinition definition) {
    String source = source(definition);
    int before = problems.size();
    Optional<String> missing = missingOptionalModule(definition);
    if (missing.isPresent()) {
      inactive.add(new InactiveLink(definition, "module '" + missing.get() + "' is not installed"));
      return;
    }
    EntityModel leftEntity = entity(definition.left(), source);
    EntityModel rightEntity = entity(definition.right(), source);
    LinkableKey leftKey = leftEntity == null ? null : key(definition.left(), leftEntity, source);
    LinkableKey rightKey = rightEntity == null ? null : key(definition.right(), rightEntity, source);
    String readOnlyColumn = null;
    if (definition.isReadOnly()) {
      readOnlyColumn = readOnlyField(definition, leftEntity, source);
    }
    checkNames(definition, source);
    checkExtraColumns(definition, leftKey, rightKey, source);
    if (problems.size() > before || leftEntity == null || rightEntity == null || leftKey == null || rightKey == null) {
      return;
    }
    String leftAlias = definition.left().alias() != null
        ? definition.left().alias() : LinkNaming.alias(leftEntity.name(), definition.left().isList());
    String rightAlias = definition.right().alias() != null
        ? definition.right().alias() : LinkNaming.alias(rightEntity.name(), definition.right().isList());
    if (definition.isReadOnly()) {
      ResolvedSide left = new ResolvedSide(leftEntity, leftKey, readOnlyColumn, definition.left().isList(),
          definition.left().isDeleteCascade(), leftAlias);
      ResolvedSide right = new ResolvedSide(rightEntity, rightKey, rightEntity.field(rightKey.field()).orElseThrow().column(),
          definition.right().isList(), definition.right().isDeleteCascade(), rightAlias);
      links.add(new ResolvedLink(definition, left, right, null, null, null));
      return;
    }
    String leftColumn = leftKey.name();
    String rightColumn = rightKey.name();
    if (leftColumn.equals(rightColumn)) {
      problem(ProblemId.INVALID_NAME, "both sides are addressed by the key '" + leftColumn
          + "', so the link table would have one column for two keys; address one side by another linkable key", source);
      return;
    }
    String table = definition.table().orElseGet(() ->
        LinkNaming.tableName(leftEntity.module(), leftColumn, rightEntity.module(), rightColumn));
    String idPrefix = definition.idPrefix().orElseGet(() -> LinkNaming.idPrefix(leftEntity.name(), rightEntity.name()));
    String entryPoint = definition.entryPoint()
        .orElseGet(() -> definition.table().orElse(leftEntity.name() + "_" + rightEntity.name()));
    ResolvedSide left = new ResolvedSide(leftEntity, leftKey, leftColumn, definition.left().isList(),
        definition.left().isDeleteCascade(), leftAlias);
    ResolvedSide right = new ResolvedSide(rightEntity, rightKey, rightColumn, definition.right().isList(),
        definition.right().isDeleteCascade(), rightAlias);
    links.add(new ResolvedLink(definition, left, right, table, idPrefix, entryPoint));
  }

  /** A side naming a module that is not installed, where the link's owner is another module. */
  private Optional<String> missingOptionalModule(LinkDefinition definition) {
    Optional<String> owner = definition.owner();
    if (owner.isEmpty()) {
      return Optional.empty();
    }
    for (LinkSide side : List.of(definition.left(), definition.right())) {
      if (!side.module().equals(owner.get()) && !modules.containsKey(side.module())) {
        return Optional.of(side.module());
      }
    }
    return Optional.empty();
  }

  private @Nullable EntityModel entity(LinkSide side, String source) {
    ModuleModel module = modules.get(side.module());
    if (module == null) {
      problem(ProblemId.UNKNOWN_MODULE, "unknown module '" + side.module() + "'"
          + DidYouMean.hint(side.module(), modules.keySet()) + "; installed: " + list(modules.keySet()), source);
      return null;
    }
    Optional<EntityModel> entity = module.entity(side.entity());
    if (entity.isEmpty()) {
      problem(ProblemId.UNKNOWN_ENTITY, "module '" + module.name() + "' has no entity '" + side.entity() + "'"
          + DidYouMean.hint(side.entity(), module.entityNames()) + "; its entities: " + list(module.entityNames()), source);
      return null;
    }
    return entity.get();
  }

  private @Nullable LinkableKey key(LinkSide side, EntityModel entity, String source) {
    if (side.key() == null) {
      return entity.linkableKeys().get(0);
    }
    Optional<LinkableKey> key = entity.linkableKey(side.key());
    if (key.isEmpty()) {
      problem(ProblemId.UNKNOWN_LINKABLE_KEY, "'" + side.key() + "' is not a linkable key of " + entity
          + DidYouMean.hint(side.key(), entity.linkableKeyNames()) + "; its linkable keys: "
          + list(entity.linkableKeyNames()), source);
      return null;
    }
    return key.get();
  }

  private @Nullable String readOnlyField(LinkDefinition definition, @Nullable EntityModel left, String source) {
    Optional<String> field = definition.readOnlyField();
    if (field.isEmpty() || field.get().isBlank()) {
      problem(ProblemId.READ_ONLY_WITHOUT_FIELD, "a read-only link needs the field of its left entity that holds the"
          + " right side's key: add .field(\"...\")" + (left == null ? "" : "; fields of " + left + ": "
          + list(left.fieldNames())), source);
      return null;
    }
    if (left == null) {
      return null;
    }
    Optional<FieldModel> model = left.field(field.get());
    if (model.isEmpty()) {
      problem(ProblemId.UNKNOWN_FIELD, left + " has no field '" + field.get() + "'"
          + DidYouMean.hint(field.get(), left.fieldNames()) + "; its fields: " + list(left.fieldNames()), source);
      return null;
    }
    return model.get().column();
  }

  private void checkNames(LinkDefinition definition, String source) {
    definition.table().ifPresent(t -> name("table name", t, source));
    definition.idPrefix().ifPresent(p -> name("id prefix", p, source));
    definition.entryPoint().ifPresent(e -> name("entry point", e, source));
    if (definition.left().alias() != null) {
      name("alias", definition.left().alias(), source);
    }
    if (definition.right().alias() != null) {
      name("alias", definition.right().alias(), source);
    }
    if (definition.isReadOnly() && (definition.table().isPresent() || definition.idPrefix().isPresent()
        || definition.entryPoint().isPresent())) {
      problem(ProblemId.INVALID_NAME, "a read-only link has no table, so it takes no table name, id prefix or"
          + " entry point; remove them or make the link a regular one", source);
    }
  }

  private void name(String what, String value, String source) {
    if (!Identifiers.isValid(value)) {
      problem(ProblemId.INVALID_NAME, what + " '" + value + "' is not valid: use " + Identifiers.rule(), source);
    }
  }

  private void checkExtraColumns(LinkDefinition definition, @Nullable LinkableKey leftKey,
      @Nullable LinkableKey rightKey, String source) {
    if (definition.extraColumns().isEmpty()) {
      return;
    }
    if (definition.isReadOnly()) {
      problem(ProblemId.INVALID_EXTRA_COLUMN, "a read-only link has no table, so it cannot have extra columns ("
          + list(definition.extraColumns().stream().map(ExtraColumn::name).toList()) + ")", source);
      return;
    }
    Set<String> seen = new HashSet<>();
    for (ExtraColumn column : definition.extraColumns()) {
      String name = column.name();
      if (!Identifiers.isValid(name)) {
        problem(ProblemId.INVALID_EXTRA_COLUMN, "extra column '" + name + "' is not a valid name: use "
            + Identifiers.rule(), source);
      } else if (RESERVED_COLUMNS.contains(name)
          || (leftKey != null && leftKey.name().equals(name)) || (rightKey != null && rightKey.name().equals(name))) {
        problem(ProblemId.INVALID_EXTRA_COLUMN, "extra column '" + name + "' has the name of a column every link"
            + " table has (id, the two key columns, created_at, updated_at, deleted_at); choose another name", source);
      } else if (!seen.add(name)) {
        problem(ProblemId.INVALID_EXTRA_COLUMN, "extra column '" + name + "' is declared twice; declare it once",
            source);
      } else if (!column.nullable() && column.defaultValue() == null) {
        problem(ProblemId.INVALID_EXTRA_COLUMN, "extra column '" + name + "' is not nullable and has no default, so"
            + " adding it to an existing table would fail; give it a default value or make it nullable", source);
      }
    }
  }

  private void checkTables() {
    Map<String, ResolvedLink> byTable = new LinkedHashMap<>();
    Map<String, EntityModel> entityTables = new LinkedHashMap<>();
    for (ModuleModel m : modules.values()) {
      for (EntityModel e : m.entities()) {
        entityTables.putIfAbsent(e.table(), e);
      }
    }
    List<ResolvedLink> clashing = new ArrayList<>();
    for (ResolvedLink link : links) {
      if (link.table().isEmpty()) {
        continue;
      }
      String table = link.table().get();
      ResolvedLink previous = byTable.putIfAbsent(table, link);
      if (previous != null) {
        problem(ProblemId.DUPLICATE_TABLE, "table '" + table + "' is already the table of link " + previous.describe()
            + "; give one of them another name with .table(...)", source(link.definition()));
        clashing.add(link);
      } else if (entityTables.containsKey(table)) {
        problem(ProblemId.DUPLICATE_TABLE, "table '" + table + "' is already the table of entity "
            + entityTables.get(table) + "; give the link another name with .table(...)", source(link.definition()));
        clashing.add(link);
      }
    }
    links.removeAll(clashing);
  }

  private void addRelations(ResolvedLink link) {
    addRelation(link, link.left(), link.right());
    if (!link.isReadOnly()) {
      addRelation(link, link.right(), link.left());
    }
  }

  private void addRelation(ResolvedLink link, ResolvedSide from, ResolvedSide to) {
    EntityModel entity = from.entity();
    String alias = to.alias();
    String source = source(link.definition());
    if (entity.field(alias).isPresent()) {
      problem(ProblemId.ALIAS_SHADOWS_FIELD, "alias '" + alias + "' on " + entity + " has the name of one of its"
          + " fields; give the link side another alias with .alias(...)", source);
      return;
    }
    Map<String, Relation> byAlias = relations.computeIfAbsent(entity.name(), k -> new LinkedHashMap<>());
    Relation previous = byAlias.get(alias);
    if (previous != null) {
      problem(ProblemId.ALIAS_CONFLICT, "alias '" + alias + "' on " + entity + " is already given by "
          + previous.link() + "; give one link side another alias with .alias(...)", source);
      return;
    }
    byAlias.put(alias, new Relation(entity, alias, link, from, to));
  }

  private void addEntryPoint(ResolvedLink link) {
    if (link.entryPoint().isEmpty()) {
      return;
    }
    String name = link.entryPoint().get();
    String source = source(link.definition());
    EntityModel entity = entitiesByAlias.get(name);
    if (entity != null) {
      problem(ProblemId.ENTRY_POINT_CONFLICT, "entry point '" + name + "' is already the name of entity " + entity
          + "; give the link another one with .entryPoint(...)", source);
      return;
    }
    ResolvedLink previous = entryPoints.putIfAbsent(name, link);
    if (previous != null) {
      problem(ProblemId.ENTRY_POINT_CONFLICT, "entry point '" + name + "' is already the entry point of "
          + previous + "; give one of them another with .entryPoint(...)", source);
    }
  }

  private void problem(ProblemId id, String message, String source) {
    problems.add(new ConfigurationProblem(id, message, source));
  }

  private static String source(LinkDefinition definition) {
    return "link " + definition.describe() + definition.table().map(t -> " (table " + t + ")").orElse("")
        + ", declared by "
        + definition.owner().map(o -> "module " + o).orElse("the application");
  }

  private static String list(Collection<String> names) {
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }
}
