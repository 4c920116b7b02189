package io.modlink.examples.brand;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A brand, table {@code brand}: the entity of the plugin module in the guide
 * {@code docs/modules-and-links.md}. Linkable as {@code brand_id}.
 */
@Entity(name = "Brand")
@Table(name = "brand")
public class Brand {
  @Id
  @Column(name = "id", nullable = false, length = 64)
  private String id = "";

  @Column(name = "name", nullable = false)
  private String name = "";

  @Column(name = "handle", nullable = false, unique = true)
  private String handle = "";

  @Column(name = "default_sales_channel_id", length = 64)
  private @Nullable String defaultSalesChannelId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.EPOCH;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt = Instant.EPOCH;

  @Column(name = "deleted_at")
  private @Nullable Instant deletedAt;

  protected Brand() {}

  public Brand(String id, String name, String handle, Instant now) {
    this.id = id;
    this.name = name;
    this.handle = handle;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public String getId() {
    return id;
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
}
