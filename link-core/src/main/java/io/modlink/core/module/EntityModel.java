package io.modlink.core.module;

import io.modlink.core.internal.naming.Inflector;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The data model of one entity of a module, as modlink sees it: name, aliases, table, primary key,
 * fields with their types, and the keys other modules may link by.
 *
 * <p>Derived from the Hibernate metamodel when a {@link io.modlink.core.Modlink} starts; built by
 * hand with {@link #builder(String, String)} in tests and for stores that are not Hibernate-backed.
 * Immutable and thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class EntityModel {
  /** The name of the field that marks a row as soft-deleted. */
  public static final String DELETED_AT = "deleted_at";

  private final String module;
  private final String name;
  private final String pluralName;
  private final @Nullable Class<?> javaType;
  private final String table;
  private final FieldModel primaryKey;
  private final Map<String, FieldModel> fields;
  private final Map<String, LinkableKey> linkableKeys;

  private EntityModel(Builder b) {
    this.module = b.module;
    this.name = b.name;
    this.pluralName = b.pluralName != null ? b.pluralName : Inflector.plural(b.name);
    this.javaType = b.javaType;
    this.table = b.table != null ? b.table : b.name;
    if (b.primaryKey == null) {
      throw new IllegalStateException("entity " + b.name + " has no primary key");
    }
    Map<String, FieldModel> all = new LinkedHashMap<>(b.fields);
    for (String hidden : b.hidden) {
      FieldModel f = all.get(hidden);
      if (f == null) {
        throw new IllegalStateException("hidden field " + hidden + " is not a field of " + b.name + "; its fields: "
            + String.join(", ", all.keySet()));
      }
      all.put(hidden, f.asHidden());
    }
    this.fields = Collections.unmodifiableMap(all);
    this.primaryKey = all.get(b.primaryKey);
    if (this.primaryKey == null) {
      throw new IllegalStateException("primary key " + b.primaryKey + " of " + b.name + " is not one of its fields");
    }
    if (this.primaryKey.hidden()) {
      throw new IllegalStateException("primary key " + b.primaryKey + " of " + b.name + " cannot be hidden: every"
          + " result carries it");
    }
    Map<String, LinkableKey> keys = new LinkedHashMap<>();
    keys.put(b.name + "_id", new LinkableKey(b.name + "_id", b.name, primaryKey.name()));
    b.linkableKeys.forEach((key, field) -> keys.put(key, new LinkableKey(key, b.name, field)));
    this.linkableKeys = Collections.unmodifiableMap(keys);
  }

  /**
   * Starts a hand-built model. The primary key must be declared with {@link Builder#primaryKey};
   * the default linkable key {@code <name>_id} is added for it.
   */
  public static Builder builder(String module, String name) {
    return new Builder(module, name);
  }

  /** The name of the module that owns the entity. */
  public String module() {
    return module;
  }

  /** The entity's name in snake case, e.g. {@code api_key}; also its singular alias. */
  public String name() {
    return name;
  }

  /** The plural alias, e.g. {@code api_keys}. */
  public String pluralName() {
    return pluralName;
  }

  /** The names under which a query may start from this entity: singular and plural. */
  public List<String> aliases() {
    return pluralName.equals(name) ? List.of(name) : List.of(name, pluralName);
  }

  /** The JPA entity class, or empty for a hand-built model. */
  public Optional<Class<?>> javaType() {
    return Optional.ofNullable(javaType);
  }

  /** The SQL table. */
  public String table() {
    return table;
  }

  /** The primary-key field. */
  public FieldModel primaryKey() {
    return primaryKey;
  }

  /** All persistent fields, primary key first, then in declaration order. */
  public List<FieldModel> fields() {
    return List.copyOf(fields.values());
  }

  /** The field names, in the order of {@link #fields()}. */
  public List<String> fieldNames() {
    return List.copyOf(fields.keySet());
  }

  /**
   * The fields that are not {@linkplain FieldModel#hidden() hidden}, in the order of {@link #fields()}:
   * what {@code *} selects.
   */
  public List<FieldModel> visibleFields() {
    return fields.values().stream().filter(f -> !f.hidden()).toList();
  }

  /** The names of the {@link #visibleFields()}. */
  public List<String> visibleFieldNames() {
    return visibleFields().stream().map(FieldModel::name).toList();
  }

  /** The field with this (snake-case) name. */
  public Optional<FieldModel> field(String fieldName) {
    return Optional.ofNullable(fields.get(fieldName));
  }

  /** Whether the entity has a {@code deleted_at} field, and so supports soft delete and restore. */
  public boolean isSoftDeletable() {
    FieldModel f = fields.get(DELETED_AT);
    return f != null && f.type() == FieldType.DATETIME;
  }

  /** The keys other modules may link by: {@code <name>_id} first, then any declared by the module. */
  public List<LinkableKey> linkableKeys() {
    return List.copyOf(linkableKeys.values());
  }

  /** The linkable key with this name. */
  public Optional<LinkableKey> linkableKey(String keyName) {
    return Optional.ofNullable(linkableKeys.get(keyName));
  }

  /** The linkable key names, e.g. {@code [api_key_id, publishable_key_id]}. */
  public List<String> linkableKeyNames() {
    return List.copyOf(linkableKeys.keySet());
  }

  @Override
  public String toString() {
    return module + "." + name;
  }

  /** Builds an {@link EntityModel}. Not thread-safe. */
  public static final class Builder {
    private final String module;
    private final String name;
    private @Nullable String pluralName;
    private @Nullable Class<?> javaType;
    private @Nullable String table;
    private @Nullable String primaryKey;
    private final Map<String, FieldModel> fields = new LinkedHashMap<>();
    private final Map<String, String> linkableKeys = new LinkedHashMap<>();
    private final java.util.Set<String> hidden = new java.util.LinkedHashSet<>();

    private Builder(String module, String name) {
      this.module = Objects.requireNonNull(module, "module");
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder pluralName(String plural) {
      this.pluralName = Objects.requireNonNull(plural, "plural");
      return this;
    }

    public Builder javaType(Class<?> type) {
      this.javaType = Objects.requireNonNull(type, "type");
      return this;
    }

    public Builder table(String tableName) {
      this.table = Objects.requireNonNull(tableName, "tableName");
      return this;
    }

    /** Declares the primary-key field (column = name). */
    public Builder primaryKey(String fieldName, FieldType type) {
      return primaryKey(new FieldModel(fieldName, fieldName, fieldName, type, javaOf(type), false));
    }

    public Builder primaryKey(FieldModel field) {
      if (primaryKey != null) {
        throw new IllegalStateException("primary key was already set to " + primaryKey);
      }
      field(field);
      this.primaryKey = field.name();
      return this;
    }

    /** Declares a nullable field whose column has the field's name. */
    public Builder field(String fieldName, FieldType type) {
      return field(new FieldModel(fieldName, fieldName, fieldName, type, javaOf(type), true));
    }

    public Builder field(FieldModel field) {
      if (fields.putIfAbsent(field.name(), field) != null) {
        throw new IllegalStateException("field " + field.name() + " was already declared on " + name);
      }
      return this;
    }

    /**
     * Marks declared fields as {@linkplain FieldModel#hidden() hidden}, as {@link Hidden} does on an
     * entity's field. The primary key cannot be hidden.
     */
    public Builder hidden(String... fieldNames) {
      for (String f : fieldNames) {
        hidden.add(Objects.requireNonNull(f, "fieldName"));
      }
      return this;
    }

    /** Declares an additional linkable key held by {@code fieldName}. */
    public Builder linkableKey(String keyName, String fieldName) {
      linkableKeys.put(Objects.requireNonNull(keyName, "keyName"), Objects.requireNonNull(fieldName, "fieldName"));
      return this;
    }

    public EntityModel build() {
      return new EntityModel(this);
    }

    private static Class<?> javaOf(FieldType type) {
      return switch (type) {
        case STRING, ENUM -> String.class;
        case INTEGER -> Integer.class;
        case BIGINT -> Long.class;
        case BOOLEAN -> Boolean.class;
        case DECIMAL -> java.math.BigDecimal.class;
        case DOUBLE -> Double.class;
        case DATETIME -> java.time.Instant.class;
        case DATE -> java.time.LocalDate.class;
        case UUID -> java.util.UUID.class;
        case JSON -> Map.class;
        case OTHER -> Object.class;
      };
    }
  }
}
