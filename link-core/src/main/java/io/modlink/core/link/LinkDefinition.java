package io.modlink.core.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A link between entities of two modules: the Java counterpart of Medusa's {@code defineLink}.
 *
 * <pre>{@code
 * LinkDefinition brandChannels = LinkDefinition
 *     .between(LinkSide.of("brand", "brand"), LinkSide.of("sales_channel", "sales_channel").list())
 *     .extraColumn(ExtraColumn.of("priority", ColumnType.INTEGER).defaultValue(0))
 *     .build();
 * }</pre>
 *
 * <p>Names not given are derived by {@link LinkNaming} when the {@link LinkRegistry} is built. A
 * definition only names modules and entities; whether they exist is checked by the registry, all
 * problems at once. Options may be set once each; a second setting is an error. Immutable and
 * thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class LinkDefinition {
  private final LinkSide left;
  private final LinkSide right;
  private final boolean readOnly;
  private final @Nullable String readOnlyField;
  private final @Nullable String table;
  private final @Nullable String idPrefix;
  private final @Nullable String entryPoint;
  private final List<ExtraColumn> extraColumns;
  private final @Nullable String owner;

  private LinkDefinition(LinkSide left, LinkSide right, boolean readOnly, @Nullable String readOnlyField, @Nullable String table,
      @Nullable String idPrefix, @Nullable String entryPoint, List<ExtraColumn> extraColumns, @Nullable String owner) {
    this.left = left;
    this.right = right;
    this.readOnly = readOnly;
    this.readOnlyField = readOnlyField;
    this.table = table;
    this.idPrefix = idPrefix;
    this.entryPoint = entryPoint;
    this.extraColumns = List.copyOf(extraColumns);
    this.owner = owner;
  }

  /** Starts a link between two sides. The order matters only for names (table, entry point). */
  public static Builder between(LinkSide left, LinkSide right) {
    return new Builder(left, right);
  }

  public LinkSide left() {
    return left;
  }

  public LinkSide right() {
    return right;
  }

  /** Whether the link is read-only: no table; the left entity's {@link #readOnlyField()} holds the right key. */
  public boolean isReadOnly() {
    return readOnly;
  }

  /** For a read-only link, the field of the left entity that holds the right side's key. */
  public Optional<String> readOnlyField() {
    return Optional.ofNullable(readOnlyField);
  }

  /** The explicit table name, if one was given. */
  public Optional<String> table() {
    return Optional.ofNullable(table);
  }

  /** The explicit id prefix, if one was given. */
  public Optional<String> idPrefix() {
    return Optional.ofNullable(idPrefix);
  }

  /** The explicit entry point (the name to query the link table by), if one was given. */
  public Optional<String> entryPoint() {
    return Optional.ofNullable(entryPoint);
  }

  /** Extra columns of the link table, in declaration order. */
  public List<ExtraColumn> extraColumns() {
    return extraColumns;
  }

  /**
   * The module that declared the link, if a module did. A side naming a module other than the owner
   * may be absent (the link is then inactive); a link declared by the application (no owner) must
   * name installed modules.
   */
  public Optional<String> owner() {
    return Optional.ofNullable(owner);
  }

  /** This definition, declared by {@code module}. */
  public LinkDefinition declaredBy(String module) {
    return new LinkDefinition(left, right, readOnly, readOnlyField, table, idPrefix, entryPoint, extraColumns,
        Objects.requireNonNull(module, "module"));
  }

  /** {@code api_key.api_key <-> sales_channel.sales_channel}. */
  public String describe() {
    return left.module() + "." + left.entity() + " <-> " + right.module() + "." + right.entity();
  }

  @Override
  public String toString() {
    return "link " + describe() + (table == null ? "" : " (table " + table + ")");
  }

  /** Builds a {@link LinkDefinition}; each option may be set once. Not thread-safe. */
  public static final class Builder {
    private final LinkSide left;
    private final LinkSide right;
    private @Nullable String readOnlyField;
    private boolean readOnly;
    private @Nullable String table;
    private @Nullable String idPrefix;
    private @Nullable String entryPoint;
    private final List<ExtraColumn> extraColumns = new ArrayList<>();
    private @Nullable String owner;

    private Builder(LinkSide left, LinkSide right) {
      this.left = Objects.requireNonNull(left, "left");
      this.right = Objects.requireNonNull(right, "right");
    }

    /**
     * Makes the link read-only (Medusa's {@code readOnly: true}): no table; the left entity's
     * {@link #field field} holds the right side's key. Without a field the registry reports
     * {@code READ_ONLY_WITHOUT_FIELD}.
     */
    public Builder readOnly() {
      this.readOnly = true;
      return this;
    }

    /** For a read-only link, the (snake-case) field of the left entity that holds the right side's key. */
    public Builder field(String field) {
      Objects.requireNonNull(field, "field");
      if (readOnlyField != null) {
        throw new IllegalStateException("field was already set to " + readOnlyField);
      }
      this.readOnlyField = field;
      return this;
    }

    /** Sets the table name instead of the derived one. */
    public Builder table(String tableName) {
      Objects.requireNonNull(tableName, "tableName");
      if (table != null) {
        throw new IllegalStateException("table was already set to " + table);
      }
      this.table = tableName;
      return this;
    }

    /** Sets the prefix of link-row ids ({@code pksc -> pksc_01H...}) instead of the derived one. */
    public Builder idPrefix(String prefix) {
      Objects.requireNonNull(prefix, "prefix");
      if (idPrefix != null) {
        throw new IllegalStateException("id prefix was already set to " + idPrefix);
      }
      this.idPrefix = prefix;
      return this;
    }

    /** Sets the name under which the link table itself is queried. */
    public Builder entryPoint(String name) {
      Objects.requireNonNull(name, "name");
      if (entryPoint != null) {
        throw new IllegalStateException("entry point was already set to " + entryPoint);
      }
      this.entryPoint = name;
      return this;
    }

    /** Adds an extra column. */
    public Builder extraColumn(ExtraColumn column) {
      extraColumns.add(Objects.requireNonNull(column, "column"));
      return this;
    }

    /** Records the module that declares the link (see {@link LinkDefinition#owner()}). */
    public Builder declaredBy(String module) {
      Objects.requireNonNull(module, "module");
      if (owner != null) {
        throw new IllegalStateException("declaring module was already set to " + owner);
      }
      this.owner = module;
      return this;
    }

    public LinkDefinition build() {
      return new LinkDefinition(left, right, readOnly, readOnlyField, table, idPrefix, entryPoint,
          extraColumns, owner);
    }
  }
}
