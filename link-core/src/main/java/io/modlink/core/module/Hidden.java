package io.modlink.core.module;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Marks a persistent field of a module's entity as hidden: a secret the module keeps (a token
 * hash, a salt) that nobody outside the module reads.
 *
 * <pre>{@code
 * @Hidden
 * @Column(name = "salt", nullable = false)
 * private String salt = "";
 * }</pre>
 *
 * <p>A hidden field is never selected by {@code *} (nor by a store read that names no fields) and
 * never returned by {@code query.graph}; naming it in a graph query's fields, filters or order is
 * an {@code invalid_data} error. The module's own code reads it by naming it in a read of its
 * {@link io.modlink.core.spi.EntityStore store} ({@code modlink.store(entity)}) or through its
 * Hibernate session. Hand-built models mark fields with
 * {@link EntityModel.Builder#hidden(String...)}.
 */
@API(status = API.Status.STABLE, since = "0.1")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Hidden {}
