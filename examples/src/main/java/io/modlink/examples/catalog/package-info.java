/**
 * The {@code catalog} module of the guide {@code docs/modules-and-links.md}: a module whose data is
 * not a database table but an external system (here kept in memory), served by its own store.
 */
@NullMarked
package io.modlink.examples.catalog;

import org.jspecify.annotations.NullMarked;
