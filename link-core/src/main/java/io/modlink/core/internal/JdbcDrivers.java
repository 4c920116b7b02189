package io.modlink.core.internal;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/** Which JDBC drivers are on the class path, and which artifact brings the one a URL needs. */
public final class JdbcDrivers {
  private JdbcDrivers() {}

  /** Whether a registered JDBC driver accepts {@code jdbcUrl}. */
  public static boolean accepts(String jdbcUrl) {
    try {
      DriverManager.getDriver(jdbcUrl);
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** The Maven coordinates of the usual driver for a JDBC URL's sub-protocol; empty when unknown. */
  public static Optional<String> artifact(String jdbcUrl) {
    String rest = jdbcUrl.startsWith("jdbc:") ? jdbcUrl.substring("jdbc:".length()) : jdbcUrl;
    int colon = rest.indexOf(':');
    String protocol = colon < 0 ? rest : rest.substring(0, colon);
    return Optional.ofNullable(switch (protocol) {
      case "h2" -> "com.h2database:h2";
      case "postgresql" -> "org.postgresql:postgresql";
      case "mariadb" -> "org.mariadb.jdbc:mariadb-java-client";
      case "mysql" -> "com.mysql:mysql-connector-j";
      default -> null;
    });
  }
}
