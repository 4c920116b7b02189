package io.modlink.core.internal.entity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modlink.core.error.InvalidDataException;
import io.modlink.core.internal.store.Rows;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import io.modlink.core.module.FieldType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields of one entity class read and written by reflection, as the store renders them: an
 * entity as a row, a row as a (detached) entity, and JSON fields as plain JSON values.
 */
public final class EntityRows<E> {
  private static final TypeReference<Object> JSON = new TypeReference<>() {};

  private final Class<E> type;
  private final ObjectMapper mapper;
  private final Rows rows;
  private final Map<String, Field> fields = new LinkedHashMap<>();
  private final Map<String, FieldModel> models = new LinkedHashMap<>();

  public EntityRows(Class<E> type, EntityModel model, ObjectMapper mapper) {
    this.type = type;
    this.mapper = mapper;
    this.rows = new Rows(mapper);
    List<FieldModel> all = new java.util.ArrayList<>();
    all.add(model.primaryKey());
    model.fields().stream().filter(f -> !f.name().equals(model.primaryKey().name())).forEach(all::add);
    for (FieldModel field : all) {
      Field f = field(type, field.attribute());
      f.setAccessible(true);
      fields.put(field.name(), f);
      models.put(field.name(), field);
    }
  }

  /** The entity's fields as a row: snake-case keys, values rendered as the stores render them. */
  public ObjectNode row(E entity, List<String> names) {
    ObjectNode row = rows.newRow();
    for (String name : names) {
      rows.put(row, models.get(name), get(entity, name));
    }
    return row;
  }

  /** A detached entity with the row's fields (the others keep the values of its no-argument constructor). */
  public E entity(ObjectNode row) {
    E entity = newInstance();
    row.fields().forEachRemaining(entry -> {
      Field f = fields.get(entry.getKey());
      if (f != null) {
        set(entity, f, mapper.convertValue(entry.getValue(), mapper.getTypeFactory().constructType(
            f.getGenericType())));
      }
    });
    return entity;
  }

  /**
   * Replaces the value of every JSON field by its plain JSON form (maps, lists, strings, numbers,
   * booleans, null), as it will be read back.
   *
   * @throws InvalidDataException naming {@code where} and the path of the first value that is not JSON
   */
  public void normalizeJson(E entity, String where) {
    for (Map.Entry<String, FieldModel> entry : models.entrySet()) {
      if (entry.getValue().type() != FieldType.JSON) {
        continue;
      }
      @Nullable Object value = get(entity, entry.getKey());
      if (value != null) {
        Field f = fields.get(entry.getKey());
        Object plain = json(where, entry.getKey(), value);
        set(entity, f, mapper.convertValue(plain, mapper.getTypeFactory().constructType(f.getGenericType())));
      }
    }
  }

