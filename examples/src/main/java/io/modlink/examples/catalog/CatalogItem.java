package io.modlink.examples.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An item as the external catalog knows it.
 *
 * @param id the catalog's identifier, e.g. {@code item_01}
 * @param sku the stock-keeping unit
 * @param title the display title
 * @param price the price, with two decimals
 * @param inStock whether it can be ordered now
 * @param updatedAt when the catalog last changed it
 */
public record CatalogItem(String id, String sku, String title, BigDecimal price, boolean inStock, Instant updatedAt) {
  public CatalogItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
