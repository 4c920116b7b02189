package io.modlink.core.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The SQL dialect families modlink's SQL distinguishes. */
public enum Flavor {
  POSTGRESQL, H2, OTHER;

  /** The flavor of a DataSource, from its driver's product name (opens one connection). */
  public static Flavor of(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      return product.contains("postgresql") ? POSTGRESQL : product.equals("h2") ? H2 : OTHER;
    } catch (SQLException e) {
      return OTHER;
    }
  }
}
