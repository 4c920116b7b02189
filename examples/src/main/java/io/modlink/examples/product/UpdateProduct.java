package io.modlink.examples.product;

import org.jspecify.annotations.Nullable;

/**
 * The changes {@link ProductService#update} applies; null leaves a field as it is.
 *
 * @param title a new title, or null
 * @param handle a new handle, or null
 * @param status a new status, or null
 */
public record UpdateProduct(@Nullable String title, @Nullable String handle, @Nullable ProductStatus status) {}
