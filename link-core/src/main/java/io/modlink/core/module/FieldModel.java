package io.modlink.core.module;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One persistent field of an entity.
 *
 * @param name the public name, in snake case ({@code last_used_at}); the key in result rows and filters
 * @param attribute the JPA attribute name ({@code lastUsedAt})
 * @param column the SQL column name
 * @param type the field's type
 * @param javaType the attribute's Java type
 * @param nullable whether the column accepts null
 * @param hidden whether the module hides the field ({@link Hidden}): never selected by {@code *},
 *     never returned by graph queries, refused when a graph query names it
 */
@API(status = API.Status.STABLE, since = "0.1")
public record FieldModel(String name, String attribute, String column, FieldType type, Class<?> javaType, boolean nullable,
    boolean hidden) {
  /** A field that is not hidden. */
  public FieldModel(String name, String attribute, String column, FieldType type, Class<?> javaType, boolean nullable) {
    this(name, attribute, column, type, javaType, nullable, false);
  }

  public FieldModel {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(attribute, "attribute");
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(javaType, "javaType");
  }

  /** This field, hidden. */
  public FieldModel asHidden() {
    return new FieldModel(name, attribute, column, type, javaType, nullable, true);
  }
}
