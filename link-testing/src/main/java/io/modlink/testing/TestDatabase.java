package io.modlink.testing;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A database created for one test run: an H2 in-memory database, a PostgreSQL schema that the
 * JDBC URL selects ({@code currentSchema}), or a MariaDB database. Dropped when the run ends.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class TestDatabase {
  private final Engine engine;
  private final String name;
  private final String jdbcUrl;
  private final @Nullable String user;
  private final @Nullable String password;
  private final List<TestDatabase> siblings = new ArrayList<>();

  TestDatabase(Engine engine, String name, String jdbcUrl, @Nullable String user, @Nullable String password) {
    this.engine = engine;
    this.name = name;
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
  }

  public Engine engine() {
    return engine;
  }

  /** The database (H2, MariaDB) or schema (PostgreSQL) name, unique to this run. */
  public String name() {
    return name;
  }

  /** A JDBC URL that reaches this run's database or schema. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public @Nullable String user() {
    return user;
  }

  public @Nullable String password() {
    return password;
  }

  /**
   * A second database beside this one (another H2 in-memory database, another PostgreSQL
   * schema, another MariaDB database), for a module given a DataSource of its own. Dropped with this one after the test.
   *
   * @param suffix appended to this database's name, e.g. {@code keys}
   */
  public TestDatabase sibling(String suffix) {
    Objects.requireNonNull(suffix, "suffix");
    String siblingName = name + "_" + suffix;
    if (engine == Engine.POSTGRESQL) {
      execute("create schema " + siblingName);
    } else if (engine == Engine.MARIADB) {
      execute("create database " + siblingName + DatabaseExtension.MARIADB_CHARSET);
    }
    TestDatabase sibling = new TestDatabase(engine, siblingName, jdbcUrl.replace(name, siblingName), user, password);
    siblings.add(sibling);
    return sibling;
  }

  /**
   * A database on another engine, for a test that spans engines (a module on PostgreSQL, another on
   * MariaDB): created as {@link DatabaseTest} creates its runs' databases, skipped or failed the same
   * way when the server is down, and dropped with this one after the test.
   *
   * @param suffix appended to this database's name, e.g. {@code stock}
   */
  public TestDatabase on(Engine other, String suffix) {
    Objects.requireNonNull(other, "other");
    Objects.requireNonNull(suffix, "suffix");
    TestDatabase created = DatabaseExtension.create(other, name + "_" + suffix);
    siblings.add(created);
    return created;
  }

  List<TestDatabase> siblings() {
    return siblings;
  }

  /**
   * The SQL expression naming this run's schema as {@code information_schema} tables give it in
   * {@code table_schema}: {@code current_schema} (H2, PostgreSQL) or {@code database()} (MariaDB).
   */
  public String currentSchemaSql() {
    return engine == Engine.MARIADB ? "database()" : "current_schema";
  }

  /** An identifier quoted for this engine: {@code "name"}, or {@code `name`} on MariaDB. */
  public String quote(String identifier) {
    Objects.requireNonNull(identifier, "identifier");
    return engine == Engine.MARIADB ? "`" + identifier + "`" : "\"" + identifier + "\"";
  }

  /** Opens a plain JDBC connection, for assertions on what was stored. Close it. */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl, user, password);
  }

  /** Runs a query and returns the first column of every row, for short assertions. */
  public List<@Nullable Object> column(String sql) {
    Objects.requireNonNull(sql, "sql");
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<@Nullable Object> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getObject(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("query failed on " + this + ": " + sql, e);
    }
  }

  /** Runs a statement (DDL or DML). */
  public void execute(String sql) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("statement failed on " + this + ": " + sql, e);
    }
  }

  /**
   * Every row of every table of this database (schema, on PostgreSQL), all columns: for asserting
   * that an operation that failed left the database exactly as it was. Tables are keyed by name;
   * rows are in a stable order (by their text); values compare with {@code equals} (JSON and
   * binary values as text, arrays as lists).
   */
  public Map<String, List<Map<String, @Nullable Object>>> allRows() {
    try (Connection c = connect()) {
      List<String> tables = tables(c);
      Map<String, List<Map<String, @Nullable Object>>> out = new TreeMap<>();
      for (String table : tables) {
        List<Map<String, @Nullable Object>> rows = new ArrayList<>();
        String quote = c.getMetaData().getIdentifierQuoteString().trim();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from " + quote + table + quote)) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            Map<String, @Nullable Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              Object value = comparable(rs.getObject(i));
              if (engine == Engine.MARIADB && value instanceof String text) {
                value = compactJson(text);
              }
              row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), value);
            }
            rows.add(row);
          }
        }
        rows.sort(Comparator.comparing(Object::toString));
        out.put(table.toLowerCase(Locale.ROOT), rows);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("reading every row of " + this + " failed", e);
    }
  }

  /**
   * Deletes every row of the given tables, those of them that exist here (names in any case), in
   * one batch: to put a test's data back between cases.
   */
  public void deleteRows(String... tables) {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      List<String> here = tables(c);
      for (String table : tables) {
        for (String name : here) {
          if (name.equalsIgnoreCase(table)) {
            String quote = c.getMetaData().getIdentifierQuoteString().trim();
            s.addBatch("delete from " + quote + name + quote);
          }
        }
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("deleting the rows of " + String.join(", ", tables) + " failed on " + this, e);
    }
  }

  private static List<String> tables(Connection c) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_NAME"));
      }
    }
    return tables;
  }

  /**
   * {@link #allRows()} without what differs between two runs of the same work: the times (columns
   * ending in {@code _at}, of which only whether {@code deleted_at} is set is kept) and generated
   * ids (a prefix, {@code _} and a 26-character ULID). Each row as text, sorted.
   */
  public Map<String, List<String>> outcome() {
    Map<String, List<String>> out = new TreeMap<>();
    allRows().forEach((table, rows) -> {
      List<String> lines = new ArrayList<>();
      for (Map<String, @Nullable Object> row : rows) {
        Map<String, @Nullable Object> kept = new TreeMap<>();
        row.forEach((column, value) -> {
          if (column.equals("deleted_at")) {
            kept.put(column, value == null ? "live" : "deleted");
          } else if (!column.endsWith("_at") && !(value instanceof String text && GENERATED_ID.matcher(text).matches())) {
            kept.put(column, value);
          }
        });
        lines.add(kept.toString());
      }
      lines.sort(null);
      out.put(table, lines);
    });
    return out;
  }

  /**
   * MariaDB keeps a JSON column as the text it was given ({@code {"a":1}} and {@code {"a": 1}} are two
   * texts there, one value on H2 and PostgreSQL): a document's text without the blanks between tokens.
   */
  static String compactJson(String text) {
    String trimmed = text.strip();
    if (!(trimmed.startsWith("{") && trimmed.endsWith("}")) && !(trimmed.startsWith("[") && trimmed.endsWith("]"))) {
      return text;
    }
    StringBuilder out = new StringBuilder(trimmed.length());
    boolean inString = false;
    for (int i = 0; i < trimmed.length(); i++) {
      char ch = trimmed.charAt(i);
      if (inString) {
        out.append(ch);
        if (ch == '\\' && i + 1 < trimmed.length()) {
          out.append(trimmed.charAt(++i));
        } else if (ch == '"') {
          inString = false;
        }
      } else if (ch == '"') {
        inString = true;
        out.append(ch);
      } else if (!Character.isWhitespace(ch)) {
        out.append(ch);
      }
    }
    return out.toString();
  }

  private static final java.util.regex.Pattern GENERATED_ID = java.util.regex.Pattern.compile("[a-z]+_[0-9A-Z]{26}");

  private static @Nullable Object comparable(@Nullable Object value) throws SQLException {
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    if (value instanceof Array array) {
      return Arrays.asList((Object[]) array.getArray());
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, (int) clob.length());
    }
    if (value != null && value.getClass().getName().equals("org.postgresql.util.PGobject")) {
      return value.toString();
    }
    return value;
  }

  @Override
  public String toString() {
    return engine.id() + ":" + name;
  }
}
