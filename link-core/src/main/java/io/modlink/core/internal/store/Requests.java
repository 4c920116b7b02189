package io.modlink.core.internal.store;

import io.modlink.core.error.InvalidDataException;
import io.modlink.core.internal.naming.DidYouMean;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import io.modlink.core.module.FieldType;
import io.modlink.core.spi.SortOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** Checks the parts of a read request against an entity model, as every modlink store does. */
public final class Requests {
  private Requests() {}

  /**
   * The fields to read: every visible field when none are named (hidden fields are read only when
   * named), else the primary key and the named ones.
   */
  public static List<FieldModel> projection(EntityModel model, List<String> requested) {
    if (requested.isEmpty()) {
      return model.visibleFields();
    }
    LinkedHashSet<FieldModel> fields = new LinkedHashSet<>();
    fields.add(model.primaryKey());
    for (String name : requested) {
      fields.add(field(model, name, "fields"));
    }
    return List.copyOf(fields);
  }

  /** The fields of a read by key: every visible field when none are named, else the key and the named ones. */
  public static List<FieldModel> keyedProjection(EntityModel model, FieldModel key, List<String> requested) {
    if (requested.isEmpty()) {
      return model.visibleFields();
    }
    LinkedHashSet<FieldModel> fields = new LinkedHashSet<>();
    for (String name : requested) {
      fields.add(field(model, name, "fields"));
    }
    fields.add(key);
    return List.copyOf(fields);
  }

  /** The order, checked: known fields that can be ordered. */
  public static List<SortOrder> order(EntityModel model, List<SortOrder> order) {
    for (SortOrder o : order) {
      FieldModel f = field(model, o.field(), "order");
      if (!f.type().isOrdered() && f.type() != FieldType.BOOLEAN && f.type() != FieldType.ENUM) {
        throw new InvalidDataException("cannot order " + model.name() + " by '" + f.name() + "', a "
            + f.type().name().toLowerCase() + " field");
      }
    }
    return order;
  }

  /** The field with this name, or an error naming where it was asked ({@code fields}, {@code order}). */
  public static FieldModel field(EntityModel model, String name, String where) {
    return model.field(name).orElseThrow(() -> new InvalidDataException("unknown field '" + name + "' in " + where
        + " of " + model.name() + DidYouMean.hint(name, model.fieldNames()) + "; known fields: "
        + String.join(", ", model.fieldNames())));
  }

  /** Keys converted to the key field's Java type. */
  public static List<Object> keys(FieldModel key, Collection<Object> keys) {
    List<Object> out = new ArrayList<>(keys.size());
    int i = 0;
    for (Object k : keys) {
      out.add(Values.coerce(key, k, "keys[" + i++ + "]"));
    }
    return out;
  }

  /** {@code filter} and rows not soft-deleted, unless deleted rows are asked for. */
  public static Filter live(EntityModel model, Filter filter, boolean withDeleted) {
    if (withDeleted || !model.isSoftDeletable()) {
      return filter;
    }
    Filter live = new Filter.IsNull(model.field(EntityModel.DELETED_AT).orElseThrow(), false);
    return filter instanceof Filter.True ? live : new Filter.And(List.of(filter, live));
  }
}
