package io.modlink.core.storage;

import io.modlink.core.internal.storage.LinkDdl;
import io.modlink.core.internal.storage.LinkTable;
import io.modlink.core.link.ExtraColumn;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the link tables in line with the declared links, like Medusa's {@code db:sync-links} but
 * never losing data by surprise.
 *
 * <p>It keeps a tracking table ({@value LinkDdl#TRACKING_TABLE}) of the link tables it manages and
 * plans, per table: {@link SyncKind#CREATE}; {@link SyncKind#UPDATE} (add a column or an index);
 * {@link SyncKind#RENAME} (a link whose sides are unchanged but whose table name changed);
 * {@link SyncKind#NOTIFY} (drop or alter a column: data may be lost); {@link SyncKind#DELETE} (a
 * tracked table whose link is no longer declared); or {@link SyncKind#NOOP}. A tracked table whose
 * link names a module that is not installed is kept. {@link #apply} runs the plan under a lock
 * (a PostgreSQL advisory lock, a MariaDB/MySQL {@code GET_LOCK}; within one JVM elsewhere), planning again once the lock is held, so
 * that two instances starting at once do not race.
 *
 * <p>Thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class LinkSchemaSync {
  private static final Logger LOG = LoggerFactory.getLogger(LinkSchemaSync.class);
  private static final long ADVISORY_LOCK_KEY = 0x6d6f646c696e6bL; // "modlink"
  private static final Object LOCAL_LOCK = new Object();
  /** The MariaDB/MySQL named lock (GET_LOCK) held while the plan applies. */
  private static final String NAMED_LOCK = "modlink_link_schema";
  /** How long to wait for another instance's sync to finish, in seconds. */
  private static final int NAMED_LOCK_WAIT_SECONDS = 120;

  /** Runs work on a connection inside a transaction that commits when the work returns. */
  @API(status = API.Status.INTERNAL, since = "0.1")
  public interface TransactionRunner {
    <T> T inTransaction(Function<Connection, T> work);
  }

  private final List<LinkTable> tables;
  private final Set<String> installedModules;
  private final LinkDdl ddl;
  private final TransactionRunner runner;

  @API(status = API.Status.INTERNAL, since = "0.1")
  public LinkSchemaSync(List<LinkTable> tables, Set<String> installedModules, LinkDdl ddl, TransactionRunner runner) {
    this.tables = List.copyOf(tables);
    this.installedModules = Set.copyOf(installedModules);
    this.ddl = Objects.requireNonNull(ddl, "ddl");
    this.runner = Objects.requireNonNull(runner, "runner");
  }

  /** The actions that would bring the database in line, one or two per table (safe and unsafe parts apart). */
  public List<SyncAction> plan() {
    return runner.inTransaction(this::plan);
  }

  /**
   * Applies the plan: {@link SyncMode#SAFE} runs create, rename and update; {@link SyncMode#ALL}
   * also runs notify and delete. Unsafe actions left out are logged as warnings.
   *
   * @return the actions applied (noops excluded)
   */
  public List<SyncAction> apply(SyncMode mode) {
    Objects.requireNonNull(mode, "mode");
    synchronized (LOCAL_LOCK) {
      return runner.inTransaction(connection -> {
        boolean named = false;
        try {
          if (ddl.isPostgres()) {
            try (Statement s = connection.createStatement()) {
              s.execute("select pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")");
            }
          } else if (ddl.isMariaDb()) {
            named = getNamedLock(connection);
          }
          if (!tableExists(connection, LinkDdl.TRACKING_TABLE)) {
            execute(connection, ddl.createTrackingTable());
          }
          List<SyncAction> applied = new ArrayList<>();
          List<SyncAction> skipped = new ArrayList<>();
          boolean renamed = true;
          for (int round = 0; renamed && round < 2; round++) {
            // a renamed table is compared again in a second round, so its other changes apply at once
            renamed = false;
            skipped.clear();
            for (SyncAction action : plan(connection)) {
              if (action.kind() == SyncKind.NOOP) {
                continue;
              }
              if (!action.kind().isSafe() && mode == SyncMode.SAFE) {
                skipped.add(action);
                continue;
              }
              execute(connection, action.sql());
              track(connection, action);
              applied.add(action);
              renamed |= action.kind() == SyncKind.RENAME;
            }
          }
          if (!skipped.isEmpty()) {
            LOG.warn("link schema: {} change(s) not applied because they may lose data; review them and run "
                + "LinkSchemaSync.apply(SyncMode.ALL): {}", skipped.size(), skipped);
          }
          return applied;
        } catch (SQLException e) {
          throw new IllegalStateException("link schema sync failed: " + e.getMessage(), e);
        } finally {
          if (named) {
            releaseNamedLock(connection);
          }
        }
      });
    }
  }

  /**
   * Takes MariaDB's named lock (held by the session, not the transaction: DDL commits there), so
   * that two instances do not apply at once.
   */
  private static boolean getNamedLock(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("select get_lock('" + NAMED_LOCK + "', " + NAMED_LOCK_WAIT_SECONDS + ")")) {
      if (rs.next() && rs.getInt(1) == 1) {
        return true;
      }
    }
    throw new IllegalStateException("link schema sync waited " + NAMED_LOCK_WAIT_SECONDS + " s for the lock '"
        + NAMED_LOCK + "' that another instance holds while it syncs; let it finish, or end the session that holds it"
        + " (select is_used_lock('" + NAMED_LOCK + "') names it)");
  }

  private static void releaseNamedLock(Connection connection) {
    try (Statement s = connection.createStatement()) {
      s.execute("select release_lock('" + NAMED_LOCK + "')");
    } catch (SQLException e) {
      LOG.warn("link schema: releasing the lock '{}' failed: {}", NAMED_LOCK, e.getMessage());
    }
  }

  private List<SyncAction> plan(Connection connection) {
    try {
      Set<String> existing = tableNames(connection);
      Map<String, String> tracked = trackedTables(connection, existing);
      Map<String, LinkTable> desired = new LinkedHashMap<>();
      tables.forEach(t -> desired.put(t.table(), t));
      List<SyncAction> actions = new ArrayList<>();
      Set<String> claimed = new HashSet<>();
      for (LinkTable t : tables) {
        if (existing.contains(t.table())) {
          claimed.add(t.table());
          actions.addAll(diff(connection, t, tracked.containsKey(t.table())));
          continue;
        }
        // a rename only when it is unambiguous: one old table with these sides, and one new link with them
        List<String> candidates = new ArrayList<>();
        for (Map.Entry<String, String> e : tracked.entrySet()) {
          if (e.getValue().equals(t.descriptor()) && !desired.containsKey(e.getKey()) && existing.contains(e.getKey())
              && !claimed.contains(e.getKey())) {
            candidates.add(e.getKey());
          }
        }
        long sameSides = tables.stream().filter(x -> x.descriptor().equals(t.descriptor())
            && !existing.contains(x.table())).count();
        String renamedFrom = candidates.size() == 1 && sameSides == 1 ? candidates.get(0) : null;
        if (renamedFrom != null) {
          claimed.add(renamedFrom);
          actions.add(new SyncAction(SyncKind.RENAME, t.table(), renamedFrom, renameSql(connection, renamedFrom, t),
              "the link " + t.link().describe() + " now uses table " + t.table()));
        } else {
          actions.add(new SyncAction(SyncKind.CREATE, t.table(), null, ddl.createTable(t),
              "new link " + t.link().describe()));
        }
      }
      for (Map.Entry<String, String> e : tracked.entrySet()) {
        String table = e.getKey();
        if (claimed.contains(table) || desired.containsKey(table)) {
          continue;
        }
        String missing = missingModule(e.getValue());
        if (missing != null) {
          actions.add(new SyncAction(SyncKind.NOOP, table, null, List.of(),
              "kept: its link is inactive because module '" + missing + "' is not installed"));
        } else if (existing.contains(table)) {
          actions.add(new SyncAction(SyncKind.DELETE, table, null, List.of(ddl.dropTable(table)),
              "no declared link uses this table any more (" + e.getValue() + ")"));
        } else {
          actions.add(new SyncAction(SyncKind.DELETE, table, null, List.of(), "tracked table no longer exists"));
        }
      }
      return actions;
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the link schema: " + e.getMessage(), e);
    }
  }

  private List<SyncAction> diff(Connection connection, LinkTable t, boolean isTracked) throws SQLException {
    Map<String, Integer> columns = columns(connection, t.table());
    Set<String> indexes = indexes(connection, t.table());
    List<String> safe = new ArrayList<>();
    List<String> safeReasons = new ArrayList<>();
    List<String> unsafe = new ArrayList<>();
    List<String> unsafeReasons = new ArrayList<>();
    Set<String> expected = new HashSet<>(List.of(LinkTable.ID, t.leftColumn(), t.rightColumn(), LinkTable.CREATED_AT,
        LinkTable.UPDATED_AT, LinkTable.DELETED_AT));
    for (ExtraColumn c : t.extraColumns()) {
      expected.add(c.name());
      Integer jdbcType = columns.get(c.name());
      if (jdbcType == null) {
        safe.add(ddl.addColumn(t.table(), c));
        safeReasons.add("column " + c.name() + " is missing");
      } else if (!family(jdbcType).equals(LinkDdl.family(c.type()))) {
        unsafe.add(ddl.alterColumnType(t.table(), c));
        unsafeReasons.add("column " + c.name() + " has another type than " + c.type().name().toLowerCase());
      }
    }
    for (String key : List.of(t.leftColumn(), t.rightColumn())) {
      boolean unique = key.equals(t.leftColumn()) ? t.leftIsUnique() : t.rightIsUnique();
      String live = LinkTable.liveColumn(key);
      if (!ddl.partialIndexes()) {
        if (unique) {
          expected.add(live);
        } else if (columns.containsKey(live)) {
          expected.add(live);
          if (indexes.contains(t.uniqueName(key))) {
            safe.add(ddl.dropIndex(t.table(), t.uniqueName(key)));
          }
          safe.add(ddl.dropColumn(t.table(), live));
          safeReasons.add(key + " may now have many partners");
          indexes.remove(t.uniqueName(key));
        }
      }
      if (unique && !indexes.contains(t.uniqueName(key))) {
        List<String> crowded = crowded(connection, t.table(), key);
        if (!crowded.isEmpty()) {
          unsafe.addAll(ddl.partialIndexes() || columns.containsKey(live)
              ? List.of(ddl.createIndex(t, t.uniqueName(key)))
              : ddl.addUnique(t, key, LinkTable.isNumericKey(key.equals(t.leftColumn())
                  ? t.link().left() : t.link().right())));
          unsafeReasons.add(key + " may now have only one live partner, but " + String.join(", ", crowded)
              + " have several: dismiss the extra links, then sync again");
          continue;
        }
        if (!ddl.partialIndexes() && columns.containsKey(live)) {
          safe.add(ddl.createIndex(t, t.uniqueName(key)));
        } else {
          safe.addAll(ddl.addUnique(t, key, LinkTable.isNumericKey(key.equals(t.leftColumn())
              ? t.link().left() : t.link().right())));
        }
        safeReasons.add(key + " may have only one live partner");
      } else if (!unique && ddl.partialIndexes() && indexes.contains(t.uniqueName(key))) {
        safe.add(ddl.dropIndex(t.table(), t.uniqueName(key)));
        safeReasons.add(key + " may now have many partners");
      }
    }
    for (String index : t.indexNames()) {
      if (!index.startsWith("uq_") && !indexes.contains(index)) {
        safe.add(ddl.createIndex(t, index));
        safeReasons.add("index " + index + " is missing");
      }
    }
    if (indexes.contains(t.redundantLeftIndex())) {
      safe.add(ddl.dropIndex(t.table(), t.redundantLeftIndex()));
      safeReasons.add("index " + t.redundantLeftIndex() + " is redundant (the primary key starts with "
          + t.leftColumn() + ")");
    }
    for (String column : columns.keySet()) {
      if (!expected.contains(column)) {
        unsafe.add(ddl.dropColumn(t.table(), column));
        unsafeReasons.add("column " + column + " is no longer declared");
      }
    }
    List<SyncAction> actions = new ArrayList<>();
    if (!safe.isEmpty() || !isTracked) {
      actions.add(new SyncAction(SyncKind.UPDATE, t.table(), null, safe,
          safe.isEmpty() ? "start tracking the existing table" : String.join("; ", safeReasons)));
    }
    if (!unsafe.isEmpty()) {
      actions.add(new SyncAction(SyncKind.NOTIFY, t.table(), null, unsafe, String.join("; ", unsafeReasons)));
    }
    if (actions.isEmpty()) {
      actions.add(new SyncAction(SyncKind.NOOP, t.table(), null, List.of(), "up to date"));
    }
    return actions;
  }

  private List<String> renameSql(Connection connection, String from, LinkTable to) throws SQLException {
    List<String> sql = new ArrayList<>();
    sql.add(ddl.renameTable(from, to.table()));
    // index names carry the table name: rename the ones that follow the old name's pattern
    Set<String> indexes = indexes(connection, from);
    for (String column : List.of("id", to.leftColumn(), to.rightColumn(), LinkTable.DELETED_AT)) {
      String old = io.modlink.core.link.LinkNaming.compress("idx_" + from + "_" + column, 63);
      if (indexes.contains(old)) {
        sql.add(ddl.renameIndex(to.table(), old, to.indexName(column)));
      }
    }
    for (String column : List.of(to.leftColumn(), to.rightColumn())) {
      String old = io.modlink.core.link.LinkNaming.compress("uq_" + from + "_" + column + "_live", 63);
      if (indexes.contains(old)) {
        sql.add(ddl.renameIndex(to.table(), old, to.uniqueName(column)));
      }
    }
    return sql;
  }

  /** Keys that have more than one live row (at most ten), which a one-live-partner index would reject. */
  private static List<String> crowded(Connection connection, String table, String column) throws SQLException {
    List<String> keys = new ArrayList<>();
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("select " + column + " from " + table + " where " + LinkTable.DELETED_AT
             + " is null group by " + column + " having count(*) > 1 order by " + column)) {
      while (rs.next() && keys.size() < 10) {
        keys.add(rs.getString(1));
      }
    }
    return keys;
  }

  private String missingModule(String descriptor) {
    for (String side : descriptor.split("\\|")) {
      String module = side.substring(0, side.indexOf('.'));
      if (!installedModules.contains(module)) {
        return module;
      }
    }
    return null;
  }

  private void track(Connection connection, SyncAction action) throws SQLException {
    Timestamp now = Timestamp.from(Instant.now());
    switch (action.kind()) {
      case CREATE, UPDATE, RENAME -> {
        LinkTable t = tables.stream().filter(x -> x.table().equals(action.table())).findFirst().orElseThrow();
        if (action.previousTable() != null) {
          delete(connection, action.previousTable());
        }
        delete(connection, t.table());
        try (PreparedStatement ps = connection.prepareStatement("insert into " + LinkDdl.TRACKING_TABLE
            + " (table_name, descriptor, columns_spec, created_at, updated_at) values (?, ?, ?, ?, ?)")) {
          ps.setString(1, t.table());
          ps.setString(2, t.descriptor());
          ps.setString(3, spec(t));
          ps.setTimestamp(4, now);
          ps.setTimestamp(5, now);
          ps.executeUpdate();
        }
      }
      case DELETE -> delete(connection, action.table());
      case NOTIFY, NOOP -> { }
    }
  }

  private static void delete(Connection connection, String table) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement("delete from " + LinkDdl.TRACKING_TABLE
        + " where table_name = ?")) {
      ps.setString(1, table);
      ps.executeUpdate();
    }
  }

  private static String spec(LinkTable t) {
    List<String> parts = new ArrayList<>();
    for (ExtraColumn c : t.extraColumns()) {
      parts.add(c.name() + ":" + c.type().name().toLowerCase() + (c.nullable() ? "" : ":not_null"));
    }
    return String.join(",", parts);
  }

  private static void execute(Connection connection, List<String> sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String statement : sql) {
        LOG.info("link schema: {}", statement);
        s.execute(statement);
      }
    }
  }

  private Map<String, String> trackedTables(Connection connection, Set<String> existing) throws SQLException {
    Map<String, String> tracked = new LinkedHashMap<>();
    if (!existing.contains(LinkDdl.TRACKING_TABLE)) {
      return tracked;
    }
    try (Statement s = connection.createStatement();
         ResultSet rs = s.executeQuery("select table_name, descriptor from " + LinkDdl.TRACKING_TABLE
             + " order by table_name")) {
      while (rs.next()) {
        tracked.put(rs.getString(1), rs.getString(2));
      }
    }
    return tracked;
  }

  private static boolean tableExists(Connection connection, String table) throws SQLException {
    return tableNames(connection).contains(table);
  }

  private static Set<String> tableNames(Connection connection) throws SQLException {
    Set<String> names = new HashSet<>();
    DatabaseMetaData meta = connection.getMetaData();
    try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private static Map<String, Integer> columns(Connection connection, String table) throws SQLException {
    Map<String, Integer> columns = new LinkedHashMap<>();
    DatabaseMetaData meta = connection.getMetaData();
    for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), name, "%")) {
        while (rs.next()) {
          String typeName = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
          int type = typeName.contains("json") ? Types.OTHER : rs.getInt("DATA_TYPE");
          columns.put(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), typeName.contains("json") ? JSON : type);
        }
      }
      if (!columns.isEmpty()) {
        break;
      }
    }
    if (io.modlink.core.internal.jdbc.Flavor.ofProduct(meta.getDatabaseProductName())
        == io.modlink.core.internal.jdbc.Flavor.MARIADB) {
      mariaDbJsonColumns(connection, table).forEach(c -> columns.replace(c, JSON));
    }
    return columns;
  }

  /** MariaDB's {@code json} is {@code longtext} with a {@code json_valid} check named after the column. */
  private static Set<String> mariaDbJsonColumns(Connection connection, String table) throws SQLException {
    Set<String> names = new HashSet<>();
    try (PreparedStatement ps = connection.prepareStatement("select constraint_name from information_schema"
        + ".check_constraints where constraint_schema = database() and table_name = ? and check_clause like"
        + " 'json_valid(%'")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return names;
  }

  private static final int JSON = Integer.MIN_VALUE;

  private static String family(int jdbcType) {
    return switch (jdbcType) {
      case JSON -> "json";
      case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB, Types.NVARCHAR, Types.NCHAR, Types.LONGNVARCHAR,
          Types.NCLOB -> "text";
      case Types.INTEGER, Types.BIGINT, Types.SMALLINT, Types.TINYINT -> "integer";
      case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.FLOAT, Types.REAL -> "number";
      case Types.BOOLEAN, Types.BIT -> "boolean";
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.DATE -> "timestamp";
      default -> "other";
    };
  }

  private static Set<String> indexes(Connection connection, String table) throws SQLException {
    Set<String> names = new HashSet<>();
    DatabaseMetaData meta = connection.getMetaData();
    for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
      try (ResultSet rs = meta.getIndexInfo(connection.getCatalog(), connection.getSchema(), name, false, true)) {
        while (rs.next()) {
          String index = rs.getString("INDEX_NAME");
          if (index != null) {
            names.add(index.toLowerCase(Locale.ROOT));
          }
        }
      }
      if (!names.isEmpty()) {
        break;
      }
    }
    return names;
  }

}
