package io.modlink.saleschannel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** A sales channel, table {@code sales_channel}. Linkable as {@code sales_channel_id}. */
@Entity(name = "SalesChannel")
@Table(name = "sales_channel")
public class SalesChannel {
  @Id
  @Column(name = "id", nullable = false, length = 64)
  private String id = "";

  @Column(name = "name", nullable = false)
  private String name = "";

  @Column(name = "description")
  private @Nullable String description;

  @Column(name = "is_disabled", nullable = false)
  private boolean isDisabled;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "metadata")
  private @Nullable Map<String, Object> metadata;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.EPOCH;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt = Instant.EPOCH;

  @Column(name = "deleted_at")
  private @Nullable Instant deletedAt;

  protected SalesChannel() {}

  public SalesChannel(String id, String name, @Nullable String description, Instant now) {
    this.id = id;
    this.name = name;
    this.description = description;
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

  public @Nullable String getDescription() {
    return description;
  }

  public void setDescription(@Nullable String description) {
    this.description = description;
  }

  public boolean isDisabled() {
    return isDisabled;
  }

  public void setDisabled(boolean disabled) {
    this.isDisabled = disabled;
  }

  public @Nullable Map<String, Object> getMetadata() {
    return metadata;
  }

  public void setMetadata(@Nullable Map<String, Object> metadata) {
    this.metadata = metadata == null ? null : new LinkedHashMap<>(metadata);
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
