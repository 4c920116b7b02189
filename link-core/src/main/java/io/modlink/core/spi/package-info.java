/**
 * Extension points for module authors. {@link io.modlink.core.spi.EntityStore} reads and
 * soft-deletes rows of one entity; modlink ships a Hibernate implementation that serves any JPA
 * entity, so a plugin author writes no store code for a plain entity.
 */
@NullMarked
package io.modlink.core.spi;

import org.jspecify.annotations.NullMarked;
