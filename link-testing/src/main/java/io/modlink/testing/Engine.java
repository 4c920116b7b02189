package io.modlink.testing;

import org.apiguardian.api.API;

/** The database engines tests run on. */
@API(status = API.Status.STABLE, since = "0.1")
public enum Engine {
  /** Embedded H2, in memory: always available. */
  H2("h2"),
  /** The PostgreSQL server of the machine (CI has one). */
  POSTGRESQL("postgresql"),
  /** The MariaDB server of the machine (CI has one); MySQL speaks the same SQL and driver protocol. */
  MARIADB("mariadb");

  private final String id;

  Engine(String id) {
    this.id = id;
  }

  /** The lower-case name used in display names and in {@code modlink.test.databases}. */
  public String id() {
    return id;
  }
}
