package io.modlink.core.entity;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * The prefix of the ids of a {@link ModuleEntity}: {@code @IdPrefix("sc")} gives ids such as
 * {@code sc_01HZX3V8Q2M5T7W9Y1B3D5F7H9}. Without it, the prefix is the entity's name in snake case
 * ({@code brand_01HZ...}).
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface IdPrefix {
  /** The prefix, without the {@code _}: lower-case letters and digits, starting with a letter. */
  String value();
}
