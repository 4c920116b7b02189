/** What {@link io.modlink.core.entity.EntityService} is built on: ids, rows of entities, JSON values, field rules. */
@NullMarked
package io.modlink.core.internal.entity;

import org.jspecify.annotations.NullMarked;
