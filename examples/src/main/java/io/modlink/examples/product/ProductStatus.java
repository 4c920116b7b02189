package io.modlink.examples.product;

/** Whether a product is visible in the store: only {@code published} products are. */
public enum ProductStatus {
  /** Being prepared; not in the store. */
  draft,
  /** In the store, in the sales channels it is linked to. */
  published
}
