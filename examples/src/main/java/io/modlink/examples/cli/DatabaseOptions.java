package io.modlink.examples.cli;

import io.modlink.core.DatabaseConfig;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --db-url}, {@code --db-user}, {@code --db-password}, shared by every command, each falling
 * back to its environment variable ({@code MODLINK_DB_URL}, {@code MODLINK_DB_USER},
 * {@code MODLINK_DB_PASSWORD}). Without a URL a command runs on a new embedded H2 database.
 */
public final class DatabaseOptions {
  static final String URL_ENV = "MODLINK_DB_URL";
  static final String USER_ENV = "MODLINK_DB_USER";
  static final String PASSWORD_ENV = "MODLINK_DB_PASSWORD";

  private final Console console;

  @Spec(Spec.Target.MIXEE)
  private @Nullable CommandSpec spec;

  @Option(names = "--db-url", paramLabel = "URL", order = 100,
      description = "JDBC URL of the database (env " + URL_ENV
          + "); default: a new embedded H2 database")
  private @Nullable String url;

  @Option(names = "--db-user", paramLabel = "USER", order = 101, description = "database user (env " + USER_ENV + ")")
  private @Nullable String user;

  @Option(names = "--db-password", paramLabel = "PASSWORD", order = 102,
      description = "database password (env " + PASSWORD_ENV + ", better: a command line is visible to other users)")
  private @Nullable String password;

  public DatabaseOptions(Console console) {
    this.console = console;
  }

  /** The URL given by option or environment, if any. */
  public Optional<String> url() {
    return Optional.ofNullable(url != null ? url : blankToNull(console.env().get(URL_ENV)));
  }

  public @Nullable String user() {
    return user != null ? user : blankToNull(console.env().get(USER_ENV));
  }

  public @Nullable String password() {
    return password != null ? password : console.env().get(PASSWORD_ENV);
  }

  /**
   * The database, or empty for the embedded default.
   *
   * @throws ParameterException (exit code 2) for a URL that is not a JDBC URL, or credentials without a URL
   */
  public Optional<DatabaseConfig> config() {
    Optional<String> jdbcUrl = url();
    if (jdbcUrl.isEmpty()) {
      if (user != null || password != null) {
        throw usage("--db-user and --db-password need --db-url (or " + URL_ENV + ")");
      }
      return Optional.empty();
    }
    if (!jdbcUrl.get().startsWith("jdbc:")) {
      throw usage("--db-url must be a JDBC URL such as jdbc:postgresql://127.0.0.1:5432/shop; got '"
          + jdbcUrl.get() + "'");
    }
    return Optional.of(DatabaseConfig.of(jdbcUrl.get(), user(), password()));
  }

  /** The database's kind for printing: {@code h2}, {@code postgresql}, or the URL's sub-protocol. */
  public String kind() {
    String jdbcUrl = url().orElse("jdbc:h2:");
    String rest = jdbcUrl.substring(Math.min(jdbcUrl.length(), "jdbc:".length()));
    int colon = rest.indexOf(':');
    return colon < 0 ? rest : rest.substring(0, colon);
  }

  private ParameterException usage(String message) {
    if (spec == null) {
      throw new IllegalStateException(message);
    }
    return new ParameterException(spec.commandLine(), message);
  }

  private static @Nullable String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
