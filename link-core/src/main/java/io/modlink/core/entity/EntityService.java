package io.modlink.core.entity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.Modlink;
import io.modlink.core.error.DuplicateException;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.error.NotFoundException;
import io.modlink.core.internal.entity.EntityIds;
import io.modlink.core.internal.entity.Duplicates;
import io.modlink.core.internal.entity.EntityRows;
import io.modlink.core.internal.naming.SnakeCase;
import io.modlink.core.link.Link;
import io.modlink.core.module.EntityModel;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.ListQuery;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.core.workflow.RemoveLinksStep;
import io.modlink.core.workflow.Step;
import io.modlink.core.workflow.StepContext;
import io.modlink.core.workflow.StepResult;
import io.modlink.core.workflow.Workflow;
import io.modlink.core.workflow.WorkflowException;
import jakarta.persistence.LockModeType;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;
import org.jspecify.annotations.Nullable;

/**
 * The service of one entity of a module, generated from its mapping: list, listAndCount, retrieve,
 * create, update, delete, softDelete and restore, with the link cascades. The Java counterpart of
 * Medusa's {@code MedusaService({ Brand })}.
 *
 * <pre>{@code
 * EntityService<Brand, Brand> brands = EntityService.of(modlink, Brand.class);
 * Brand acme = brands.create(new Brand("Acme", "acme"));           // brand_01HZ..., timestamps set
 * brands.update(acme.getId(), Changes.of(Map.of("name", "Acme Inc.")));
 * brands.modify(acme.getId(), brand -> brand.setName("Acme Inc."));   // the same, typed
 * List<Brand> found = brands.list(ListQuery.builder().q("acme").build());
 * brands.softDelete(List.of(acme.getId()));                         // and its links are dismissed
 * brands.restore(List.of(acme.getId()));                            // and restored
 * }</pre>
 *
 * <p>A module with rules of its own builds its service with {@link #builder}: the records it
 * returns ({@link Builder#records}, a Java record whose components are snake-case fields of the
 * entity, e.g. with {@code @JsonNaming(SnakeCaseStrategy.class)}), a clock, checks beyond the
 * annotations ({@link Builder#rules}), a check before a hard delete ({@link Builder#beforeDelete})
 * and what a caller may see of a row ({@link Builder#view}). It may also extend this class to add
 * operations, calling the protected constructor with its builder.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li><b>Reads</b> go through the entity's {@link EntityStore} (so store decorators see them):
 *       {@link #list} and {@link #listAndCount} take the {@link ListQuery} filters, order and page;
 *       {@code q} searches the fields marked {@link Searchable}, ignoring case. Soft-deleted records
 *       are left out unless the query asks {@code withDeleted}. A record type reads only the fields
 *       it has.
 *   <li><b>Field rules</b> are the entity's Bean Validation annotations (and those of a create's
 *       input record), checked by {@link FieldRules}, then the module's {@link Builder#rules}; JSON
 *       fields must hold plain JSON. Errors name the record ({@code sales channel [1]} in a
 *       create, {@code sales channel sc_...} in an update) and the field.
 *   <li><b>Writes</b> are all or nothing: a batch is checked whole before anything is written, in
 *       one transaction (the caller's {@linkplain io.modlink.core.workflow.Transactions unit of
 *       work} if there is one). {@link #create} gives records without id a prefixed ULID
 *       ({@link IdPrefix}) and sets {@code created_at} and {@code updated_at}; an update sets
 *       {@code updated_at} when it changes a field. Rows are locked in id order.
 *   <li><b>{@link #softDelete}</b> sets {@code deleted_at}, then dismisses the records' links
 *       through the {@link Link} service's cascade (which soft-deletes {@code deleteCascade}
 *       sides): a workflow of two steps, one database transaction where the module and the link
 *       tables share a database, otherwise compensated exactly when the cascade fails.
 *       <b>{@link #restore}</b> clears it and restores the links the cascade dismissed, in one unit
 *       of work. <b>{@link #delete}</b> removes records for good and dismisses their links; undone
 *       by inserting the rows again.
 *   <li>Ids that do not exist are ignored by softDelete, restore and delete, and are a
 *       {@code not_found} error for retrieve and update ({@code SalesChannel with id: sc_404 was
 *       not found}). A blank id is {@code invalid_data}.
 * </ul>
 * Thread-safe.
 *
 * @param <E> the entity
 * @param <R> what the service returns: the entity itself (detached) or a record class
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class EntityService<E extends ModuleEntity, R> {
  private static final int CHUNK = 1000;
  private static final java.util.Set<String> MAINTAINED = java.util.Set.of("id", "created_at", "updated_at",
      "deleted_at");

  private final Modlink modlink;
  private final Class<E> entityType;
  private final Class<R> recordType;
  private final EntityModel model;
  private final SessionFactory sessionFactory;
  private final EntityStore store;
  private final Clock clock;
  private final ObjectMapper mapper;
  private final EntityRows<E> rows;
  private final List<String> fields;
  private final List<String> allFields;
  private final List<String> searchFields;
  private final String entityName;
  private final String label;
  private final String noun;
  private final String prefix;
  private final BiConsumer<? super E, String> rules;
  private final Consumer<? super List<E>> beforeDelete;
  private final UnaryOperator<ObjectNode> view;
  private final Workflow<List<String>, List<R>> softDeleteWorkflow;
  private final Workflow<List<String>, List<String>> deleteWorkflow;

  /**
   * A service built as {@code builder} says; for subclasses.
   *
   * @throws InvalidDataException if the entity is not an entity of a module installed in the builder's {@link Modlink}
   */
  protected EntityService(Builder<E, R> builder) {
    this.modlink = builder.modlink;
    this.entityType = builder.entityType;
    this.recordType = builder.recordType;
    this.clock = builder.clock;
    this.rules = builder.rules;
    this.beforeDelete = builder.beforeDelete;
    this.view = builder.view;
    this.model = modlink.registry().entities().stream()
        .filter(m -> m.javaType().filter(entityType::equals).isPresent())
        .findFirst()
        .orElseThrow(() -> new InvalidDataException(entityType.getName() + " is not an entity of an installed"
            + " module; add it to a ModuleDefinition with entity(" + entityType.getSimpleName() + ".class) and"
            + " install the module"));
    this.sessionFactory = modlink.sessionFactory(model.module());
    this.store = modlink.store(model.name());
    this.mapper = modlink.objectMapper().copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    this.rows = new EntityRows<>(entityType, model, mapper);
    this.allFields = model.fieldNames();
    this.fields = fieldsOf(recordType, model);
    this.searchFields = searchable(entityType, model);
    this.entityName = EntityIds.entityName(entityType);
    this.label = model.name().replace('_', ' ');
    this.noun = model.name().substring(model.name().lastIndexOf('_') + 1);
    this.prefix = EntityIds.prefix(entityType);
    this.softDeleteWorkflow = softDeleteWorkflow();
    this.deleteWorkflow = deleteWorkflow();
  }

  /** The service of {@code entityType}, returning entities, on the system clock. */
  public static <E extends ModuleEntity> EntityService<E, E> of(Modlink modlink, Class<E> entityType) {
    return builder(modlink, entityType).build();
  }

  /** Starts a service of {@code entityType}, an entity of a module installed in {@code modlink}. */
  public static <E extends ModuleEntity> Builder<E, E> builder(Modlink modlink, Class<E> entityType) {
    return new Builder<>(Objects.requireNonNull(modlink, "modlink"), Objects.requireNonNull(entityType, "entityType"),
        entityType);
  }

  // ------------------------------------------------------------------------------------ read

  /**
   * The live record with this id.
   *
   * @throws NotFoundException if there is none, or it is soft-deleted
   * @throws InvalidDataException if the id is blank
   */
  public R retrieve(String id) {
    checkId(id, "retrieve");
    List<ObjectNode> found = store.read(ReadRequest.builder().filter("id", id).fields(fields).build()).rows();
    if (found.isEmpty()) {
      throw notFound(List.of(id), "");
    }
    return record(found.get(0));
  }

  /**
   * The records the query selects.
   *
   * @throws InvalidDataException if a filter or order names an unknown field or operator, or one the
   *     records do not have (a field the service keeps to itself), or a value does not fit its field
   */
  public List<R> list(ListQuery query) {
    checkQuery(query);
    return store.read(query.toReadRequest(fields, false, searchFields)).rows().stream().map(this::record).toList();
  }

  /**
   * A page of the records the query selects, and how many match it in all.
   *
   * @throws InvalidDataException as {@link #list} does
   */
  public EntityPage<R> listAndCount(ListQuery query) {
    checkQuery(query);
    ReadResult result = store.read(query.toReadRequest(fields, true, searchFields));
    return new EntityPage<>(result.rows().stream().map(this::record).toList(), result.count().orElseThrow());
  }

  // ------------------------------------------------------------------------------------ create

  /** Creates one record; see {@link #create(List, Function)}. */
  public R create(E entity) {
    required(entity, "the " + label + " to create");
    return create(List.of(entity)).get(0);
  }

  /** Creates records from new entities, in the order given; see {@link #create(List, Function)}. */
  public List<R> create(Collection<? extends E> entities) {
    required(entities, "the list of " + model.pluralName().replace('_', ' ') + " to create");
    return create(new ArrayList<>(entities), Function.identity());
  }

  /**
   * Creates records from inputs, in one transaction, and returns them in the order given. Each input
   * is checked against its own field rules (unless it is the entity), turned into an entity by
   * {@code toEntity}, and the entity against the entity's; then each gets an id (unless it has one)
   * and {@code created_at} = {@code updated_at} = now.
   *
   * @throws InvalidDataException naming the first input that breaks a rule, by its index; nothing is created
   * @throws DuplicateException if a record would take a value of a unique field (or an id) that another
   *     record has, naming the field: {@code Book with isbn: 9780441013593, already exists; nothing was
   *     created}
   */
  public <C> List<R> create(List<? extends C> inputs, Function<? super C, ? extends E> toEntity) {
    required(inputs, "the list of " + model.pluralName().replace('_', ' ') + " to create");
    Objects.requireNonNull(toEntity, "toEntity");
    List<E> entities = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      C input = inputs.get(i);
      String where = label + " [" + i + "]";
      if (input == null) {
        throw new InvalidDataException(where + " is null; give the " + label + " to create");
      }
      if (!entityType.isInstance(input)) {
        FieldRules.check(where, input);
      }
      E entity = Objects.requireNonNull(toEntity.apply(input), "toEntity returned null");
      check(entity, where);
      entities.add(entity);
    }
    Instant now = now();
    entities.forEach(entity -> entity.created(now));
    unique(entities, "nothing was created", () -> {
      sessionFactory.inTransaction(session -> entities.forEach(session::persist));
      return null;
    });
    return entities.stream().map(this::toRecord).toList();
  }

  // ------------------------------------------------------------------------------------ update

  /**
   * Changes a live record: loads it (locked), applies {@code change}, checks the rules, and sets
   * {@code updated_at} if a field changed.
   *
   * @throws NotFoundException if there is no such record, or it is soft-deleted
   * @throws InvalidDataException if the changed record breaks a rule; nothing is written
   * @throws DuplicateException if the change gives a unique field a value another record has
   */
  public R modify(String id, Consumer<? super E> change) {
    checkId(id, "update");
    Objects.requireNonNull(change, "change");
    return modify("update", List.of(id), found -> found.forEach(change), true).get(0);
  }

  /**
   * Sets fields of a live record by their snake-case names, each value converted to its field's type
   * (Medusa's {@code update(id, data)}); see {@link #modify(String, Consumer)}.
   *
   * @throws InvalidDataException if a field is unknown or maintained by the framework, a value does
   *     not fit its field, or the changed record breaks a rule
   */
  public R update(String id, Changes changes) {
    checkId(id, "update");
    required(changes, "the changes of " + label + " " + id);
    return modify("update", List.of(id), found -> apply(found, changes), true).get(0);
  }

  /** Sets the same fields of several live records, all or nothing; see {@link #update(String, Changes)}. */
  public List<R> update(List<String> ids, Changes changes) {
    required(changes, "the changes of " + model.pluralName().replace('_', ' '));
    return modify("update", ids, found -> apply(found, changes), false);
  }

  private void apply(List<E> found, Changes changes) {
    found.forEach(entity -> rows.apply(entity, changes.asMap(), label + " " + entity.getId(), MAINTAINED));
  }

  /**
   * Changes live records as one: loads them all (locked, in the order of {@code ids}), gives them to
   * {@code change} together (which may refuse the batch by throwing), checks the rules of each, and
   * sets {@code updated_at} of those whose fields changed. The operation a module builds its own
   * writes on, e.g. {@code modify("revoke", ids, keys -> ...)}.
   *
   * @param action what the change is, a verb: it names the operation in messages
   *     ({@code ApiKey with id: apk_1 was not found; no key was revoked})
   * @return the records, in the order of {@code ids} (repeated ids once)
   * @throws NotFoundException if a record does not exist or is soft-deleted; nothing is written
   * @throws InvalidDataException if an id is blank or a changed record breaks a rule; nothing is written
   */
  public List<R> modify(String action, List<String> ids, Consumer<? super List<E>> change) {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(change, "change");
    return modify(action, ids, change, false);
  }

  private List<R> modify(String action, List<String> ids, Consumer<? super List<E>> change, boolean one) {
    List<String> keys = checkIds(ids, action);
    if (keys.isEmpty()) {
      return List.of();
    }
    Instant now = now();
    List<E> changed = new ArrayList<>();
    return unique(changed, "no " + noun + " was " + pastTense(action), () -> sessionFactory.fromTransaction(session -> {
      List<E> found = load(session, keys, false);
      changed.addAll(found);
      if (found.size() < keys.size()) {
        List<String> present = found.stream().map(ModuleEntity::getId).toList();
        throw notFound(keys.stream().filter(id -> !present.contains(id)).toList(), one ? ""
            : "; no " + noun + " was " + pastTense(action));
      }
      List<ObjectNode> before = found.stream().map(entity -> rows.row(entity, allFields)).toList();
      change.accept(Collections.unmodifiableList(found));
      for (int i = 0; i < found.size(); i++) {
        E entity = found.get(i);
        check(entity, label + " " + entity.getId());
        if (!rows.row(entity, allFields).equals(before.get(i))) {
          entity.setUpdatedAt(now);
        }
      }
      return found.stream().map(this::toRecord).toList();
    }));
  }

  // ------------------------------------------------------------------------------------ delete

  /**
   * Deletes records for good, and dismisses their links through the {@link Link} service's cascade.
   * Ids that do not exist are ignored. A workflow of two steps, {@code delete-<entities>} then
   * {@code remove-<entity>-links}: where the module and the link tables share a database, both are
   * one transaction; otherwise, when the cascade fails, the records are inserted again as they were.
   *
   * @return the ids of the records deleted, in the order given
   * @throws RuntimeException what {@link Builder#beforeDelete} throws to refuse the batch; nothing is deleted
   * @throws WorkflowException if the deletion failed for another reason, or could not be undone completely
   */
  public List<String> delete(List<String> ids) {
    List<String> keys = checkIds(ids, "delete");
    return keys.isEmpty() ? List.of() : run(deleteWorkflow, keys);
  }

  /**
   * Soft-deletes live records ({@code deleted_at} = {@code updated_at} = now) and dismisses their
   * links through the {@link Link} service's cascade, which also soft-deletes the records of sides
   * marked {@code deleteCascade}. Ids that do not exist, or whose record is already deleted, are
   * ignored. A workflow of two steps, {@code soft-delete-<entities>} then
   * {@code remove-<entity>-links}: one transaction where the module and the link tables share a
   * database; otherwise, when the cascade fails, the records get their {@code deleted_at} and
   * {@code updated_at} back.
   *
   * @return the records deleted, in the order given
   * @throws NotAllowedException if the entity is not a {@link SoftDeletableEntity}
   * @throws WorkflowException if the deletion failed (its {@code type()} is the cause's), or could not
   *     be undone completely; it says what was left behind
   */
  public List<R> softDelete(List<String> ids) {
    List<String> keys = checkIds(ids, "delete");
    requireSoftDeletable("soft-deleted");
    return keys.isEmpty() ? List.of() : run(softDeleteWorkflow, keys);
  }

  /**
   * Restores soft-deleted records and the links the cascade dismissed, in one unit of work: where the
   * module and the link tables share a database, together or not at all. As in Medusa, every
   * dismissed link of a restored record comes back. Ids that do not exist, or whose record is not
   * deleted, are ignored.
   *
   * @return the records restored, in the order given
   * @throws NotAllowedException if the entity is not a {@link SoftDeletableEntity}
   * @throws DuplicateException if a restored record's unique field has a value that a live record took
   *     meanwhile (where the index covers live records only); nothing is restored
   */
  public List<R> restore(List<String> ids) {
    List<String> keys = checkIds(ids, "restore");
    requireSoftDeletable("restored");
    if (keys.isEmpty()) {
      return List.of();
    }
    Instant now = now();
    List<E> restoring = new ArrayList<>();
    return unique(restoring, "nothing was restored", () -> modlink.fromTransaction(tx -> {
      List<E> restored = sessionFactory.fromTransaction(session -> {
        List<E> found = load(session, keys, true).stream().filter(e -> deletedAt(e) != null).toList();
        restoring.addAll(found);
        for (E entity : found) {
          ((SoftDeletableEntity) entity).setDeletedAt(null);
          entity.setUpdatedAt(now);
        }
        return found;
      });
      if (!restored.isEmpty()) {
        modlink.link().restore(cascadeKeys(restored.stream().map(ModuleEntity::getId).toList()));
      }
      return restored.stream().map(this::toRecord).toList();
    }));
  }

  /**
   * Runs {@code work}; a unique index or primary key it violates (a value another record has, or
   * two writers of one value at once) becomes a {@link DuplicateException} naming the field.
   */
  private <T> T unique(List<E> written, String outcome, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      ConstraintViolationException violation = Duplicates.violation(e).orElseThrow(() -> e);
      throw Duplicates.of(violation, model, sessionFactory, Duplicates.values(written, rows::get), outcome);
    }
  }

  // ------------------------------------------------------------------------------------ for modules

  /** The entity's model: name, fields, linkable keys. */
  public EntityModel model() {
    return model;
  }

  /** The module's session factory, for a module's own queries. */
  public SessionFactory sessionFactory() {
    return sessionFactory;
  }

  /** The time of the service's clock, to the microsecond (what the databases keep). */
  public Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  /** What the service returns for an entity (a detached copy when it returns entities). */
  public R toRecord(E entity) {
    Objects.requireNonNull(entity, "entity");
    return record(rows.row(entity, fields));
  }

  @Override
  public String toString() {
    return "EntityService[" + model + "]";
  }

  // ------------------------------------------------------------------------------------ internals

  private void check(E entity, String where) {
    FieldRules.check(where, entity);
    rows.checkTexts(entity, where);
    rows.normalizeJson(entity, where);
    rules.accept(entity, where);
  }

  @SuppressWarnings("unchecked")
  private R record(ObjectNode row) {
    ObjectNode shown = Objects.requireNonNull(view.apply(row), "view returned null");
    if (recordType == entityType) {
      return (R) rows.entity(shown);
    }
    try {
      return mapper.treeToValue(shown, recordType);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read " + recordType.getName() + " from a row of " + model.name()
          + " (" + e.getMessage() + "); its components must be snake-case fields of the entity", e);
    }
  }

  private Workflow<List<String>, List<R>> softDeleteWorkflow() {
    String plural = model.pluralName().replace('_', '-');
    Step<List<String>, List<E>> softDelete = Step.of("soft-delete-" + plural, (List<String> keys, StepContext c) -> {
      Instant now = now();
      List<Previous> previous = new ArrayList<>();
      List<E> deleted = sessionFactory.fromTransaction(session -> {
        List<E> found = load(session, keys, false);
        for (E entity : found) {
          previous.add(new Previous(entity.getId(), entity.getUpdatedAt()));
          ((SoftDeletableEntity) entity).setDeletedAt(now);
          entity.setUpdatedAt(now);
        }
        return found;
      });
      return deleted.isEmpty() ? StepResult.of(deleted) : StepResult.of(deleted, undo ->
          sessionFactory.inTransaction(session -> {
            for (Previous p : previous) {
              session.createMutationQuery("update " + entityName + " e set e.deletedAt = null,"
                      + " e.updatedAt = :updatedAt where e.id = :id")
                  .setParameter("updatedAt", p.updatedAt()).setParameter("id", p.id()).executeUpdate();
            }
          }));
    });
    return Workflow.<List<String>>builder("delete-" + plural)
        .then(softDelete)
        .then(RemoveLinksStep.of("remove-" + model.name().replace('_', '-') + "-links", (List<E> deleted) ->
            cascadeKeys(deleted.stream().map(ModuleEntity::getId).toList())))
        .then(Step.of("deleted-" + plural, (Object cascade, StepContext c) ->
            StepResult.of(c.outputOf(softDelete).stream().map(this::toRecord).toList())))
        .build();
  }

  /** What a soft delete changed in a row. */
  private record Previous(String id, Instant updatedAt) {}

  private Workflow<List<String>, List<String>> deleteWorkflow() {
    String plural = model.pluralName().replace('_', '-');
    Step<List<String>, List<String>> delete = Step.of("delete-" + plural, (List<String> keys, StepContext c) -> {
      List<E> removed = sessionFactory.fromTransaction(session -> {
        List<E> found = load(session, keys, true);
        beforeDelete.accept(Collections.unmodifiableList(found));
        found.forEach(session::remove);
        return found;
      });
      List<String> deleted = removed.stream().map(ModuleEntity::getId).toList();
      // undone by inserting the rows again as they were (their detached entities hold every column)
      return removed.isEmpty() ? StepResult.of(deleted)
          : StepResult.of(deleted, undo -> sessionFactory.inStatelessTransaction(s -> removed.forEach(s::insert)));
    });
    return Workflow.<List<String>>builder("delete-" + plural)
        .then(delete)
        .then(RemoveLinksStep.of("remove-" + model.name().replace('_', '-') + "-links", this::cascadeKeys))
        .then(Step.of("deleted-" + plural, (Object cascade, StepContext c) -> StepResult.of(c.outputOf(delete))))
        .build();
  }

  private Map<String, Map<String, List<String>>> cascadeKeys(List<String> ids) {
    return ids.isEmpty() ? Map.of() : Map.of(model.module(), Map.of(model.name() + "_id", ids));
  }

  private <I, O> O run(Workflow<I, O> workflow, I input) {
    try {
      return workflow.run(modlink, input);
    } catch (WorkflowException e) {
      throw e.unwrap();
    }
  }

  /** Loads records by id, locked for update in id order, returned in the order of {@code ids}. */
  private List<E> load(Session session, List<String> ids, boolean withDeleted) {
    String hql = "from " + entityName + " e where e.id in :ids"
        + (withDeleted || !isSoftDeletable() ? "" : " and e.deletedAt is null") + " order by e.id";
    List<E> found = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      found.addAll(session.createSelectionQuery(hql, entityType)
          .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
          .setLockMode(LockModeType.PESSIMISTIC_WRITE)
          .getResultList());
    }
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      order.put(ids.get(i), i);
    }
    found.sort(Comparator.comparingInt(e -> order.get(e.getId())));
    return found;
  }

  private boolean isSoftDeletable() {
    return SoftDeletableEntity.class.isAssignableFrom(entityType);
  }

  private void requireSoftDeletable(String what) {
    if (!isSoftDeletable()) {
      throw new NotAllowedException(model.name() + " records cannot be " + what + ": " + entityType.getSimpleName()
          + " is not a SoftDeletableEntity; extend SoftDeletableEntity (and add a nullable deleted_at column), or"
          + " delete records for good with delete");
    }
  }

  private static @Nullable Instant deletedAt(ModuleEntity entity) {
    return entity instanceof SoftDeletableEntity soft ? soft.getDeletedAt() : null;
  }

  private NotFoundException notFound(List<String> ids, String suffix) {
    return new NotFoundException(entityName + " with id: " + String.join(", ", ids) + " was not found" + suffix);
  }

  private void checkId(@Nullable String id, String operation) {
    if (id == null || id.isBlank()) {
      throw new InvalidDataException(label + " id to " + operation + " is " + (id == null ? "null" : "empty")
          + "; give the id of " + article(noun) + " (" + prefix + "_...)");
    }
    EntityRows.checkNul(label + " id to " + operation, "id", id);
  }

  private List<String> checkIds(@Nullable List<String> ids, String operation) {
    required(ids, "the list of " + label + " ids to " + operation);
    LinkedHashSet<String> unique = new LinkedHashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null || id.isBlank()) {
        throw new InvalidDataException(label + " id [" + i + "] to " + operation + " is empty; give the id of "
            + article(noun) + " (" + prefix + "_...)");
      }
      EntityRows.checkNul(label + " id [" + i + "] to " + operation, "id", id);
      unique.add(id);
    }
    return List.copyOf(unique);
  }

  /** A list query on the fields this service returns (a field it keeps to itself cannot be filtered on). */
  private void checkQuery(@Nullable ListQuery query) {
    required(query, "the list query (ListQuery.all() for every " + noun + ")").checkFields(fields, model.name());
  }

  /** An argument that must be given: null is invalid data, not a programming error, at this boundary. */
  private static <T> T required(@Nullable T value, String what) {
    if (value == null) {
      throw new InvalidDataException(what + " is null; give one");
    }
    return value;
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private static String pastTense(String verb) {
    return verb.endsWith("e") ? verb + "d" : verb + "ed";
  }

  /** The fields a record type reads: its components that are fields of the entity, the id first. */
  private static List<String> fieldsOf(Class<?> recordType, EntityModel model) {
    if (!recordType.isRecord()) {
      return model.fieldNames();
    }
    List<String> names = new ArrayList<>(List.of(model.primaryKey().name()));
    for (RecordComponent component : recordType.getRecordComponents()) {
      String name = SnakeCase.of(component.getName());
      if (model.field(name).isPresent() && !names.contains(name)) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  private static List<String> searchable(Class<?> entityType, EntityModel model) {
    List<String> names = new ArrayList<>();
    for (String name : model.fieldNames()) {
      String attribute = model.field(name).orElseThrow().attribute();
      for (Class<?> c = entityType; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (f.getName().equals(attribute) && f.isAnnotationPresent(Searchable.class)) {
            names.add(name);
          }
        }
      }
    }
    return List.copyOf(names);
  }

  /**
   * Builds an {@link EntityService}. Each option may be set once. Not thread-safe.
   *
   * @param <E> the entity
   * @param <R> what the service returns
   */
  public static final class Builder<E extends ModuleEntity, R> {
    private final Modlink modlink;
    private final Class<E> entityType;
    private final Class<R> recordType;
    private Clock clock = Clock.systemUTC();
    private boolean clockSet;
    private BiConsumer<? super E, String> rules = (entity, where) -> { };
    private boolean rulesSet;
    private Consumer<? super List<E>> beforeDelete = entities -> { };
    private boolean beforeDeleteSet;
    private UnaryOperator<ObjectNode> view = UnaryOperator.identity();
    private boolean viewSet;

    private Builder(Modlink modlink, Class<E> entityType, Class<R> recordType) {
      this.modlink = modlink;
      this.entityType = entityType;
      this.recordType = recordType;
    }

    /**
     * Returns {@code recordType} instead of the entity: a Java record (or a class Jackson reads)
     * whose snake-case properties are fields of the entity; only those fields are read.
     */
    public <R2> Builder<E, R2> records(Class<R2> recordType) {
      Objects.requireNonNull(recordType, "recordType");
      if (this.recordType != entityType) {
        throw new IllegalStateException("records were already set to " + this.recordType.getName());
      }
      Builder<E, R2> next = new Builder<>(modlink, entityType, recordType);
      next.clock = clock;
      next.clockSet = clockSet;
      next.rules = rules;
      next.rulesSet = rulesSet;
      next.beforeDelete = beforeDelete;
      next.beforeDeleteSet = beforeDeleteSet;
      next.view = view;
      next.viewSet = viewSet;
      return next;
    }

    /** The clock of the timestamps (the system clock by default). */
    public Builder<E, R> clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      if (clockSet) {
        throw new IllegalStateException("clock was already set to " + this.clock);
      }
      this.clock = clock;
      this.clockSet = true;
      return this;
    }

    /**
     * The module's own rules, checked on every created and updated entity after its annotations:
     * throw an {@link InvalidDataException} whose message starts with {@code where}
     * ({@code sales channel [1]}, {@code sales channel sc_...}).
     */
    public Builder<E, R> rules(BiConsumer<? super E, String> rules) {
      Objects.requireNonNull(rules, "rules");
      if (rulesSet) {
        throw new IllegalStateException("rules were already set");
      }
      this.rules = rules;
      this.rulesSet = true;
      return this;
    }

    /**
     * A check of the records a {@link EntityService#delete} is about to remove (soft-deleted ones
     * included), given all at once: throw to refuse the batch, and nothing is deleted.
     */
    public Builder<E, R> beforeDelete(Consumer<? super List<E>> check) {
      Objects.requireNonNull(check, "check");
      if (beforeDeleteSet) {
        throw new IllegalStateException("beforeDelete was already set");
      }
      this.beforeDelete = check;
      this.beforeDeleteSet = true;
      return this;
    }

    /**
     * What a caller may see of a row, applied to every row before it becomes a record (read or
     * written): hide or redact values by changing the row (it is the service's own copy).
     */
    public Builder<E, R> view(UnaryOperator<ObjectNode> view) {
      Objects.requireNonNull(view, "view");
      if (viewSet) {
        throw new IllegalStateException("view was already set");
      }
      this.view = view;
      this.viewSet = true;
      return this;
    }

    /**
     * The service.
     *
     * @throws InvalidDataException if the entity is not an entity of a module installed in the {@link Modlink}
     */
    public EntityService<E, R> build() {
      return new EntityService<>(this);
    }
  }
}
