package io.modlink.core.entity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Marks a text field of a {@link ModuleEntity} as searched by the {@code q} of a
 * {@link io.modlink.core.spi.ListQuery}: {@link EntityService#list} keeps the records where any
 * searchable field contains the text, ignoring case (Medusa's {@code .searchable()}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Searchable {}
