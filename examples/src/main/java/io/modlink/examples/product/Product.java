package io.modlink.examples.product;

import io.modlink.core.entity.IdPrefix;
import io.modlink.core.entity.Searchable;
import io.modlink.core.entity.SoftDeletableEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * A product, table {@code product} (created by the module's migrations). Linkable as
 * {@code product_id}. Id, timestamps and {@code deleted_at} come from {@link SoftDeletableEntity};
 * the handle is unique among live products ({@link ProductService} checks it); {@code options}
 * keeps Medusa's product options as JSON: {@code [{id, title, values: [{id, value}]}]}.
 */
@Entity(name = "Product")
@Table(name = "product")
@IdPrefix(ProductService.ID_PREFIX)
public class Product extends SoftDeletableEntity {
  @NotBlank
  @Size(max = ProductService.MAX_TEXT)
  @Searchable
  @Column(name = "title", nullable = false)
  private String title = "";

  @NotBlank
  @Size(max = ProductService.MAX_TEXT)
  @Searchable
  @Column(name = "handle", nullable = false)
  private String handle = "";

  @NotNull
  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "status", nullable = false, length = 16)
  private ProductStatus status = ProductStatus.draft;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "options")
  private @Nullable List<Map<String, Object>> options;

  /** For Hibernate. */
  protected Product() {}

  /** A new product without id (one is generated when it is created). */
  public Product(String title, String handle, ProductStatus status, List<Map<String, Object>> options) {
    this.title = title;
    this.handle = handle;
    this.status = status;
    this.options = new ArrayList<>(options);
  }

  /** The title. */
  public String getTitle() {
    return title;
  }

  /** Sets the title. */
  public void setTitle(String title) {
    this.title = title;
  }

  /** The handle, unique among live products. */
  public String getHandle() {
    return handle;
  }

  /** Sets the handle. */
  public void setHandle(String handle) {
    this.handle = handle;
  }

  /** Draft or published. */
  public ProductStatus getStatus() {
    return status;
  }

  /** Sets the status. */
  public void setStatus(ProductStatus status) {
    this.status = status;
  }

  /** The options, as JSON: {@code [{id, title, values: [{id, value}]}]}. */
  public List<Map<String, Object>> getOptions() {
    return options == null ? List.of() : options;
  }
}
