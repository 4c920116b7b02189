package io.modlink.core.entity;

import io.modlink.core.error.InvalidDataException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The fields an update sets, by their snake-case names: Medusa's {@code update(id, data)} in Java.
 * Only the fields given change; a field may be set to null to clear it.
 *
 * <pre>{@code
 * brands.update(id, Changes.newBuilder().set("name", "Acme Inc.").set("default_sales_channel_id", null).build());
 * brands.update(id, Changes.of(Map.of("name", "Acme Inc.")));     // e.g. from an HTTP request body
 * }</pre>
 *
 * <p>{@link EntityService#update(String, Changes)} converts each value to its field's type (as
 * Jackson converts JSON) and refuses unknown fields and the fields the framework maintains
 * ({@code id}, {@code created_at}, {@code updated_at}, {@code deleted_at}). A module may extend it
 * with a typed builder of its own ({@code UpdateSalesChannel}). Immutable.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class Changes {
  private static final Changes NONE = new Changes(Map.of());

  private final Map<String, @Nullable Object> values;

  private Changes(Map<String, @Nullable Object> values) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The same changes, for a subclass that gives them a type of its own. */
  protected Changes(Changes changes) {
    this.values = changes.values;
  }

  /** No change. */
  public static Changes none() {
    return NONE;
  }

  /**
   * The changes of a map: field name to new value.
   *
   * @throws InvalidDataException if the map or a field name is null
   */
  public static Changes of(Map<String, ?> values) {
    if (values == null) {
      throw new InvalidDataException("the changes are null; give a map of fields to new values");
    }
    Builder builder = newBuilder();
    values.forEach(builder::set);
    return builder.build();
  }

  /** Starts changes that change nothing. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** Whether the field changes (possibly to null). */
  public final boolean has(String field) {
    return values.containsKey(field);
  }

  /** The new value of a field; null when it is set to null or does not change (see {@link #has}). */
  public final @Nullable Object get(String field) {
    return values.get(field);
  }

  /** Every change, in the order given. */
  public final Map<String, @Nullable Object> asMap() {
    return values;
  }

  @Override
  public final boolean equals(@Nullable Object o) {
    return o instanceof Changes other && values.equals(other.values);
  }

  @Override
  public final int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + values;
  }

  /** Builds {@link Changes}; each field may be set once. Not thread-safe. */
  public static final class Builder {
    private final Map<String, @Nullable Object> values = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets a field (its snake-case name) to a new value, or to null to clear it.
     *
     * @throws InvalidDataException if the field name is null
     * @throws IllegalStateException if the field was already set
     */
    public Builder set(String field, @Nullable Object value) {
      if (field == null) {
        throw new InvalidDataException("a change names no field (null); give the snake-case name of a field");
      }
      if (values.containsKey(field)) {
        Object previous = values.get(field);
        throw new IllegalStateException(field + " was already set to "
            + (previous instanceof CharSequence ? "'" + previous + "'" : String.valueOf(previous)));
      }
      values.put(field, value);
      return this;
    }

    /** The changes. */
    public Changes build() {
      return values.isEmpty() ? NONE : new Changes(values);
    }
  }
}
