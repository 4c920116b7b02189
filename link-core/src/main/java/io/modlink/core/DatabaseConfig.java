package io.modlink.core;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Where a module's (or the link store's) data lives: a JDBC URL and credentials. modlink opens one
 * HikariCP pool per distinct configuration, so modules given equal configurations share a pool.
 *
 * @param jdbcUrl the JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/shop}
 * @param user the user, or null for none
 * @param password the password, or null for none
 * @param maxPoolSize the most connections the pool opens
 */
@API(status = API.Status.STABLE, since = "0.1")
public record DatabaseConfig(String jdbcUrl, @Nullable String user, @Nullable String password, int maxPoolSize) {
  private static final AtomicInteger EMBEDDED = new AtomicInteger();
  /** The default pool size: enough for the planner's concurrent fetches on a small machine. */
  public static final int DEFAULT_POOL_SIZE = 8;

  public DatabaseConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    if (!jdbcUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("JDBC URL must start with 'jdbc:', e.g. jdbc:postgresql://host:5432/db; got "
          + jdbcUrl);
    }
    if (maxPoolSize < 1) {
      throw new IllegalArgumentException("maxPoolSize must be at least 1, got " + maxPoolSize);
    }
  }

  /** A database at {@code jdbcUrl} with these credentials and the default pool size. */
  public static DatabaseConfig of(String jdbcUrl, @Nullable String user, @Nullable String password) {
    return new DatabaseConfig(jdbcUrl, user, password, DEFAULT_POOL_SIZE);
  }

  /** A database at {@code jdbcUrl} without credentials. */
  public static DatabaseConfig of(String jdbcUrl) {
    return of(jdbcUrl, null, null);
  }

  /**
   * A new, private in-memory H2 database: the embedded default. It lives until the
   * {@link Modlink} that opened it is closed.
   */
  public static DatabaseConfig embedded() {
    return of("jdbc:h2:mem:modlink_" + EMBEDDED.incrementAndGet() + ";DB_CLOSE_DELAY=-1", "sa", "");
  }

  /** This configuration with another pool size. */
  public DatabaseConfig withMaxPoolSize(int size) {
    return new DatabaseConfig(jdbcUrl, user, password, size);
  }

  /** Whether this is a database made by {@link #embedded()}, which its {@link Modlink} shuts down on close. */
  public boolean isEmbedded() {
    return jdbcUrl.matches("jdbc:h2:mem:modlink_\\d+;DB_CLOSE_DELAY=-1");
  }

  /** Whether the URL is an H2 one. */
  public boolean isH2() {
    return jdbcUrl.startsWith("jdbc:h2:");
  }

  /** Whether the URL is a MariaDB or MySQL one ({@code jdbc:mariadb:}, {@code jdbc:mysql:}): one SQL family for modlink. */
  public boolean isMariaDb() {
    return jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:");
  }

  /** Whether the URL is a PostgreSQL one. */
  public boolean isPostgres() {
    return jdbcUrl.startsWith("jdbc:postgresql:");
  }

  @Override
  public String toString() {
    return "DatabaseConfig[" + jdbcUrl + (user == null ? "" : ", user " + user) + "]"; // never the password
  }
}
