/**
 * Link tables in the database: {@link io.modlink.core.storage.LinkSchemaSync} plans and applies the
 * changes that bring them in line with the declared links, never losing data by surprise.
 */
@NullMarked
package io.modlink.core.storage;

import org.jspecify.annotations.NullMarked;
