/**
 * The {@code product} module of the store server: a third module written as a plugin author would,
 * from modlink's public API only. Entity {@link io.modlink.examples.product.Product} (a
 * {@code SoftDeletableEntity}), its service (an {@code EntityService} with the product's own rules),
 * its migrations ({@code classpath:db/modlink/product/{vendor}}) and the link
 * {@code product} <-> {@code sales_channel} (table {@code product_sales_channel}), declared by names.
 */
@NullMarked
package io.modlink.examples.product;

import org.jspecify.annotations.NullMarked;
