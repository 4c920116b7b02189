package io.modlink.examples.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** The catalog item as a plain JPA entity: the SQL twin of {@link CatalogStore}'s model, for comparisons. */
@Entity(name = "CatalogItem")
@Table(name = "catalog_item")
public class SqlCatalogItem {
  @Id
  @Column(name = "id", nullable = false, length = 64)
  private String id = "";

  @Column(name = "sku", nullable = false)
  private String sku = "";

  @Column(name = "title", nullable = false)
  private String title = "";

  @Column(name = "price", nullable = false, precision = 12, scale = 2)
  private BigDecimal price = BigDecimal.ZERO;

  @Column(name = "in_stock", nullable = false)
  private boolean inStock;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt = Instant.EPOCH;

  protected SqlCatalogItem() {}

  SqlCatalogItem(CatalogItem item) {
    this.id = item.id();
    this.sku = item.sku();
    this.title = item.title();
    this.price = item.price();
    this.inStock = item.inStock();
    this.updatedAt = item.updatedAt();
  }
}
