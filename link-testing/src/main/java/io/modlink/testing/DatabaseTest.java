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
 * ({@code [h2]}, {@code [postgresql]}). The test takes a {@link TestDatabase} parameter: a database
 * (H2) or schema (PostgreSQL) created for that run and dropped after it.
 *
 * <p>Engines: every {@link Engine} by default; the system property {@code modlink.test.databases}
 * (e.g. {@code h2}) narrows the set. PostgreSQL is reached at {@code MODLINK_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code MODLINK_PG_USER}, default
 * {@code postgres}). When it cannot be reached the PostgreSQL run is aborted (reported as skipped)
 * with the reason, except when the environment variable {@code CI} is {@code true}: then it fails.
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
