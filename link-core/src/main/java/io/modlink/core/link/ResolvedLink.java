package io.modlink.core.link;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An active link: its definition with every name resolved.
 *
 * <p>For a link with a table, the table has the columns {@code id}, {@code left().column()},
 * {@code right().column()}, the {@link #extraColumns()}, {@code created_at}, {@code updated_at} and
 * {@code deleted_at}. A read-only link has no table: the left entity's field
 * {@code left().column()} holds the right side's key.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class ResolvedLink {
  private final LinkDefinition definition;
  private final ResolvedSide left;
  private final ResolvedSide right;
  private final @Nullable String table;
  private final @Nullable String idPrefix;
  private final @Nullable String entryPoint;

  ResolvedLink(LinkDefinition definition, ResolvedSide left, ResolvedSide right, @Nullable String table,
      @Nullable String idPrefix, @Nullable String entryPoint) {
    this.definition = Objects.requireNonNull(definition, "definition");
    this.left = left;
    this.right = right;
    this.table = table;
    this.idPrefix = idPrefix;
    this.entryPoint = entryPoint;
  }

  public LinkDefinition definition() {
    return definition;
  }

  public ResolvedSide left() {
    return left;
  }

  public ResolvedSide right() {
    return right;
  }

  public boolean isReadOnly() {
    return definition.isReadOnly();
  }

  /** The link table; empty for a read-only link. */
  public Optional<String> table() {
    return Optional.ofNullable(table);
  }

  /** The prefix of link-row ids; empty for a read-only link. */
  public Optional<String> idPrefix() {
    return Optional.ofNullable(idPrefix);
  }

  /** The name under which the link table is queried; empty for a read-only link. */
  public Optional<String> entryPoint() {
    return Optional.ofNullable(entryPoint);
  }

  public List<ExtraColumn> extraColumns() {
    return definition.extraColumns();
  }

  /** The side of {@code module.entity}, if the link has one (the left side when both sides are it). */
  public Optional<ResolvedSide> side(String module, String entity) {
    if (left.module().equals(module) && left.entity().name().equals(entity)) {
      return Optional.of(left);
    }
    if (right.module().equals(module) && right.entity().name().equals(entity)) {
      return Optional.of(right);
    }
    return Optional.empty();
  }

  /** {@code api_key.api_key <-> sales_channel.sales_channel}. */
  public String describe() {
    return definition.describe();
  }

  @Override
  public String toString() {
    return "link " + describe() + (table == null ? " (read-only)" : " (table " + table + ")");
  }
}
