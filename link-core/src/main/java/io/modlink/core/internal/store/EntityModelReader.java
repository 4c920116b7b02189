package io.modlink.core.internal.store;

import io.modlink.core.entity.ModuleEntity;
import io.modlink.core.entity.SoftDeletableEntity;
import io.modlink.core.error.ConfigurationProblem;
import io.modlink.core.error.ProblemId;
import io.modlink.core.internal.naming.DidYouMean;
import io.modlink.core.internal.naming.SnakeCase;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.module.Hidden;
import io.modlink.core.module.ModuleDefinition;
import io.modlink.core.module.ModuleModel;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicValuedModelPart;
import org.hibernate.metamodel.mapping.EntityIdentifierMapping;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.type.SqlTypes;

/** Derives the {@link EntityModel}s of a module from its Hibernate metamodel. */
public final class EntityModelReader {
  private EntityModelReader() {}

  /** Entity classes of the definition that are not JPA entities, as problems. */
  public static List<ConfigurationProblem> checkEntityClasses(ModuleDefinition definition) {
    List<ConfigurationProblem> problems = new ArrayList<>();
    for (Class<?> type : definition.entities()) {
      if (!type.isAnnotationPresent(jakarta.persistence.Entity.class)) {
        problems.add(new ConfigurationProblem(ProblemId.NOT_AN_ENTITY, type.getName()
            + " is not a JPA entity; annotate it with @jakarta.persistence.Entity", "module " + definition.name()));
      }
    }
    return problems;
  }

  /**
   * Reads the models, adding any problem (unsupported identifier, unknown linkable field) to {@code problems}.
   */
  public static ModuleModel read(ModuleDefinition definition, SessionFactory sessionFactory,
      List<ConfigurationProblem> problems) {
    var metamodel = sessionFactory.unwrap(SessionFactoryImplementor.class).getMappingMetamodel();
    List<EntityModel> entities = new ArrayList<>();
    for (Class<?> type : definition.entities()) {
      EntityPersister persister = metamodel.getEntityDescriptor(type);
      String name = SnakeCase.of(persister.getJpaEntityName());
      EntityIdentifierMapping id = persister.getIdentifierMapping();
      if (!(id instanceof BasicValuedModelPart idPart)) {
        problems.add(new ConfigurationProblem(ProblemId.NOT_AN_ENTITY, type.getName()
            + " has a composite identifier; modlink links entities by a single-column primary key",
            "module " + definition.name()));
        continue;
      }
      EntityModel.Builder model = EntityModel.builder(definition.name(), name)
          .javaType(type)
          .table(persister.getIdentifierTableDetails().getTableName());
      model.primaryKey(field(id.getAttributeName(), idPart, false));
      Map<String, Integer> order = declarationOrder(type);
      List<AttributeMapping> attributes = new ArrayList<>();
      persister.getAttributeMappings().forEach(attributes::add);
      attributes.sort(Comparator.comparingInt(a -> order.getOrDefault(a.getAttributeName(), Integer.MAX_VALUE)));
      for (AttributeMapping attribute : attributes) {
        // associations inside a module are not fields; embeddables are not supported yet
        if (attribute instanceof BasicValuedModelPart basic && basic.getJdbcTypeCount() == 1
            && !attribute.getAttributeName().equals(id.getAttributeName())) {
          FieldModel field = field(attribute.getAttributeName(), basic, basic.isNullable());
          model.field(isHidden(type, attribute.getAttributeName()) ? field.asHidden() : field);
        }
      }
      for (ModuleDefinition.LinkableKeyDeclaration key : definition.linkableKeys()) {
        if (key.entity().equals(type)) {
          if (key.key().equals(name + "_id")) {
            problems.add(new ConfigurationProblem(ProblemId.DUPLICATE_LINKABLE_KEY, "linkable key '" + key.key()
                + "' is already the default key of " + definition.name() + "." + name + " (its primary key); choose"
                + " another name", "module " + definition.name()));
            continue;
          }
          model.linkableKey(key.key(), key.field());
        }
      }
      EntityModel built = model.build();
      for (ModuleDefinition.LinkableKeyDeclaration key : definition.linkableKeys()) {
        if (key.entity().equals(type) && built.field(key.field()).isEmpty()) {
          problems.add(new ConfigurationProblem(ProblemId.UNKNOWN_LINKABLE_FIELD, "linkable key '" + key.key()
              + "' names field '" + key.field() + "', which " + built + " does not have"
              + DidYouMean.hint(key.field(), built.fieldNames()) + "; its fields: "
              + String.join(", ", built.fieldNames()), "module " + definition.name()));
        }
      }
      entities.add(built);
    }
    Map<String, String> keyOwners = new HashMap<>();
    for (EntityModel entity : entities) {
      for (String key : entity.linkableKeyNames()) {
        String previous = keyOwners.putIfAbsent(key, entity.name());
        if (previous != null) {
          problems.add(new ConfigurationProblem(ProblemId.DUPLICATE_LINKABLE_KEY, "linkable key '" + key + "' of "
              + definition.name() + "." + entity.name() + " is also a key of " + definition.name() + "." + previous
              + "; a key must address one entity of its module", "module " + definition.name()));
        }
      }
    }
    return new ModuleModel(definition.name(), entities);
  }

