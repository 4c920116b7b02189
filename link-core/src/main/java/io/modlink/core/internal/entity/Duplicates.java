package io.modlink.core.internal.entity;

import io.modlink.core.error.DuplicateException;
import io.modlink.core.module.EntityModel;
import io.modlink.core.module.FieldModel;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a unique-index violation of a module's table into a {@link DuplicateException} in Medusa's
 * words ({@code Book with isbn: 9780441013593, already exists.}). The field is found by the
 * violated index's columns (read from the JDBC metadata, only after a violation), so that the
 * message names it on every engine, whatever the index is called.
 */
public final class Duplicates {
  private Duplicates() {}

  /**
   * The violated unique index or primary key in {@code e}'s causes (Hibernate reports one at flush, or
   * wrapped in a {@code RollbackException} at commit), if any.
   */
  public static Optional<ConstraintViolationException> violation(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConstraintViolationException c
          && c.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * The exception for a violation that {@link #violation} found.
   *
   * @param values the value of a field in each record written, by field name
   * @param outcome what happened to the batch, e.g. {@code nothing was created}
   */
  public static DuplicateException of(ConstraintViolationException e, EntityModel model, SessionFactory sessions,
      Function<String, List<@Nullable Object>> values, String outcome) {
    String label = model.name().replace('_', ' ');
    String capitalized = label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
    Optional<FieldModel> field = field(e.getConstraintName(), model, sessions);
    if (field.isEmpty()) {
      return new DuplicateException(capitalized + " already exists: another " + label + " has the same value of a unique"
          + " field" + (e.getConstraintName() == null ? "" : " (constraint "
          + e.getConstraintName().split(" INDEX ")[0].replace("\"", "") + ")")
          + "; give a different value; " + outcome, e);
    }
    Set<String> given = new LinkedHashSet<>();
    for (Object value : values.apply(field.get().name())) {
      if (value != null) {
        given.add(String.valueOf(value));
      }
    }
    String name = field.get().name();
    if (given.size() == 1) {
      return new DuplicateException(capitalized + " with " + name + ": " + given.iterator().next() + ", already exists"
          + (outcome.isEmpty() ? "." : "; " + outcome), e);
    }
    return new DuplicateException(capitalized + " with one of the " + name + " values given already exists, or the batch"
        + " gives one twice; each " + label + " needs its own " + name + "; " + outcome, e);
  }

  /** The field whose column alone makes up the violated index, if the metadata says so. */
  private static Optional<FieldModel> field(@Nullable String constraint, EntityModel model, SessionFactory sessions) {
    if (constraint == null || constraint.isBlank()) {
      return Optional.empty();
    }
    List<String> columns;
    try {
      columns = sessions.fromSession(session -> session.doReturningWork(connection ->
          indexColumns(connection.getMetaData(), model.table(), constraint)));
    } catch (RuntimeException ignored) {
      return Optional.empty();   // the message stays generic: the metadata is a nicety, not the error
    }
    if (columns.size() != 1) {
      return Optional.empty();
    }
    String column = columns.get(0);
    return model.fields().stream().filter(f -> f.column().equalsIgnoreCase(column)).findFirst()
        .or(() -> model.primaryKey().column().equalsIgnoreCase(column) ? Optional.of(model.primaryKey())
            : Optional.empty());
  }

  /**
   * The columns of the unique index named like {@code constraint} on {@code table}: the same name
   * (PostgreSQL, MariaDB) or the constraint's name with a suffix (H2 names a constraint's index
   * {@code <constraint>_INDEX_x}).
   */
  private static List<String> indexColumns(DatabaseMetaData meta, String table, String constraint)
      throws SQLException {
    // H2 reports "<schema>.<constraint> INDEX <schema>.<index>"; the others the bare name
    List<String> wanted = new ArrayList<>();
    for (String part : constraint.split(" INDEX ")) {
      String bare = part.strip().replace("\"", "");
      wanted.add(bare.substring(bare.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
    }
    for (String name : new LinkedHashSet<>(List.of(table, table.toUpperCase(Locale.ROOT),
        table.toLowerCase(Locale.ROOT)))) {
      List<String> columns = new ArrayList<>();
      String found = null;
      try (ResultSet rs = meta.getIndexInfo(null, null, name, true, false)) {
        while (rs.next()) {
          String index = rs.getString("INDEX_NAME");
          String column = rs.getString("COLUMN_NAME");
          if (index == null || column == null) {
            continue;
          }
          String lower = index.toLowerCase(Locale.ROOT);
          if (wanted.stream().anyMatch(w -> lower.equals(w) || lower.startsWith(w + "_index"))) {
            if (found != null && !found.equals(index)) {
              continue;
            }
            found = index;
            columns.add(column);
          }
        }
      }
      if (found != null) {
        return columns;
      }
    }
    return List.of();
  }

  /** The values of {@code field} in {@code rows}, for {@link #of}. */
  public static <T> Function<String, List<@Nullable Object>> values(List<T> records,
      java.util.function.BiFunction<T, String, @Nullable Object> read) {
    Objects.requireNonNull(records, "records");
    return field -> records.stream().map(r -> read.apply(r, field)).toList();
  }
}
