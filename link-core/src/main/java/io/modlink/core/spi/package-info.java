/**
 * Extension points for module authors. {@link io.modlink.core.spi.EntityStore} is the only door to
 * the rows of one entity: it reads them ({@link io.modlink.core.spi.ReadRequest}, and by key for
 * each hop of a graph query, {@link io.modlink.core.spi.KeyedReadRequest}) and soft-deletes them.
 * modlink ships a Hibernate implementation that serves any JPA entity, so a plugin author writes no
 * store code for a plain entity; a store of a module's own serves data that is not a table, with
 * {@link io.modlink.core.spi.InMemoryRead} when its backend cannot filter. A store that is a plain
 * SQL table says so with {@link io.modlink.core.spi.SqlTable}, which lets queries be pushed down.
 */
@NullMarked
package io.modlink.core.spi;

import org.jspecify.annotations.NullMarked;
