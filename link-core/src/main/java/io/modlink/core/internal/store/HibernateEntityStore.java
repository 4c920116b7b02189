package io.modlink.core.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.error.NotAllowedException;
import io.modlink.core.internal.naming.DidYouMean;
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
import org.hibernate.SessionFactory;
import org.hibernate.SharedSessionContract;

/** The {@link EntityStore} of any JPA entity, through Hibernate's Criteria API. */
public final class HibernateEntityStore implements EntityStore {
  /** Keys per IN list in soft delete and restore; well under every driver's parameter limit. */
  static final int KEY_CHUNK = 1000;

  private final EntityModel model;
  private final SessionFactory sessionFactory;
  private final Class<?> type;
  private final Rows rows;
  private final FilterParser parser;

  public HibernateEntityStore(EntityModel model, SessionFactory sessionFactory, Rows rows) {
    this.model = Objects.requireNonNull(model, "model");
    this.sessionFactory = Objects.requireNonNull(sessionFactory, "sessionFactory");
    this.type = model.javaType().orElseThrow(() -> new IllegalArgumentException(model + " has no entity class"));
    this.rows = rows;
    this.parser = new FilterParser(model);
  }

  @Override
  public EntityModel model() {
    return model;
  }

  @Override
  public ReadResult read(ReadRequest request) {
    Objects.requireNonNull(request, "request");
    Filter filter = parser.parse(request.filters());
    List<FieldModel> fields = projection(request.fields());
    List<SortOrder> order = order(request.order());
    if (!request.withDeleted() && model.isSoftDeletable()) {
      filter = and(filter, new Filter.IsNull(model.field(EntityModel.DELETED_AT).orElseThrow(), false));
    }
    Filter where = filter;
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

  private AffectedKeys setDeletedAt(Collection<?> ids, boolean delete) {
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
    Object now = Values.coerce(deletedAt, Instant.now(), "deleted_at");
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

  private List<FieldModel> projection(List<String> requested) {
    if (requested.isEmpty()) {
      return model.fields();
    }
    LinkedHashSet<FieldModel> fields = new LinkedHashSet<>();
    fields.add(model.primaryKey());
    for (String name : requested) {
      fields.add(model.field(name).orElseThrow(() -> new InvalidDataException("unknown field '" + name
          + "' in fields of " + model.name() + DidYouMean.hint(name, model.fieldNames()) + "; known fields: "
          + String.join(", ", model.fieldNames()))));
    }
    return List.copyOf(fields);
  }

  private List<SortOrder> order(List<SortOrder> order) {
    for (SortOrder o : order) {
      FieldModel f = model.field(o.field()).orElseThrow(() -> new InvalidDataException("unknown field '" + o.field()
          + "' in order of " + model.name() + DidYouMean.hint(o.field(), model.fieldNames()) + "; known fields: "
          + String.join(", ", model.fieldNames())));
      if (!f.type().isOrdered() && f.type() != io.modlink.core.module.FieldType.BOOLEAN
          && f.type() != io.modlink.core.module.FieldType.ENUM) {
        throw new InvalidDataException("cannot order " + model.name() + " by '" + f.name() + "', a "
            + f.type().name().toLowerCase() + " field");
      }
    }
    return order;
  }

  private static List<Selection<?>> selections(Root<?> root, List<FieldModel> fields) {
    List<Selection<?>> out = new ArrayList<>(fields.size());
    for (FieldModel f : fields) {
      out.add(root.get(f.attribute()));
    }
    return out;
  }

  private static Filter and(Filter a, Filter b) {
    return a instanceof Filter.True ? b : new Filter.And(List.of(a, b));
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
