package io.modlink.core.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** The SQL dialect families modlink's SQL distinguishes. */
public enum Flavor {
  POSTGRESQL, H2,
  /** MariaDB, and MySQL (8.0 and later), which speaks the same SQL where modlink's SQL is concerned. */
  MARIADB,
  OTHER;

  /** The flavor of a DataSource, from its driver's product name (opens one connection). */
  public static Flavor of(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return ofProduct(c.getMetaData().getDatabaseProductName());
    } catch (SQLException e) {
      return OTHER;
    }
  }

  /** The flavor of a database product name as JDBC metadata gives it. */
  public static Flavor ofProduct(String productName) {
    String product = productName.toLowerCase(Locale.ROOT);
    if (product.contains("postgresql")) {
      return POSTGRESQL;
    }
    if (product.equals("h2")) {
      return H2;
    }
    return product.contains("mariadb") || product.contains("mysql") ? MARIADB : OTHER;
  }

  /** Whether the database takes array parameters ({@code = any(?)}). */
  public boolean hasArrays() {
    return this == POSTGRESQL || this == H2;
  }

  /** {@code limit}/{@code offset} for a page (MariaDB has no {@code offset} without {@code limit}). */
  public String page(@org.jspecify.annotations.Nullable Integer take, int skip) {
    StringBuilder out = new StringBuilder();
    if (take != null) {
      out.append(" limit ").append(take);
    } else if (skip > 0 && this == MARIADB) {
      out.append(" limit 18446744073709551615");
    }
    if (skip > 0) {
      out.append(" offset ").append(skip);
    }
    return out.toString();
  }
}