  private static FieldModel field(String attribute, BasicValuedModelPart part, boolean nullable) {
    Class<?> javaType = part.getJavaType().getJavaTypeClass();
    int sqlType = part.getJdbcMapping().getJdbcType().getDefaultSqlTypeCode();
    return new FieldModel(SnakeCase.of(attribute), attribute, part.getSelectionExpression(), typeOf(javaType, sqlType),
        javaType, nullable);
  }

  static FieldType typeOf(Class<?> type, int sqlType) {
    if (sqlType == SqlTypes.JSON || sqlType == SqlTypes.JSON_ARRAY) {
      return FieldType.JSON;
    }
    Class<?> t = Values.box(type);
    if (t == String.class || t == Character.class) {
      return FieldType.STRING;
    }
    if (t == Integer.class || t == Short.class || t == Byte.class) {
      return FieldType.INTEGER;
    }
    if (t == Long.class || t == BigInteger.class) {
      return FieldType.BIGINT;
    }
    if (t == Boolean.class) {
      return FieldType.BOOLEAN;
    }
    if (t == BigDecimal.class) {
      return FieldType.DECIMAL;
    }
    if (t == Double.class || t == Float.class) {
      return FieldType.DOUBLE;
    }
    if (t == Instant.class || t == OffsetDateTime.class || t == ZonedDateTime.class || t == LocalDateTime.class
        || Date.class.isAssignableFrom(t)) {
      return FieldType.DATETIME;
    }
    if (t == LocalDate.class) {
      return FieldType.DATE;
    }
    if (t.isEnum()) {
      return FieldType.ENUM;
    }
    if (t == UUID.class) {
      return FieldType.UUID;
    }
    return FieldType.OTHER;
  }

  /** Whether the Java field behind an attribute carries {@link Hidden}. */
  private static boolean isHidden(Class<?> type, String attribute) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(attribute).isAnnotationPresent(Hidden.class);
      } catch (NoSuchFieldException e) {
        // declared higher up
      }
    }
    return false;
  }

  /**
   * Field index in declaration order, superclasses (mapped superclasses) first, except modlink's own
   * base classes ({@link ModuleEntity}, {@link SoftDeletableEntity}): their timestamps come after the entity's fields.
   */
  private static Map<String, Integer> declarationOrder(Class<?> type) {
    Deque<Class<?>> chain = new ArrayDeque<>();
    List<Class<?>> bases = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      if (c == ModuleEntity.class || c == SoftDeletableEntity.class) {
        bases.add(0, c);
      } else {
        chain.push(c);
      }
    }
    chain.addAll(bases);
    Map<String, Integer> order = new HashMap<>();
    int i = 0;
    for (Class<?> c : chain) {
      for (Field f : c.getDeclaredFields()) {
        order.putIfAbsent(f.getName(), i++);
      }
    }
    return order;
  }
}
