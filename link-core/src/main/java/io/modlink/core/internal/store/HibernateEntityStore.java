package io.modlink.core.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import io.modlink.core.module.LinkableKey;
import io.modlink.core.spi.AffectedKeys;
import io.modlink.core.spi.EntityStore;
import io.modlink.core.spi.ReadRequest;
import io.modlink.core.spi.ReadResult;
import io.modlink.core.spi.SortDirection;
import io.modlink.core.spi.SortOrder;
import jakarta.persistence.Tuple;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.CriteriaUpdate;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Path;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Selection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import io.modlink.core.internal.jdbc.DatabaseErrors;
import io.modlink.core.internal.jdbc.Flavor;
import io.modlink.core.internal.jdbc.JdbcTable;
import io.modlink.core.internal.naming.SnakeCase;
import io.modlink.core.spi.KeyedReadRequest;
import io.modlink.core.spi.SqlTable;
import java.util.Optional;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.SharedSessionContract;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * The {@link EntityStore} of any JPA entity. When the entity is a plain table (no value converters,
 * no ordinal enums, no inheritance or SQL restriction, one table), it reads with JDBC through
 * {@link SqlTableStore} (one array parameter for key lists, the count in the page's statement) and
 * declares its {@link SqlTable}; otherwise it reads through Hibernate's Criteria API. Soft delete and
 * restore go through Hibernate.
 */
public final class HibernateEntityStore implements EntityStore {
  /** Keys per IN list in soft delete and restore; well under every driver's parameter limit. */
  static final int KEY_CHUNK = 1000;

  private final EntityModel model;
  private final SessionFactory sessionFactory;
  private final Class<?> type;
  private final Rows rows;
  private final FilterParser parser;
  private final @Nullable String notPlain;
  private final @Nullable SqlTableStore table;

  /**
   * @param dataSource the module's DataSource, which the JDBC reads use
   * @param flavor its SQL flavor
   */
  public HibernateEntityStore(EntityModel model, SessionFactory sessionFactory, Rows rows, DataSource dataSource,
      Flavor flavor) {
    this.model = Objects.requireNonNull(model, "model");
    this.sessionFactory = Objects.requireNonNull(sessionFactory, "sessionFactory");
    this.type = model.javaType().orElseThrow(() -> new IllegalArgumentException(model + " has no entity class"));
    this.rows = rows;
    this.parser = new FilterParser(model);
    this.notPlain = whyNotPlain(sessionFactory, type, model);
    if (notPlain == null) {
      this.table = new SqlTableStore(new JdbcTable(model, SqlTable.of(dataSource, model), flavor,
          HibernateStatements.of(sessionFactory)), "");
    } else {
      this.table = null;
    }
  }

  /** Why the entity is not a plain table (so its store declares none), or null if it is. */
  public @Nullable String whyNotPlain() {
    return notPlain;
  }

  private static @Nullable String whyNotPlain(SessionFactory sessionFactory, Class<?> type, EntityModel model) {
    EntityPersister persister = sessionFactory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel()
        .getEntityDescriptor(type);
    if (persister.isInherited() || persister.hasSubclasses()) {
      return "it is part of an inheritance hierarchy";
    }
    if (persister.hasWhereRestrictions() || persister.getSoftDeleteMapping() != null) {
      return "its mapping restricts the rows it reads";
    }
    String table = persister.getIdentifierTableDetails().getTableName();
    List<AttributeMapping> attributes = new ArrayList<>();
    persister.getAttributeMappings().forEach(attributes::add);
    for (AttributeMapping attribute : attributes) {
      if (!(attribute instanceof BasicValuedModelPart basic) || basic.getJdbcTypeCount() != 1
          || model.field(SnakeCase.of(attribute.getAttributeName())).isEmpty()) {
        continue;
      }
      String name = attribute.getAttributeName();
      if (!basic.getContainingTableExpression().equals(table)) {
        return "attribute " + name + " is in another table";
      }
      if (basic.getJdbcMapping().getValueConverter() != null) {
        return "attribute " + name + " has a value converter";
      }
      Class<?> javaType = basic.getJavaType().getJavaTypeClass();
      if (javaType.isEnum() && SqlTypes.isNumericType(basic.getJdbcMapping().getJdbcType().getDefaultSqlTypeCode())) {
        return "enum attribute " + name + " is stored by ordinal";
      }
    }
    return null;
  }

  @Override
  public EntityModel model() {
    return model;
  }

  @Override
  public ReadResult read(ReadRequest request) {
    Objects.requireNonNull(request, "request");
    if (table != null) {
      return table.read(request);
    }
    Filter where = Requests.live(model, parser.parse(request.filters()), request.withDeleted());
    List<FieldModel> fields = Requests.projection(model, request.fields());
    List<SortOrder> order = Requests.order(model, request.order());
    try {
      return read(request, where, fields, order);
    } catch (org.hibernate.JDBCException e) {
      throw DatabaseErrors.failed("read of " + model.name() + " (through Hibernate)", e.getSQLException(), e.getSQL());
    }
  }

  private ReadResult read(ReadRequest request, Filter where, List<FieldModel> fields, List<SortOrder> order) {
    return sessionFactory.fromStatelessTransaction(session -> {
      CriteriaBuilder cb = session.getCriteriaBuilder();
      CriteriaQuery<Tuple> query = cb.createTupleQuery();
      Root<?> root = query.from(type);
      query.multiselect(selections(root, fields));
      query.where(predicate(cb, root, where));
      List<Order> orders = new ArrayList<>();
      boolean orderedByKey = false;
      for (SortOrder o : order) {
        FieldModel f = model.field(o.field()).orElseThrow();
        orderedByKey |= f.equals(model.primaryKey());
        orders.add(o.direction() == SortDirection.ASC ? cb.asc(root.get(f.attribute())) : cb.desc(root.get(f.attribute())));
      }
      if (!orderedByKey) {
        orders.add(cb.asc(root.get(model.primaryKey().attribute()))); // a stable order for paging
      }
      query.orderBy(orders);
      var typed = session.createQuery(query);
      if (request.skip() > 0) {
        typed.setFirstResult(request.skip());
      }
      request.take().ifPresent(typed::setMaxResults);
      List<ObjectNode> out = new ArrayList<>();
      if (request.take().orElse(1) > 0) {
        for (Tuple t : typed.getResultList()) {
          ObjectNode row = rows.newRow();
          for (int i = 0; i < fields.size(); i++) {
            rows.put(row, fields.get(i), t.get(i));
          }
          out.add(row);
        }
      }
      Long total = request.withCount() ? count(session, cb, where) : null;
      return new ReadResult(out, total);
    });
  }

  @Override
  public ReadResult readByKeys(KeyedReadRequest request) {
    return table != null ? table.readByKeys(request) : EntityStore.super.readByKeys(request);
  }

  @Override
  public Optional<SqlTable> sqlTable() {
    return table != null ? table.sqlTable() : Optional.empty();
  }

  private long count(SharedSessionContract session, CriteriaBuilder cb, Filter where) {
    CriteriaQuery<Long> query = cb.createQuery(Long.class);
    Root<?> root = query.from(type);
    query.select(cb.count(root)).where(predicate(cb, root, where));
    return session.createQuery(query).getSingleResult();
  }

  @Override
  public AffectedKeys softDelete(Collection<?> ids) {
    return setDeletedAt(ids, true);
  }

  @Override
  public AffectedKeys restore(Collection<?> ids) {
    return setDeletedAt(ids, false);
  }

  /** Writes back the given times, one update per distinct time (in the caller's unit of work, if any). */
  @Override
  public AffectedKeys softDeleteAt(Map<?, Instant> deletedAt) {
    Objects.requireNonNull(deletedAt, "deletedAt");
    Map<Instant, List<Object>> byTime = new LinkedHashMap<>();
    deletedAt.forEach((id, at) -> byTime.computeIfAbsent(Objects.requireNonNull(at, "deleted_at of " + id),
        t -> new ArrayList<>()).add(id));
    if (byTime.size() <= 1) {
      return byTime.isEmpty() ? setDeletedAt(List.of(), true)
          : setDeletedAt(byTime.values().iterator().next(), true, byTime.keySet().iterator().next());
    }
    List<Object> ids = new ArrayList<>();
    Map<String, List<Object>> byKey = new LinkedHashMap<>();
    byTime.forEach((at, keys) -> {
      AffectedKeys part = setDeletedAt(keys, true, at);
      ids.addAll(part.ids());
      part.byLinkableKey().forEach((k, v) -> byKey.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
    });
    return new AffectedKeys(model.name(), ids, byKey);
  }

  private AffectedKeys setDeletedAt(Collection<?> ids, boolean delete) {
    return setDeletedAt(ids, delete, Instant.now());
  }

  private AffectedKeys setDeletedAt(Collection<?> ids, boolean delete, Instant at) {
    Objects.requireNonNull(ids, "ids");
    if (!model.isSoftDeletable()) {
      throw new NotAllowedException(model.name() + " has no deleted_at field, so it cannot be "
          + (delete ? "soft-deleted" : "restored") + "; add a nullable deleted_at timestamp to the entity");
    }
    FieldModel deletedAt = model.field(EntityModel.DELETED_AT).orElseThrow();
    List<Object> keys = keys(ids, delete ? "softDelete" : "restore");
    List<FieldModel> keyFields = new ArrayList<>();
    keyFields.add(model.primaryKey());
    for (LinkableKey k : model.linkableKeys()) {
      FieldModel f = model.field(k.field()).orElseThrow();
      if (!keyFields.contains(f)) {
        keyFields.add(f);
      }
    }
    if (keys.isEmpty()) {
      return affected(List.of(), keyFields);
    }
    Object now = Values.coerce(deletedAt, at, "deleted_at");
    return sessionFactory.fromStatelessTransaction(session -> {
      CriteriaBuilder cb = session.getCriteriaBuilder();
      List<Tuple> changed = new ArrayList<>();
      for (int from = 0; from < keys.size(); from += KEY_CHUNK) {
        List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + KEY_CHUNK));
        CriteriaQuery<Tuple> select = cb.createTupleQuery();
        Root<?> root = select.from(type);
        select.multiselect(selections(root, keyFields));
        Path<Object> deletedPath = root.get(deletedAt.attribute());
        select.where(root.get(model.primaryKey().attribute()).in(chunk),
            delete ? cb.isNull(deletedPath) : cb.isNotNull(deletedPath));
        List<Tuple> found = session.createQuery(select).getResultList();
        if (found.isEmpty()) {
          continue;
        }
        changed.addAll(found);
        @SuppressWarnings({"unchecked", "rawtypes"})
        CriteriaUpdate<Object> update = cb.createCriteriaUpdate((Class) type);
        Root<Object> updateRoot = update.from((Class<Object>) (Class<?>) type);
        update.set(updateRoot.get(deletedAt.attribute()), delete ? now : null);
        update.where(updateRoot.get(model.primaryKey().attribute()).in(found.stream().map(t -> t.get(0)).toList()));
        session.createMutationQuery(update).executeUpdate();
      }
      return affected(changed, keyFields);
    });
  }

  private AffectedKeys affected(List<Tuple> changed, List<FieldModel> keyFields) {
    List<Object> ids = new ArrayList<>();
    Map<String, List<Object>> byKey = new LinkedHashMap<>();
    for (LinkableKey k : model.linkableKeys()) {
      byKey.put(k.name(), new ArrayList<>());
    }
    for (Tuple t : changed) {
      ids.add(t.get(0));
      for (LinkableKey k : model.linkableKeys()) {
        int index = keyFields.indexOf(model.field(k.field()).orElseThrow());
        Object value = t.get(index);
        if (value != null) {
          byKey.get(k.name()).add(value);
        }
      }
    }
    return new AffectedKeys(model.name(), ids, byKey);
  }

  private List<Object> keys(Collection<?> ids, String operation) {
    LinkedHashSet<Object> keys = new LinkedHashSet<>();
    int i = 0;
    for (Object id : ids) {
      String path = operation + "(ids)[" + i++ + "]";
      if (id == null || (id instanceof CharSequence s && s.toString().isBlank())) {
        throw new InvalidDataException("empty id at " + path + " for " + model.name() + "; pass the "
            + model.primaryKey().name() + " of existing records");
      }
      keys.add(Values.coerce(model.primaryKey(), id, path));
    }
    return new ArrayList<>(keys);
  }

  private static List<Selection<?>> selections(Root<?> root, List<FieldModel> fields) {
    List<Selection<?>> out = new ArrayList<>(fields.size());
    for (FieldModel f : fields) {
      out.add(root.get(f.attribute()));
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Predicate predicate(CriteriaBuilder cb, Root<?> root, Filter filter) {
    if (filter instanceof Filter.True) {
      return cb.conjunction();
    }
    if (filter instanceof Filter.And and) {
      return cb.and(and.parts().stream().map(p -> predicate(cb, root, p)).toArray(Predicate[]::new));
    }
    if (filter instanceof Filter.Or or) {
      return cb.or(or.parts().stream().map(p -> predicate(cb, root, p)).toArray(Predicate[]::new));
    }
    if (filter instanceof Filter.IsNull isNull) {
      Path<Object> path = root.get(isNull.field().attribute());
      return isNull.negated() ? cb.isNotNull(path) : cb.isNull(path);
    }
    if (filter instanceof Filter.In in) {
      Path<Object> path = root.get(in.field().attribute());
      if (in.values().isEmpty()) {
        return in.negated() ? cb.conjunction() : cb.disjunction();
      }
      Predicate p = path.in(in.values());
      return in.negated() ? cb.not(p) : p;
    }
    if (filter instanceof Filter.Like like) {
      Expression<String> path = root.get(like.field().attribute()).as(String.class);
      return like.caseInsensitive()
          ? cb.like(cb.lower(path), like.pattern().toLowerCase(java.util.Locale.ROOT))
          : cb.like(path, like.pattern());
    }
    Filter.Compare c = (Filter.Compare) filter;
    Expression<Comparable> path = root.get(c.field().attribute());
    Comparable value = (Comparable) c.value();
    return switch (c.op()) {
      case EQ -> cb.equal(path, value);
      case NE -> cb.or(cb.notEqual(path, value), cb.isNull(path));
      case GT -> cb.greaterThan(path, value);
      case GTE -> cb.greaterThanOrEqualTo(path, value);
      case LT -> cb.lessThan(path, value);
      case LTE -> cb.lessThanOrEqualTo(path, value);
    };
  }

  /** Its session factory's DataSource is transaction-aware: inside a unit of work, writes join it. */
  @Override
  public boolean joinsUnitsOfWork() {
    return true;
  }

  @Override
  public String toString() {
    return "HibernateEntityStore[" + model + "]";
  }

}
