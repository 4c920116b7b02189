package io.modlink.saleschannel;

import io.modlink.core.entity.IdPrefix;
import io.modlink.core.entity.Searchable;
import io.modlink.core.entity.SoftDeletableEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
@IdPrefix(SalesChannelService.ID_PREFIX)
public class SalesChannel extends SoftDeletableEntity {
  @NotBlank(message = "give the channel a name")
  @Size(max = SalesChannelService.MAX_TEXT)
  @Searchable
  @Column(name = "name", nullable = false)
  private String name = "";

  @Size(max = SalesChannelService.MAX_TEXT)
  @Searchable
  @Column(name = "description")
  private @Nullable String description;

  @Column(name = "is_disabled", nullable = false)
  private boolean isDisabled;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "metadata")
  private @Nullable Map<String, Object> metadata;

  /** For Hibernate. */
  protected SalesChannel() {}

  /**
   * A new, enabled channel without metadata.
   *
   * @param id the id, {@code sc_} and a ULID ({@code ""} to have one generated)
   * @param name the name
   * @param description the description, or null
   * @param now the creation time
   */
  public SalesChannel(String id, String name, @Nullable String description, Instant now) {
    super(id, now);
    this.name = name;
    this.description = description;
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
  public void setMetadata(@Nullable Map<String, ?> metadata) {
    this.metadata = metadata == null ? null : new LinkedHashMap<>(metadata);
  }
}
