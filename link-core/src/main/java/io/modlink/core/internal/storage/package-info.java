/** Link tables: their columns, DDL, Hibernate mapping and row access. Internal. */
@NullMarked
package io.modlink.core.internal.storage;

import org.jspecify.annotations.NullMarked;
