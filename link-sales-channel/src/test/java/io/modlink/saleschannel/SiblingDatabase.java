package io.modlink.saleschannel;

import io.modlink.core.DatabaseConfig;
import io.modlink.testing.Engine;
import io.modlink.testing.TestDatabase;
import java.sql.SQLException;

/**
 * A second database beside a test's own, for a module given a DataSource of its own: another H2
 * in-memory database, or another PostgreSQL schema. Dropped on close.
 */
final class SiblingDatabase implements AutoCloseable {
  private final TestDatabase db;
  private final String name;
  private final DatabaseConfig config;

  SiblingDatabase(TestDatabase db, String suffix) {
    this.db = db;
    this.name = db.name() + "_" + suffix;
    if (db.engine() == Engine.POSTGRESQL) {
      db.execute("create schema " + name);
    }
    this.config = DatabaseConfig.of(db.jdbcUrl().replace(db.name(), name), db.user(), db.password());
  }

  DatabaseConfig config() {
    return config;
  }

  @Override
  public void close() throws SQLException {
    if (db.engine() == Engine.POSTGRESQL) {
      db.execute("drop schema if exists " + name + " cascade");
    } else {
      try (var c = java.sql.DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
           var s = c.createStatement()) {
        s.execute("SHUTDOWN");
      }
    }
  }
}
