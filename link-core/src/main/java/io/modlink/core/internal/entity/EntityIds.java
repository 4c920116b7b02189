package io.modlink.core.internal.entity;

import com.github.f4b6a3.ulid.UlidCreator;
import io.modlink.core.entity.IdPrefix;
import io.modlink.core.internal.naming.SnakeCase;
import jakarta.persistence.Entity;
import java.util.regex.Pattern;

/** Prefixed ULID ids of module entities: {@code sc_01HZX3V8Q2M5T7W9Y1B3D5F7H9}. */
public final class EntityIds {
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final ClassValue<String> PREFIXES = new ClassValue<>() {
    @Override
    protected String computeValue(Class<?> type) {
      IdPrefix declared = type.getAnnotation(IdPrefix.class);
      String prefix = declared != null ? declared.value() : SnakeCase.of(entityName(type));
      if (!PREFIX.matcher(prefix).matches()) {
        throw new IllegalArgumentException("id prefix '" + prefix + "' of " + type.getName() + " is not valid: use"
            + " lower-case letters and digits, starting with a letter, e.g. @IdPrefix(\"sc\")");
      }
      return prefix;
    }
  };

  private EntityIds() {}

  /** The prefix of the entity's ids, without {@code _}. */
  public static String prefix(Class<?> entityType) {
    return PREFIXES.get(entityType);
  }

  /** A new id: the prefix, {@code _} and a monotonic ULID. */
  public static String next(Class<?> entityType) {
    return prefix(entityType) + "_" + UlidCreator.getMonotonicUlid();
  }

  /** The JPA entity name: {@code @Entity(name)}, or the class's simple name. */
  public static String entityName(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      Entity entity = c.getAnnotation(Entity.class);
      if (entity != null) {
        return entity.name().isEmpty() ? c.getSimpleName() : entity.name();
      }
    }
    return type.getSimpleName();
  }
}
