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

/**
 * A sales channel, table {@code sales_channel} (created by the module's migrations). Linkable as
 * {@code sales_channel_id}. Read and write channels through {@link SalesChannelService}, which
 * applies the module's rules and follows links when channels are deleted and restored.
 */
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

  /** For Hibernate. */
  protected SalesChannel() {}

  /**
   * A new, enabled channel without metadata.
   *
   * @param id the id, {@code sc_} and a ULID
   * @param name the name
   * @param description the description, or null
   * @param now the creation time
   */
  public SalesChannel(String id, String name, @Nullable String description, Instant now) {
    this.id = id;
    this.name = name;
    this.description = description;
    this.createdAt = now;
    this.updatedAt = now;
  }

  /** The id, {@code sc_} and a ULID. */
  public String getId() {
    return id;
  }

  /** The name. */
  public String getName() {
    return name;
  }

  /** Sets the name. */
  public void setName(String name) {
    this.name = name;
  }

  /** The description, or null. */
  public @Nullable String getDescription() {
    return description;
  }

  /** Sets the description. */
  public void setDescription(@Nullable String description) {
    this.description = description;
  }

  /** Whether the channel is disabled. */
  public boolean isDisabled() {
    return isDisabled;
  }

  /** Disables or enables the channel. */
  public void setDisabled(boolean disabled) {
    this.isDisabled = disabled;
  }

  /** Free-form JSON data, or null. */
  public @Nullable Map<String, Object> getMetadata() {
    return metadata;
  }

  /** Replaces the metadata (a copy is kept). */
  public void setMetadata(@Nullable Map<String, Object> metadata) {
    this.metadata = metadata == null ? null : new LinkedHashMap<>(metadata);
  }

  /** When the channel was created. */
  public Instant getCreatedAt() {
    return createdAt;
  }

  /** When the channel last changed. */
  public Instant getUpdatedAt() {
    return updatedAt;
  }

  /** Sets when the channel last changed. */
  public void setUpdatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
  }

  /** When the channel was soft-deleted, or null. */
  public @Nullable Instant getDeletedAt() {
    return deletedAt;
  }

  /** Soft-deletes the channel at {@code at}, or restores it with null. */
  public void setDeletedAt(@Nullable Instant at) {
    this.deletedAt = at;
  }
}
