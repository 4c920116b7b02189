/**
 * Queries across module boundaries: {@link io.modlink.core.query.Query#graph} expands field paths
 * such as {@code sales_channels.*} through links, in batches, never one fetch per row.
 */
@NullMarked
package io.modlink.core.query;

import org.jspecify.annotations.NullMarked;