  /**
   * Refuses text the databases cannot store: a NUL character in a text field, or anywhere in a JSON
   * field (keys and values, at any depth).
   *
   * @throws InvalidDataException naming {@code where}, the field (and path) and the index of the NUL
   */
  public void checkTexts(E entity, String where) {
    for (Map.Entry<String, FieldModel> entry : models.entrySet()) {
      FieldType type = entry.getValue().type();
      @Nullable Object value = get(entity, entry.getKey());
      if (type == FieldType.STRING && value instanceof String text) {
        checkNul(where, entry.getKey(), text);
      } else if (type == FieldType.JSON && value != null) {
        java.util.ArrayDeque<Map.Entry<String, @Nullable Object>> todo = new java.util.ArrayDeque<>();
        todo.push(Map.entry(entry.getKey(), value));
        while (!todo.isEmpty()) {
          Map.Entry<String, @Nullable Object> next = todo.pop();
          if (next.getValue() instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
              checkNul(where, next.getKey() + " key", String.valueOf(e.getKey()));
              todo.push(new java.util.AbstractMap.SimpleEntry<>(next.getKey() + "." + e.getKey(), e.getValue()));
            }
          } else if (next.getValue() instanceof java.util.Collection<?> list) {
            int i = 0;
            for (Object item : list) {
              todo.push(new java.util.AbstractMap.SimpleEntry<>(next.getKey() + "[" + i++ + "]", item));
            }
          } else if (next.getValue() instanceof CharSequence text) {
            checkNul(where, next.getKey(), text.toString());
          }
        }
      }
    }
  }

  /** Refuses a text with a NUL character, which databases cannot store. */
  public static void checkNul(String where, String field, String text) {
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw new InvalidDataException(where + ": " + field + " holds a NUL character (\\u0000) at index " + nul
          + ", which databases cannot store; remove it");
    }
  }

  private Object json(String where, String field, Object value) {
    try {
      return mapper.convertValue(value, JSON);
    } catch (IllegalArgumentException e) {
      StringBuilder path = new StringBuilder(field);
      @Nullable Object at = value;
      if (e.getCause() instanceof JsonMappingException mapping) {
        for (JsonMappingException.Reference step : mapping.getPath()) {
          if (step.getFieldName() != null) {
            path.append('.').append(step.getFieldName());
            at = at instanceof Map<?, ?> map ? map.get(step.getFieldName()) : null;
          } else {
            path.append('[').append(step.getIndex()).append(']');
            at = at instanceof List<?> list && step.getIndex() >= 0 && step.getIndex() < list.size()
                ? list.get(step.getIndex()) : null;
          }
        }
      }
      throw new InvalidDataException(where + ": " + path + (at == null ? "" : " (a " + at.getClass().getName() + ")")
          + " is not JSON; give maps, lists, strings, numbers, booleans and nulls", e);
    }
  }

  /**
   * Sets the fields the changes name, each value converted to its field's type.
   *
   * @throws InvalidDataException naming {@code where} and the field, if a field is unknown, is one
   *     the framework maintains, or cannot take the value
   */
  public void apply(E entity, Map<String, @Nullable Object> changes, String where, java.util.Set<String> maintained) {
    for (Map.Entry<String, @Nullable Object> change : changes.entrySet()) {
      String name = change.getKey();
      Field f = fields.get(name);
      if (f == null || maintained.contains(name)) {
        List<String> known = models.keySet().stream().filter(n -> !maintained.contains(n)).toList();
        throw new InvalidDataException(where + ": " + (f == null ? "unknown field '" + name + "'"
            + io.modlink.core.internal.naming.DidYouMean.hint(name, known) : "field '" + name + "' is maintained by"
            + " the framework and cannot be changed") + "; the fields that may change: " + String.join(", ", known));
      }
      Object value;
      if (models.get(name).type() == FieldType.JSON && (change.getValue() == null
          || f.getType().isInstance(change.getValue()))) {
        set(entity, f, change.getValue());   // checked and made plain JSON by normalizeJson
        continue;
      }
      try {
        value = mapper.convertValue(change.getValue(), mapper.getTypeFactory().constructType(f.getGenericType()));
      } catch (IllegalArgumentException e) {
        throw new InvalidDataException(where + ": " + name + " cannot be " + change.getValue() + " (a "
            + change.getValue().getClass().getSimpleName() + "); give " + typeName(name) + " value", e);
      }
      if (value == null && f.getType().isPrimitive()) {
        throw new InvalidDataException(where + ": " + name + " cannot be null; give " + typeName(name) + " value");
      }
      set(entity, f, value);
    }
  }

  private String typeName(String field) {
    String type = models.get(field).type().name().toLowerCase(java.util.Locale.ROOT);
    return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
  }

  /** The value of a field, by its snake-case name. */
  public @Nullable Object get(E entity, String name) {
    try {
      return fields.get(name).get(entity);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + type.getName() + "." + name, e);
    }
  }

  private void set(E entity, Field f, @Nullable Object value) {
    try {
      f.set(entity, value);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot write " + type.getName() + "." + f.getName(), e);
    }
  }

  private E newInstance() {
    try {
      Constructor<E> constructor = type.getDeclaredConstructor();
      constructor.setAccessible(true);
      return constructor.newInstance();
    } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
      throw new IllegalStateException(type.getName() + " needs a constructor without arguments (JPA asks for one"
          + " too)", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("the constructor of " + type.getName() + " failed", e.getCause());
    }
  }

  private static Field field(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      try {
        return c.getDeclaredField(name);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new IllegalStateException(type.getName() + " has no field '" + name + "' (its mapping must use field"
        + " access)");
  }

}
