package io.modlink.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.opentest4j.TestAbortedException;

/** The extension behind {@link DatabaseTest}. */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class DatabaseExtension implements TestTemplateInvocationContextProvider {
  static final String PG_URL = env("MODLINK_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String PG_USER = env("MODLINK_PG_USER", "postgres");
  static final String PG_PASSWORD = env("MODLINK_PG_PASSWORD", "");
  static final String MARIADB_URL = env("MODLINK_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test?sslMode=disable");
  static final String MARIADB_USER = env("MODLINK_MARIADB_USER", "root");
  static final String MARIADB_PASSWORD = env("MODLINK_MARIADB_PASSWORD", "");
  /**
   * Text compares by code point, as on H2 and PostgreSQL here (MariaDB's default collation ignores
   * case), so that one test expects one answer on every engine.
   */
  static final String MARIADB_CHARSET = " character set utf8mb4 collate utf8mb4_bin";

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(DatabaseTest.class)).orElse(false);
  }

  /** A test for engines that {@code modlink.test.databases} leaves out runs on none. */
  @Override
  public boolean mayReturnZeroTestTemplateInvocationContexts(ExtensionContext context) {
    return true;
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    DatabaseTest annotation = context.getRequiredTestMethod().getAnnotation(DatabaseTest.class);
    List<Engine> engines = new ArrayList<>(annotation.value().length == 0
        ? Arrays.asList(Engine.values()) : Arrays.asList(annotation.value()));
    String selected = System.getProperty("modlink.test.databases", "").trim();
    if (!selected.isEmpty()) {
      Set<String> ids = Arrays.stream(selected.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
          .collect(Collectors.toSet());
      engines.removeIf(e -> !ids.contains(e.id()));
    }
    return engines.stream().map(Invocation::new);
  }

  private static final class Invocation implements TestTemplateInvocationContext {
    private final Engine engine;

    Invocation(Engine engine) {
      this.engine = engine;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + engine.id() + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      Lifecycle lifecycle = new Lifecycle(engine);
      return List.of(lifecycle);
    }
  }

  /** Creates the run's database on first use and drops it after the test. */
  private static final class Lifecycle implements ParameterResolver, AfterEachCallback {
    private final Engine engine;
    private @Nullable TestDatabase database;

    Lifecycle(Engine engine) {
      this.engine = engine;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      if (database == null) {
        database = create(engine);
      }
      return database;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
      if (database != null) {
        for (TestDatabase sibling : database.siblings()) {
          drop(sibling);
        }
        drop(database);
        database = null;
      }
    }
  }

  static TestDatabase create(Engine engine) {
    return create(engine, "mlt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
  }

  static TestDatabase create(Engine engine, String name) {
    return switch (engine) {
      case H2 -> new TestDatabase(engine, name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
      case POSTGRESQL -> {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
             Statement s = c.createStatement()) {
          s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
          String reason = "PostgreSQL is not reachable at " + PG_URL + " as " + PG_USER + " (" + e.getMessage()
              + "); start it, or set MODLINK_PG_URL / MODLINK_PG_USER / MODLINK_PG_PASSWORD";
          throw unreachable(reason, "PostgreSQL", e);
        }
        String separator = PG_URL.contains("?") ? "&" : "?";
        yield new TestDatabase(engine, name, PG_URL + separator + "currentSchema=" + name, PG_USER, PG_PASSWORD);
      }
      case MARIADB -> {
        try (Connection c = DriverManager.getConnection(MARIADB_URL, MARIADB_USER, MARIADB_PASSWORD);
             Statement s = c.createStatement()) {
          s.execute("create database " + name + MARIADB_CHARSET);
        } catch (SQLException e) {
          String reason = "MariaDB is not reachable at " + MARIADB_URL + " as " + MARIADB_USER + " (" + e.getMessage()
              + "); start it, or set MODLINK_MARIADB_URL / MODLINK_MARIADB_USER / MODLINK_MARIADB_PASSWORD";
          throw unreachable(reason, "MariaDB", e);
        }
        yield new TestDatabase(engine, name, mariaDbUrl(name), MARIADB_USER, MARIADB_PASSWORD);
      }
    };
  }

  /** Skips the run (aborted), or fails it when {@code CI=true}. */
  private static RuntimeException unreachable(String reason, String engine, SQLException e) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      return new IllegalStateException(reason + ". CI=true: " + engine + " tests are never skipped in CI.", e);
    }
    return new TestAbortedException(reason);
  }

  /** {@link #MARIADB_URL} with its database replaced by {@code database}. */
  static String mariaDbUrl(String database) {
    int hostStart = MARIADB_URL.indexOf("//");
    int path = MARIADB_URL.indexOf('/', hostStart < 0 ? 0 : hostStart + 2);
    int query = MARIADB_URL.indexOf('?');
    String prefix = path < 0 ? (query < 0 ? MARIADB_URL : MARIADB_URL.substring(0, query)) : MARIADB_URL.substring(0, path);
    String params = query < 0 ? "" : MARIADB_URL.substring(query);
    return prefix + "/" + database + params;
  }

  static void drop(TestDatabase db) throws SQLException {
    switch (db.engine()) {
      case H2 -> {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl() + ";IFEXISTS=TRUE", db.user(), db.password());
             Statement s = c.createStatement()) {
          s.execute("SHUTDOWN");
        } catch (SQLException e) {
          // never opened, or already shut down
        }
      }
      case POSTGRESQL -> {
        try (Connection c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
             Statement s = c.createStatement()) {
          s.execute("DROP SCHEMA IF EXISTS " + db.name() + " CASCADE");
        }
      }
      case MARIADB -> {
        try (Connection c = DriverManager.getConnection(MARIADB_URL, MARIADB_USER, MARIADB_PASSWORD);
             Statement s = c.createStatement()) {
          s.execute("drop database if exists " + db.name());
        }
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
