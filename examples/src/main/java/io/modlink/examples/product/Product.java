package io.modlink.examples.product;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A product, table {@code product} (created by the module's migrations). Linkable as
 * {@code product_id}. The handle is unique among live products; {@code options} keeps Medusa's
 * product options as JSON: {@code [{id, title, values: [{id, value}]}]}.
 */
@Entity(name = "Product")
@Table(name = "product")
public class Product {
  @Id
  @Column(name = "id", nullable = false, length = 64)
  private String id = "";

  @Column(name = "title", nullable = false)
  private String title = "";

  @Column(name = "handle", nullable = false)
  private String handle = "";

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "status", nullable = false, length = 16)
  private ProductStatus status = ProductStatus.draft;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "options")
  private @Nullable List<Map<String, Object>> options;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.EPOCH;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt = Instant.EPOCH;

  @Column(name = "deleted_at")
  private @Nullable Instant deletedAt;

  /** For Hibernate. */
  protected Product() {}

  /** A new product. */
  public Product(String id, String title, String handle, ProductStatus status, List<Map<String, Object>> options,
      Instant now) {
    this.id = id;
    this.title = title;
    this.handle = handle;
    this.status = status;
    this.options = new ArrayList<>(options);
    this.createdAt = now;
    this.updatedAt = now;
  }

  public String getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public String getHandle() {
    return handle;
  }

  public void setHandle(String handle) {
    this.handle = handle;
  }

  public ProductStatus getStatus() {
    return status;
  }

  public void setStatus(ProductStatus status) {
    this.status = status;
  }

  public List<Map<String, Object>> getOptions() {
    return options == null ? List.of() : options;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  public Instant getUpdatedAt() {
    return updatedAt;
  }

  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }

  public @Nullable Instant getDeletedAt() {
    return deletedAt;
  }

  public void setDeletedAt(@Nullable Instant deletedAt) {
    this.deletedAt = deletedAt;
  }
}
