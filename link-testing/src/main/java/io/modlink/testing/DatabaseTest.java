package io.modlink.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test once per database engine; the run's display name says which
 * ({@code [h2]}, {@code [postgresql]}, {@code [mariadb]}). The test takes a {@link TestDatabase}
 * parameter: a database (H2, MariaDB) or schema (PostgreSQL) created for that run and dropped after it.
 *
 * <p>Engines: every {@link Engine} by default; the system property {@code modlink.test.databases}
 * (e.g. {@code h2}) narrows the set. PostgreSQL is reached at {@code MODLINK_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code MODLINK_PG_USER}, default
 * {@code postgres}, password {@code MODLINK_PG_PASSWORD}); MariaDB at {@code MODLINK_MARIADB_URL}
 * (default {@code jdbc:mariadb://127.0.0.1:3306/test?sslMode=disable}, user {@code MODLINK_MARIADB_USER},
 * default {@code root}, password {@code MODLINK_MARIADB_PASSWORD}), where each run gets a database
 * of its own ({@code create database}, collation {@code utf8mb4_bin}: text compares as on the other
 * engines, where MariaDB's default collation would ignore case). When a server cannot be reached its run is aborted (reported
 * as skipped) with the reason, except when the environment variable {@code CI} is {@code true}: then
 * it fails.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(DatabaseExtension.class)
@API(status = API.Status.STABLE, since = "0.1")
public @interface DatabaseTest {
  /** The engines to run on; empty means every engine. */
  Engine[] value() default {};
}
