package io.modlink.examples.brand;

import io.modlink.core.entity.IdPrefix;
import io.modlink.core.entity.Searchable;
import io.modlink.core.entity.SoftDeletableEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A brand, table {@code brand}: the entity of the plugin module in the guide
 * {@code docs/modules-and-links.md}. Linkable as {@code brand_id}.
 */
@Entity(name = "Brand")
@Table(name = "brand")
@IdPrefix("brand")
public class Brand extends SoftDeletableEntity {
  @NotBlank(message = "give the brand a name")
  @Size(max = 255)
  @Searchable
  @Column(name = "name", nullable = false)
  private String name = "";

  @Pattern(regexp = "[a-z0-9-]+", message = "use lower-case letters, digits and -")
  @Size(max = 255)
  @Searchable
  @Column(name = "handle", nullable = false, unique = true)
  private String handle = "";

  @Column(name = "default_sales_channel_id", length = 64)
  private @Nullable String defaultSalesChannelId;

  protected Brand() {}

  /** A new brand: the service gives it its id and timestamps. */
  public Brand(String name, String handle) {
    this.name = name;
    this.handle = handle;
  }

  /** A brand with a known id, created at {@code now}. */
  public Brand(String id, String name, String handle, Instant now) {
    super(id, now);
    this.name = name;
    this.handle = handle;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getHandle() {
    return handle;
  }

  public @Nullable String getDefaultSalesChannelId() {
    return defaultSalesChannelId;
  }

  public void setDefaultSalesChannelId(@Nullable String salesChannelId) {
    this.defaultSalesChannelId = salesChannelId;
  }
}
