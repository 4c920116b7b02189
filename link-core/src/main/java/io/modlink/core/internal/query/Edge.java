package io.modlink.core.internal.query;

import org.jspecify.annotations.Nullable;

/**
 * How a parent reaches related records: through a link table (pivot) or directly by a key field.
 *
 * @param alias the relation name on the parent
 * @param isList whether the parent sees a list
 * @param parentKey the parent field whose values the hop starts from
 * @param pivot the link table, or null for a direct hop
 * @param pivotFrom the link column matching {@code parentKey}
 * @param pivotTo the link column matching {@code targetKey}
 * @param target the related table
 * @param targetKey the target field the hop arrives at
 */
public record Edge(String alias, boolean isList, String parentKey, @Nullable Source pivot, @Nullable String pivotFrom,
    @Nullable String pivotTo, Source target, String targetKey) {

  /** The name of what links the two sides, for messages. */
  public String via() {
    return pivot == null ? "field " + parentKey : pivot.name();
  }
}
