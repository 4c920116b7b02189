package io.modlink.examples.bench;

import io.modlink.core.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a bench runs on a server: a PostgreSQL schema or a MariaDB (MySQL) database of its own,
 * {@code modlink_bench_<random>}, created here and dropped on {@link #close()}. Other servers are
 * used as given.
 */
final class ScratchDatabase implements AutoCloseable {
  private final String url;
  private final @Nullable String user;
  private final @Nullable String password;
  private final @Nullable String name;
  private final DatabaseConfig config;

  private ScratchDatabase(String url, @Nullable String user, @Nullable String password, @Nullable String name,
      DatabaseConfig config) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.name = name;
    this.config = config;
  }

  static ScratchDatabase create(String url, @Nullable String user, @Nullable String password) throws SQLException {
    String name = "modlink_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    if (url.startsWith("jdbc:postgresql:")) {
      execute(url, user, password, "create schema " + name);
      return new ScratchDatabase(url, user, password, name,
          DatabaseConfig.of(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name, user, password));
    }
    if (isMariaDb(url)) {
      execute(url, user, password, "create database " + name);
      return new ScratchDatabase(url, user, password, name, DatabaseConfig.of(withDatabase(url, name), user, password));
    }
    return new ScratchDatabase(url, user, password, null, DatabaseConfig.of(url, user, password));
  }

  /** The schema's or database's name; null when the server is used as given. */
  @Nullable String name() {
    return name;
  }

  DatabaseConfig config() {
    return config;
  }

  /** Gathers the planner's statistics of the tables, as any database in service has them. */
  static void analyze(Connection c, String... tables) throws SQLException {
    String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    try (Statement s = c.createStatement()) {
      if (product.contains("mariadb") || product.contains("mysql")) {
        s.execute("analyze table " + String.join(", ", tables));
      } else {
        s.execute("analyze");
      }
    }
  }

  @Override
  public void close() throws SQLException {
    if (name != null) {
      execute(url, user, password, url.startsWith("jdbc:postgresql:") ? "drop schema " + name + " cascade"
          : "drop database " + name);
    }
  }

  private static boolean isMariaDb(String url) {
    return url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:");
  }

  /** The URL with its database (the path after host and port) replaced. */
  private static String withDatabase(String url, String database) {
    int host = url.indexOf("//");
    int path = url.indexOf('/', host < 0 ? 0 : host + 2);
    int query = url.indexOf('?');
    String prefix = path >= 0 && (query < 0 || path < query) ? url.substring(0, path)
        : query < 0 ? url : url.substring(0, query);
    return prefix + "/" + database + (query < 0 ? "" : url.substring(query));
  }

  private static void execute(String url, @Nullable String user, @Nullable String password, String sql)
      throws SQLException {
    try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
