package io.modlink.core.internal.storage;

import io.modlink.core.error.ConflictException;
import io.modlink.core.internal.jdbc.Flavor;
import io.modlink.core.link.ColumnType;
import io.modlink.core.link.ExtraColumn;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TimeZone;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The SQL that writes link rows with JDBC, one small method per database {@link Flavor}: what each
 * engine does fastest, measured with {@code ./modlink bench links}.
 *
 * <ul>
 *   <li>Bulk inserts: on PostgreSQL one {@code copy ... from stdin} per {@link #PG_COPY_CHUNK} rows
 *       when there are at least {@link #PG_COPY_MIN_ROWS} and the connection is the PostgreSQL
 *       driver's ({@link PgCopy}), else one {@code insert ... select ... from unnest(?::text[], ...)} per
 *       {@link #PG_CHUNK} rows (to skip existing pairs, under a savepoint, then with
 *       {@code on conflict (left, right) do nothing} if a pair exists); on H2 a JDBC batch of
 *       {@code insert ... values}, or of {@code insert ... select ... where not exists (the pair)} to
 *       skip existing pairs; on MariaDB a JDBC batch (the driver's bulk protocol), to skip existing pairs
 *       under a savepoint, then as one {@code insert ... on duplicate key update id = id returning id} if
 *       a pair exists; elsewhere a JDBC batch of {@code insert ... values}, {@link LinkService#BATCH}
 *       rows per batch.
 *   <li>A verified create whose both sides are plain SQL tables on the link's database: on
 *       PostgreSQL one statement that checks both keys, upserts the pairs and returns each row
 *       written beside its previous state ({@link #verifiedUpsertPostgres}); on H2 an
 *       {@code insert ... select ... where exists (...)} of one new pair ({@link #verifiedInsertH2}); on
 *       MariaDB a read of the pair, then an {@code insert ... select ... where exists (...) on duplicate
 *       key update ... returning} of it ({@link #verifiedUpsertMariaDb}).
 * </ul>
 *
 * <p>Rows are maps of column name to the Java value Hibernate's dynamic-map mapping uses
 * ({@link LinkMapping}): {@code String} or {@code Long} keys, {@code Instant} times, JSON as text.
 * Every statement is shown to {@code onStatement} (the link session factory's statement inspector and
 * statistics) before it is prepared.
 */
final class LinkWrites {
  /**
   * Rows per multi-row insert on PostgreSQL. At 100,000-200,000 links, 2,000 rows per statement were
   * slower than 10,000; 5,000, 20,000 and 50,000 were within the run-to-run spread of 10,000 on the
   * shared test machine. Each array holds one value per row, so memory grows with it.
   */
  static final int PG_CHUNK = 10_000;

  /**
   * Rows per savepoint of a MariaDB bulk insert that skips existing pairs (sent in JDBC batches of
   * {@link LinkService#BATCH}); also the most rows of its {@code insert ... on duplicate key update}.
   */
  static final int MARIADB_CHUNK = 10_000;

  /** MariaDB's error code for a duplicate key. */
  private static final int MARIADB_DUPLICATE = 1062;

  /**
   * Rows per {@code COPY} on PostgreSQL (when the connection is the PostgreSQL driver's), each under its
   * savepoint when existing pairs are skipped. At 300,000 links under load 15, 50,000 rows per COPY were
   * not faster than 10,000, and one COPY of all rows neither.
   */
  static final int PG_COPY_CHUNK = 10_000;

  /**
   * The fewest rows that a bulk insert on PostgreSQL copies: a {@code COPY} takes two round trips (the
   * statement, then the rows), an insert from {@code unnest} one.
   */
  static final int PG_COPY_MIN_ROWS = 1_000;

  /** Whether the PostgreSQL driver, an optional dependency, is on the class path (for {@link PgCopy}). */
  static final boolean PG_COPY = present("org.postgresql.copy.CopyIn");

  /** PostgreSQL's SQLState for a unique violation. */
  private static final String UNIQUE_VIOLATION = "23505";
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone(ZoneOffset.UTC));

  private final Flavor flavor;
  private final UnaryOperator<String> onStatement;

  LinkWrites(Flavor flavor, UnaryOperator<String> onStatement) {
    this.flavor = Objects.requireNonNull(flavor, "flavor");
    this.onStatement = Objects.requireNonNull(onStatement, "onStatement");
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, LinkWrites.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  Flavor flavor() {
    return flavor;
  }

  /** Whether {@link #insert} can skip existing pairs itself ({@code on conflict do nothing}). */
  boolean skipsExisting() {
    return flavor == Flavor.POSTGRESQL || flavor == Flavor.H2 || flavor == Flavor.MARIADB;
  }

  /**
   * Inserts {@code rows} (every column but {@code created_at}, {@code updated_at} and
   * {@code deleted_at}, which are {@code now}, {@code now} and null), in their order.
   *
   * @param skipExisting skip rows whose pair exists ({@link #skipsExisting()} only)
   * @return with {@code skipExisting}, the indexes of the rows inserted; otherwise all of them
   */
  List<Integer> insert(Connection c, LinkTable table, List<Map<String, Object>> rows, Instant now,
      boolean skipExisting) throws SQLException {
    if (skipExisting && !skipsExisting()) {
      throw new IllegalStateException(flavor + " cannot skip existing pairs in an insert");
    }
    List<Integer> inserted = new ArrayList<>(rows.size());
    if (rows.isEmpty()) {
      return inserted;
    }
    switch (flavor) {
      case POSTGRESQL -> {
        boolean copies = rows.size() >= PG_COPY_MIN_ROWS && PG_COPY && PgCopy.supports(c);
        int chunk = copies ? PG_COPY_CHUNK : PG_CHUNK;
        for (int from = 0; from < rows.size(); from += chunk) {
          insertPostgres(c, table, rows.subList(from, Math.min(rows.size(), from + chunk)), from, now, skipExisting,
              copies, inserted);
        }
      }
      case H2 -> {
        if (skipExisting) {
          insertBatchSkippingH2(c, table, rows, now, inserted);
        } else {
          insertBatch(c, table, rows, now, "? format json", inserted);
        }
      }
      case MARIADB -> {
        if (skipExisting) {
          for (int from = 0; from < rows.size(); from += MARIADB_CHUNK) {
            insertSkippingMariaDb(c, table, rows.subList(from, Math.min(rows.size(), from + MARIADB_CHUNK)), from, now,
                inserted);
          }
        } else {
          insertBatch(c, table, rows, now, "?", inserted);
        }
      }
      default -> insertBatch(c, table, rows, now, "?", inserted);
    }
    return inserted;
  }

  // ---------------------------------------------------------------- PostgreSQL

  /**
   * {@code copy ... from stdin} ({@code copies}) or {@code insert ... select from unnest(...)}: one
   * statement. To skip existing pairs it first runs the plain copy or insert under a savepoint (cheaper
   * for the database than {@code on conflict do nothing}, which the usual bulk load, of new pairs, never
   * needs); if a pair exists, it rolls back to the savepoint and inserts with {@code on conflict do
   * nothing}, {@link #PG_CHUNK} rows per statement, then reads which of its ids made it in.
   */
  private void insertPostgres(Connection c, LinkTable table, List<Map<String, Object>> rows, int offset, Instant now,
      boolean skipExisting, boolean copies, List<Integer> inserted) throws SQLException {
    if (!skipExisting) {
      insertPlainPostgres(c, table, rows, now, copies);
      addRange(inserted, offset, rows.size());
      return;
    }
    Savepoint savepoint = c.setSavepoint();
    try {
      insertPlainPostgres(c, table, rows, now, copies);
      c.releaseSavepoint(savepoint);
      addRange(inserted, offset, rows.size());
      return;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      c.rollback(savepoint);
    }
    for (int from = 0; from < rows.size(); from += PG_CHUNK) {
      List<Map<String, Object>> chunk = rows.subList(from, Math.min(rows.size(), from + PG_CHUNK));
      if (insertPostgres(c, table, chunk, now, true) == chunk.size()) {
        addRange(inserted, offset + from, chunk.size());
      } else {
        insertedOf(c, table, chunk, offset + from, inserted);
      }
    }
  }

  /** The plain insert of {@code rows}: a COPY when the connection {@code copies}, else from unnest. */
  private void insertPlainPostgres(Connection c, LinkTable table, List<Map<String, Object>> rows, Instant now,
      boolean copies) throws SQLException {
    if (copies) {
      copyPostgres(c, table, rows, now);
    } else {
      insertPostgres(c, table, rows, now, false);
    }
  }

  /** Some pairs existed: the rows that carry this call's ids are the ones inserted. */
  private void insertedOf(Connection c, LinkTable table, List<Map<String, Object>> rows, int offset,
      List<Integer> inserted) throws SQLException {
    String[] ids = new String[rows.size()];
    Map<String, Integer> byId = new HashMap<>(rows.size() * 4 / 3 + 1);
    for (int i = 0; i < rows.size(); i++) {
      ids[i] = (String) rows.get(i).get(LinkTable.ID);
      byId.put(ids[i], offset + i);
    }
    String select = "select " + LinkTable.ID + " from " + table.table() + " where " + LinkTable.ID + " = any(?)";
    try (PreparedStatement ps = c.prepareStatement(sent(select))) {
      ps.setArray(1, c.createArrayOf("text", ids));
      List<Integer> found = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          found.add(byId.get(rs.getString(1)));
        }
      }
      found.sort(null);
      inserted.addAll(found);
    }
  }

  /**
   * {@code copy table (columns) from stdin} in text format: every column of {@link #allColumns}, the
   * values as {@link #text} writes them for the unnest arrays (the same input functions read them).
   */
  private void copyPostgres(Connection c, LinkTable table, List<Map<String, Object>> rows, Instant now)
      throws SQLException {
    List<String> columns = varyingColumns(table);
    String copy = "copy " + table.table() + " (" + String.join(", ", allColumns(table)) + ") from stdin";
    boolean[] numeric = new boolean[columns.size()];
    for (int i = 0; i < numeric.length; i++) {
      numeric[i] = isNumericKey(table, columns.get(i));
    }
    byte[] at = now.toString().getBytes(StandardCharsets.US_ASCII);
    String[] names = columns.toArray(String[]::new);
    long copied = PgCopy.copyIn(c, sent(copy), out -> {
      for (Map<String, Object> row : rows) {
        for (int i = 0; i < names.length; i++) {
          Object value = row.get(names[i]);
          if (value == null) {
            out.nul();
          } else if (numeric[i]) {
            out.value(((Number) value).longValue());
          } else {
            out.value(text(value));
          }
        }
        out.raw(at);
        out.raw(at);
        out.nul();
        out.endRow();
      }
    });
    if (copied != rows.size()) {
      throw new SQLException("copy into " + table.table() + " wrote " + copied + " rows of " + rows.size());
    }
  }

  /**
   * Appends, for each unique side of {@code table}, {@code and not exists} a live row that pairs the
   * requested key ({@code leftRef} or {@code rightRef}) with another partner: the "one live partner" rule
   * of a verified upsert.
   */
  private static void noOtherLivePartner(StringBuilder sql, LinkTable table, String leftRef, String rightRef) {
    String l = table.leftColumn();
    String r = table.rightColumn();
    if (table.leftIsUnique()) {
      sql.append(" and not exists (select 1 from ").append(table.table()).append(" x where x.").append(l)
          .append(" = ").append(leftRef).append(" and x.").append(r).append(" <> ").append(rightRef)
          .append(" and x.").append(LinkTable.DELETED_AT).append(" is null)");
    }
    if (table.rightIsUnique()) {
      sql.append(" and not exists (select 1 from ").append(table.table()).append(" x where x.").append(r)
          .append(" = ").append(rightRef).append(" and x.").append(l).append(" <> ").append(leftRef)
          .append(" and x.").append(LinkTable.DELETED_AT).append(" is null)");
    }
  }

  private static void addRange(List<Integer> to, int from, int count) {
    for (int i = 0; i < count; i++) {
      to.add(from + i);
    }
  }

  /** One {@code insert ... select from unnest(...)} statement; returns the rows it inserted. */
  private int insertPostgres(Connection c, LinkTable table, List<Map<String, Object>> rows, Instant now,
      boolean skipExisting) throws SQLException {
    List<String> columns = varyingColumns(table);
    StringBuilder sql = new StringBuilder("insert into ").append(table.table()).append(" (")
        .append(String.join(", ", columns)).append(", ").append(LinkTable.CREATED_AT).append(", ")
        .append(LinkTable.UPDATED_AT).append(", ").append(LinkTable.DELETED_AT).append(") select ");
    for (int i = 0; i < columns.size(); i++) {
      sql.append("u.c").append(i).append(pgCast(table, columns.get(i))).append(", ");
    }
    sql.append("cast(? as timestamptz), cast(? as timestamptz), null from ");
    unnest(sql, table, columns);
    if (skipExisting) {
      sql.append(" on conflict (").append(table.leftColumn()).append(", ").append(table.rightColumn())
          .append(") do nothing");
    }
    try (PreparedStatement ps = c.prepareStatement(sent(sql.toString()))) {
      OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
      ps.setObject(1, at);   // the select list's times come before the arrays
      ps.setObject(2, at);
      int p = 3;
      for (String column : columns) {
        ps.setArray(p++, pgArray(c, table, column, rows));
      }
      return ps.executeUpdate();
    }
  }

  /** {@code unnest(?::type[], ...) as u(c0, c1, ...)}: one array parameter per column. */
  private static void unnest(StringBuilder sql, LinkTable table, List<String> columns) {
    sql.append("unnest(");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("?::").append(pgArrayType(table, columns.get(i))).append("[]");
    }
    sql.append(") as u(");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append('c').append(i);
    }
    sql.append(')');
  }

  /**
   * The verified upsert of {@code rows} (one table, all on PostgreSQL, the key tables on the link's
   * database) in one statement: a row is written only if its left key and its right key are live
   * records of their tables and no other live row holds a unique side's key; an existing pair is
   * revived and given {@code givenColumns}. Returns, per row written, the row after and the row
   * before (null if inserted), as the statement's snapshot saw it. ({@code old} cannot lock: the rows
   * the same statement updates are invisible to a {@code for update} in it, so it would skip them.)
   */
  List<Written> verifiedUpsertPostgres(Connection c, LinkTable table, List<Map<String, Object>> rows, Instant now,
      KeyTable left, KeyTable right, List<String> givenColumns) throws SQLException {
    List<String> varying = varyingColumns(table);
    List<String> all = allColumns(table);
    String l = table.leftColumn();
    String r = table.rightColumn();
    StringBuilder sql = new StringBuilder("with req (");
    sql.append(String.join(", ", varying)).append(") as (select ");
    for (int i = 0; i < varying.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("u.c").append(i).append(pgCast(table, varying.get(i)));
    }
    sql.append(" from ");
    unnest(sql, table, varying);
    sql.append("), old as (select ").append(prefixed("t", all)).append(" from ").append(table.table())
        .append(" t join req on t.").append(l).append(" = req.").append(l).append(" and t.").append(r)
        .append(" = req.").append(r).append("), ins as (insert into ").append(table.table())
        .append(" as t (").append(String.join(", ", all)).append(") select ").append(prefixed("req", varying))
        .append(", cast(? as timestamptz), cast(? as timestamptz), null from req where ")
        .append(left.liveExists("req." + l)).append(" and ").append(right.liveExists("req." + r));
    noOtherLivePartner(sql, table, "req." + l, "req." + r);
    sql.append(" on conflict (").append(l).append(", ").append(r).append(") do update set ")
        .append(LinkTable.DELETED_AT).append(" = null, ").append(LinkTable.UPDATED_AT).append(" = excluded.")
        .append(LinkTable.UPDATED_AT);
    for (String column : givenColumns) {
      sql.append(", ").append(column).append(" = excluded.").append(column);
    }
    sql.append(" returning ").append(prefixed("t", all)).append(") select ").append(prefixed("ins", all))
        .append(", ").append(prefixed("old", all)).append(" from ins left join old on old.").append(l)
        .append(" = ins.").append(l).append(" and old.").append(r).append(" = ins.").append(r);
    List<Written> written = new ArrayList<>(rows.size());
    try (PreparedStatement ps = c.prepareStatement(sent(sql.toString()))) {
      int p = 1;
      for (String column : varying) {
        ps.setArray(p++, pgArray(c, table, column, rows));
      }
      OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
      ps.setObject(p++, at);
      ps.setObject(p, at);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> after = readRow(rs, 1, table);
          Map<String, Object> before = rs.getObject(all.size() + 1) == null ? null : readRow(rs, all.size() + 1, table);
          written.add(new Written(after, before));
        }
      }
    }
    return written;
  }

  /** A row written by a verified upsert, and its previous state (null when it was inserted). */
  record Written(Map<String, Object> after, @Nullable Map<String, Object> before) {}

  private static String pgArrayType(LinkTable table, String column) {
    return isNumericKey(table, column) ? "int8" : "text";
  }

  /** The cast of an unnested text value to its column's type (none for text and numeric keys). */
  private static String pgCast(LinkTable table, String column) {
    ExtraColumn extra = extra(table, column);
    if (extra == null) {
      return "";
    }
    return switch (extra.type()) {
      case STRING, TEXT -> "";
      case INTEGER -> "::int4";
      case BIGINT -> "::int8";
      case BOOLEAN -> "::bool";
      case DECIMAL -> "::numeric";
      case DOUBLE -> "::float8";
      case DATETIME -> "::timestamptz";
      case JSON -> "::jsonb";
    };
  }

  private static Array pgArray(Connection c, LinkTable table, String column, List<Map<String, Object>> rows)
      throws SQLException {
    if (isNumericKey(table, column)) {
      Long[] values = new Long[rows.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = ((Number) rows.get(i).get(column)).longValue();
      }
      return c.createArrayOf("int8", values);
    }
    String[] values = new String[rows.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = text(rows.get(i).get(column));
    }
    return c.createArrayOf("text", values);
  }

  /** A column value as PostgreSQL reads it from text. */
  private static @Nullable String text(@Nullable Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return value.toString();   // Instant.toString() is ISO-8601 in UTC, which timestamptz reads
  }

  // ---------------------------------------------------------------- H2

  /**
   * The verified insert of one new pair on H2, in one statement: {@code insert ... select ... where}
   * both keys are live records, the pair does not exist and no other live row holds a unique side's
   * key. Returns whether the row was inserted; when it was not, nothing was written and the caller
   * finds out why.
   */
  boolean verifiedInsertH2(Connection c, LinkTable table, Map<String, Object> row, Instant now, KeyTable left,
      KeyTable right) throws SQLException {
    List<String> all = allColumns(table);
    String l = table.leftColumn();
    String r = table.rightColumn();
    StringBuilder sql = new StringBuilder("insert into ").append(table.table()).append(" (")
        .append(String.join(", ", all)).append(") select ");
    List<String> varying = varyingColumns(table);
    for (String column : varying) {
      sql.append(isJson(table, column) ? "? format json" : "?").append(", ");
    }
    sql.append("?, ?, null from (select cast(? as ").append(keyType(table, l)).append(") as ").append(l)
        .append(", cast(? as ").append(keyType(table, r)).append(") as ").append(r).append(") req where ")
        .append(left.liveExists("req." + l)).append(" and ").append(right.liveExists("req." + r))
        .append(" and not exists (select 1 from ").append(table.table()).append(" x where x.").append(l)
        .append(" = req.").append(l).append(" and x.").append(r).append(" = req.").append(r).append(')');
    if (table.leftIsUnique()) {
      sql.append(" and not exists (select 1 from ").append(table.table()).append(" x where x.").append(l)
          .append(" = req.").append(l).append(" and x.").append(LinkTable.DELETED_AT).append(" is null)");
    }
    if (table.rightIsUnique()) {
      sql.append(" and not exists (select 1 from ").append(table.table()).append(" x where x.").append(r)
          .append(" = req.").append(r).append(" and x.").append(LinkTable.DELETED_AT).append(" is null)");
    }
    try (PreparedStatement ps = c.prepareStatement(sent(sql.toString()))) {
      int p = 1;
      for (String column : varying) {
        bind(ps, p++, table, column, row.get(column));
      }
      ps.setObject(p++, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      ps.setObject(p++, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
      bind(ps, p++, table, l, row.get(l));
      bind(ps, p, table, r, row.get(r));
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * A JDBC batch of {@code insert ... select ... where not exists (the pair)}: the update count of each
   * row says whether it was inserted.
   */
  private void insertBatchSkippingH2(Connection c, LinkTable table, List<Map<String, Object>> rows, Instant now,
      List<Integer> inserted) throws SQLException {
    List<String> columns = varyingColumns(table);
    String l = table.leftColumn();
    String r = table.rightColumn();
    StringBuilder sql = new StringBuilder("insert into ").append(table.table()).append(" (")
        .append(String.join(", ", columns)).append(", ").append(LinkTable.CREATED_AT).append(", ")
        .append(LinkTable.UPDATED_AT).append(", ").append(LinkTable.DELETED_AT).append(") select ");
    for (String column : columns) {
      sql.append(isJson(table, column) ? "? format json" : "?").append(", ");
    }
    sql.append("?, ?, null where not exists (select 1 from ").append(table.table()).append(" x where x.").append(l)
        .append(" = ? and x.").append(r).append(" = ?)");
    try (PreparedStatement ps = c.prepareStatement(sent(sql.toString()))) {
      int batchStart = 0;
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> row = rows.get(i);
        int p = 1;
        for (String column : columns) {
          bind(ps, p++, table, column, row.get(column));
        }
        bindInstant(ps, p++, now);
        bindInstant(ps, p++, now);
        bind(ps, p++, table, l, row.get(l));
        bind(ps, p, table, r, row.get(r));
        ps.addBatch();
        if ((i + 1) % LinkService.BATCH == 0 || i == rows.size() - 1) {
          int[] counts = ps.executeBatch();
          for (int k = 0; k < counts.length; k++) {
            if (counts[k] != 0) {
              inserted.add(batchStart + k);
            }
          }
          batchStart = i + 1;
        }
      }
    }
  }

  private static String keyType(LinkTable table, String column) {
    return isNumericKey(table, column) ? "bigint" : "varchar";
  }

  // ---------------------------------------------------------------- MariaDB

  /** Whether the server is MariaDB (10.5 and later have {@code insert ... returning}), not MySQL: read once. */
  private volatile @Nullable Boolean mariaDbReturning;

  /** Whether {@link #verifiedUpsertMariaDb} can run here: MariaDB, not MySQL (no {@code returning}). */
  boolean mariaDbReturning(Connection c) throws SQLException {
    Boolean known = mariaDbReturning;
    if (known == null) {
      known = flavor == Flavor.MARIADB
          && c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("mariadb");
      mariaDbReturning = known;
    }
    return known;
  }

  /**
   * The verified upsert of one pair on MariaDB, in two statements: a read of the pair's row as it is
   * (its previous state, for undo), then {@code insert ... select ... from (select ? as c0, ...) req
   * where} both keys are live records {@code [and} no other live row holds a unique side's key{@code ]
   * on duplicate key update updated_at = ..., deleted_at = null[, givenColumns = ...] returning ...}.
   * (MariaDB's {@code returning} gives the row after the write only. Copying the previous values into
   * user variables in the update clause was tried: on a table with a generated column, one of them came
   * back null.)
   *
   * <p>{@code on duplicate key update} fires on any unique index, so a row that a concurrent request made
   * a unique side's live partner in between (after the {@code not exists}) would be updated instead: the
   * returned row then is another pair, and the caller rejects the call (its unit rolls back).
   *
   * @return the row written (after) and its previous state (null if inserted), or null if nothing was
   *     written (a key is not a live record, or a unique side has another live partner)
   */
  @Nullable Written verifiedUpsertMariaDb(Connection c, LinkTable table, Map<String, Object> row, Instant now,
      KeyTable left, KeyTable right, List<String> givenColumns) throws SQLException {
    List<String> varying = varyingColumns(table);
    List<String> all = allColumns(table);
    String t = table.table();
    String l = table.leftColumn();
    String r = table.rightColumn();
    Map<String, Object> before = null;
    try (PreparedStatement ps = c.prepareStatement(sent("select " + String.join(", ", all) + " from " + t + " where "
        + l + " = ? and " + r + " = ?"))) {
      bind(ps, 1, table, l, row.get(l));
      bind(ps, 2, table, r, row.get(r));
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          before = readRowMariaDb(rs, 1, table);
        }
      }
    }
    int li = varying.indexOf(l);
    int ri = varying.indexOf(r);
    StringBuilder sql = new StringBuilder("insert into ").append(t).append(" (").append(String.join(", ", all))
        .append(") select ");
    for (int i = 0; i < varying.size(); i++) {
      sql.append("req.c").append(i).append(", ");
    }
    sql.append("?, ?, null from (select ");
    for (int i = 0; i < varying.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("? as c").append(i);
    }
    sql.append(") req where ").append(left.liveExists("req.c" + li)).append(" and ")
        .append(right.liveExists("req.c" + ri));
    noOtherLivePartner(sql, table, "req.c" + li, "req.c" + ri);
    sql.append(" on duplicate key update ").append(LinkTable.UPDATED_AT).append(" = values(")
        .append(LinkTable.UPDATED_AT).append("), ").append(LinkTable.DELETED_AT).append(" = null");
    for (String column : givenColumns) {
      sql.append(", ").append(column).append(" = values(").append(column).append(')');
    }
    sql.append(" returning ").append(String.join(", ", all));
    try (PreparedStatement ps = c.prepareStatement(sent(sql.toString()))) {
      int p = 1;
      bindInstant(ps, p++, now);   // the select list's times come before the derived table's values
      bindInstant(ps, p++, now);
      for (String column : varying) {
        bind(ps, p++, table, column, row.get(column));
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Map<String, Object> after = readRowMariaDb(rs, 1, table);
        if (after.get(LinkTable.ID).equals(row.get(LinkTable.ID))) {
          return new Written(after, null);
        }
        if (before == null || !before.get(LinkTable.ID).equals(after.get(LinkTable.ID))) {
          // another row than the one read: a concurrent request wrote it in between
          throw new ConflictException("another request linked the records of this link.create at the same time"
              + " (link " + t + "); nothing was written: run it again", null, true);
        }
        return new Written(after, before);
      }
    }
  }

  /**
   * Inserts {@code rows}, skipping existing pairs (a link whose sides are both lists: its only unique keys
   * are the pair and the id, which is new). It first sends the plain JDBC batch under a savepoint (the
   * driver sends an insert batch with MariaDB's bulk protocol, the fastest form measured: a multi-row
   * {@code insert ... values} cost 1.5-2x as much); if a pair exists, it rolls back to the savepoint and
   * sends one {@code insert ... values (...), (...) on duplicate key update id = id returning id}: a row
   * whose returned id is not this call's existed and was left as it was. (The bulk protocol returns no
   * count per row, and takes no {@code insert ... select ... where not exists}.)
   */
  private void insertSkippingMariaDb(Connection c, LinkTable table, List<Map<String, Object>> rows, int offset,
      Instant now, List<Integer> inserted) throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    try {
      insertBatch(c, table, rows, now, "?", new ArrayList<>(rows.size()));
      c.releaseSavepoint(savepoint);
      addRange(inserted, offset, rows.size());
      return;
    } catch (SQLException e) {
      if (!isDuplicateKey(e)) {
        throw e;
      }
      c.rollback(savepoint);
    }
    // a row is returned with the id it has in the table: this call's if inserted (MySQL has no
    // returning: there the ids of this call that made it in are read after the insert)
    Set<String> ids = new HashSet<>(mariaDbReturning(c) ? insertReturningMariaDb(c, table, rows, now, true)
        : idsInTable(c, table, insertReturningMariaDb(c, table, rows, now, false)));
    for (int i = 0; i < rows.size(); i++) {
      if (ids.contains((String) rows.get(i).get(LinkTable.ID))) {
        inserted.add(offset + i);
      }
    }
  }

  /** Whether {@code e} (or a batch's cause) is MariaDB's duplicate key error. */
  private static boolean isDuplicateKey(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getErrorCode() == MARIADB_DUPLICATE) {
        return true;
      }
    }
    return false;
  }

  /** Which of {@code ids} are in {@code table}, read by {@code in} lists of {@link LinkService#BATCH} ids. */
  private List<String> idsInTable(Connection c, LinkTable table, List<String> ids) throws SQLException {
    List<String> found = new ArrayList<>(ids.size());
    for (int from = 0; from < ids.size(); from += LinkService.BATCH) {
      List<String> some = ids.subList(from, Math.min(ids.size(), from + LinkService.BATCH));
      String sql = "select " + LinkTable.ID + " from " + table.table() + " where " + LinkTable.ID + " in ("
          + String.join(", ", java.util.Collections.nCopies(some.size(), "?")) + ")";
      try (PreparedStatement ps = c.prepareStatement(sent(sql))) {
        for (int i = 0; i < some.size(); i++) {
          ps.setString(i + 1, some.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
      }
    }
    return found;
  }

  /**
   * One {@code insert ... values (...), (...) on duplicate key update id = id}: with {@code returning},
   * returns the ids of the rows as they are in the table, in no particular order; without (MySQL), the
   * ids of {@code rows}.
   */
  private List<String> insertReturningMariaDb(Connection c, LinkTable table, List<Map<String, Object>> rows,
      Instant now, boolean returning) throws SQLException {
    List<String> columns = varyingColumns(table);
    StringBuilder sql = new StringBuilder(64 + rows.size() * (4 * columns.size() + 16)).append("insert into ")
        .append(table.table()).append(" (").append(String.join(", ", columns)).append(", ")
        .append(LinkTable.CREATED_AT).append(", ").append(LinkTable.UPDATED_AT).append(", ")
        .append(LinkTable.DELETED_AT).append(") values ");
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "(" : ", (");
      for (int k = 0; k < columns.size(); k++) {
        sql.append("?, ");
      }
      sql.append("?, ?, null)");
    }
    sql.append(" on duplicate key update ").append(LinkTable.ID).append(" = ").append(LinkTable.ID)
        .append(returning ? " returning " + LinkTable.ID : "");
    try (PreparedStatement ps = c.prepareStatement(sent(sql.toString()))) {
      int p = 1;
      for (Map<String, Object> row : rows) {
        for (String column : columns) {
          bind(ps, p++, table, column, row.get(column));
        }
        bindInstant(ps, p++, now);
        bindInstant(ps, p++, now);
      }
      List<String> ids = new ArrayList<>(rows.size());
      if (!returning) {
        ps.executeUpdate();
        rows.forEach(row -> ids.add((String) row.get(LinkTable.ID)));
        return ids;
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    }
  }

  /** Reads the columns of {@link #allColumns} from {@code first} on, times as UTC {@code datetime}s. */
  private static Map<String, Object> readRowMariaDb(ResultSet rs, int first, LinkTable table) throws SQLException {
    Map<String, Object> row = new HashMap<>();
    int p = first;
    for (String column : allColumns(table)) {
      ExtraColumn extra = extra(table, column);
      if (column.equals(LinkTable.CREATED_AT) || column.equals(LinkTable.UPDATED_AT)
          || column.equals(LinkTable.DELETED_AT) || extra != null && extra.type() == ColumnType.DATETIME) {
        Timestamp at = rs.getTimestamp(p++, UTC);
        row.put(column, at == null ? null : at.toInstant());
      } else {
        row.put(column, readValue(rs, p++, table, column));
      }
    }
    return row;
  }

  // ---------------------------------------------------------------- H2 and other databases

  /** A JDBC batch of {@code insert ... values (?, ...)}, {@link LinkService#BATCH} rows per batch. */
  private void insertBatch(Connection c, LinkTable table, List<Map<String, Object>> rows, Instant now,
      String jsonParameter, List<Integer> inserted) throws SQLException {
    List<String> columns = varyingColumns(table);
    StringBuilder sql = new StringBuilder("insert into ").append(table.table()).append(" (")
        .append(String.join(", ", columns)).append(", ").append(LinkTable.CREATED_AT).append(", ")
        .append(LinkTable.UPDATED_AT).append(", ").append(LinkTable.DELETED_AT).append(") values (");
    for (String column : columns) {
      sql.append(isJson(table, column) ? jsonParameter : "?").append(", ");
    }
    sql.append("?, ?, null)");
    try (PreparedStatement ps = c.prepareStatement(sent(sql.toString()))) {
      for (int i = 0; i < rows.size(); i++) {
        Map<String, Object> row = rows.get(i);
        int p = 1;
        for (String column : columns) {
          bind(ps, p++, table, column, row.get(column));
        }
        bindInstant(ps, p++, now);
        bindInstant(ps, p, now);
        ps.addBatch();
        if ((i + 1) % LinkService.BATCH == 0 || i == rows.size() - 1) {
          ps.executeBatch();
        }
        inserted.add(i);
      }
    }
  }

  private void bind(PreparedStatement ps, int p, LinkTable table, String column, @Nullable Object value)
      throws SQLException {
    if (value == null) {
      ExtraColumn extra = extra(table, column);
      ps.setNull(p, extra == null ? Types.VARCHAR : sqlType(extra.type()));
    } else if (value instanceof Instant instant) {
      bindInstant(ps, p, instant);
    } else {
      ps.setObject(p, value);
    }
  }

  private void bindInstant(PreparedStatement ps, int p, Instant instant) throws SQLException {
    if (flavor == Flavor.OTHER || flavor == Flavor.MARIADB) {
      ps.setTimestamp(p, Timestamp.from(instant), UTC);   // as Hibernate binds Instant there (datetime in UTC)
    } else {
      ps.setObject(p, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
  }

  private static int sqlType(ColumnType type) {
    return switch (type) {
      case STRING, TEXT, JSON -> Types.VARCHAR;
      case INTEGER -> Types.INTEGER;
      case BIGINT -> Types.BIGINT;
      case BOOLEAN -> Types.BOOLEAN;
      case DECIMAL -> Types.NUMERIC;
      case DOUBLE -> Types.DOUBLE;
      case DATETIME -> Types.TIMESTAMP_WITH_TIMEZONE;
    };
  }

  // ---------------------------------------------------------------- rows

  /** Reads the columns of {@link #allColumns} from {@code first} on, as the dynamic-map mapping's Java types. */
  static Map<String, Object> readRow(ResultSet rs, int first, LinkTable table) throws SQLException {
    Map<String, Object> row = new HashMap<>();
    int p = first;
    for (String column : allColumns(table)) {
      row.put(column, readValue(rs, p++, table, column));
    }
    return row;
  }

  private static @Nullable Object readValue(ResultSet rs, int p, LinkTable table, String column) throws SQLException {
    if (column.equals(LinkTable.CREATED_AT) || column.equals(LinkTable.UPDATED_AT)
        || column.equals(LinkTable.DELETED_AT)) {
      OffsetDateTime at = rs.getObject(p, OffsetDateTime.class);
      return at == null ? null : at.toInstant();
    }
    if (isNumericKey(table, column)) {
      long value = rs.getLong(p);
      return rs.wasNull() ? null : value;
    }
    ExtraColumn extra = extra(table, column);
    if (extra == null) {
      return rs.getString(p);
    }
    Object value = switch (extra.type()) {
      case STRING, TEXT, JSON -> rs.getString(p);
      case INTEGER -> rs.getInt(p);
      case BIGINT -> rs.getLong(p);
      case BOOLEAN -> rs.getBoolean(p);
      case DECIMAL -> rs.getBigDecimal(p);
      case DOUBLE -> rs.getDouble(p);
      case DATETIME -> {
        OffsetDateTime at = rs.getObject(p, OffsetDateTime.class);
        yield at == null ? null : at.toInstant();
      }
    };
    return rs.wasNull() ? null : value;
  }

  /** The columns that vary by row: id, the keys, the extra columns. */
  static List<String> varyingColumns(LinkTable table) {
    List<String> columns = new ArrayList<>(List.of(LinkTable.ID, table.leftColumn(), table.rightColumn()));
    table.extraColumns().forEach(c -> columns.add(c.name()));
    return columns;
  }

  /** Every column: {@link #varyingColumns}, then created_at, updated_at, deleted_at. */
  static List<String> allColumns(LinkTable table) {
    List<String> columns = varyingColumns(table);
    columns.addAll(List.of(LinkTable.CREATED_AT, LinkTable.UPDATED_AT, LinkTable.DELETED_AT));
    return columns;
  }

  private static String prefixed(String alias, List<String> columns) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(alias).append('.').append(columns.get(i));
    }
    return out.toString();
  }

  private static boolean isNumericKey(LinkTable table, String column) {
    return column.equals(table.leftColumn()) ? LinkTable.isNumericKey(table.link().left())
        : column.equals(table.rightColumn()) && LinkTable.isNumericKey(table.link().right());
  }

  private static boolean isJson(LinkTable table, String column) {
    ExtraColumn extra = extra(table, column);
    return extra != null && extra.type() == ColumnType.JSON;
  }

  private static @Nullable ExtraColumn extra(LinkTable table, String column) {
    for (ExtraColumn c : table.extraColumns()) {
      if (c.name().equals(column)) {
        return c;
      }
    }
    return null;
  }

  private String sent(String sql) {
    String inspected = onStatement.apply(sql);
    return inspected == null ? sql : inspected;
  }

  /**
   * The table of one side's records, as its store declared it: {@code liveExists(v)} is the SQL test
   * that a live record has key {@code v}.
   *
   * @param deletedAt the soft-delete column, or null if the records are not soft-deletable
   */
  record KeyTable(String table, String keyColumn, @Nullable String deletedAt) {
    String liveExists(String value) {
      return "exists (select 1 from " + table + " k where k." + keyColumn + " = " + value
          + (deletedAt == null ? "" : " and k." + deletedAt + " is null") + ")";
    }
  }
}
