package io.modlink.core;

import org.apiguardian.api.API;

/** What modlink does to the modules' tables when it starts. */
@API(status = API.Status.STABLE, since = "0.1")
public enum SchemaAction {
  /** Nothing: the tables are managed elsewhere (migrations, a DBA). The default with a JDBC URL. */
  NONE,
  /** Checks that every entity's table and columns exist and fit the mapping; fails start-up if not. */
  VALIDATE,
  /**
   * Runs each module's Flyway migrations ({@link io.modlink.core.module.ModuleDefinition#migrations()}),
   * each module with a history table of its own ({@code <module>_schema_history}), then validates
   * every module's mapping as {@link #VALIDATE} does. The production choice.
   */
  MIGRATE,
  /**
   * Creates the tables from the mapping (Hibernate's schema export), for the embedded database,
   * examples and tests. The default of the embedded database. Not for production.
   */
  CREATE
}
