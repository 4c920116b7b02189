package io.modlink.apikey;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/** An API key, table {@code api_key}. Linkable as {@code api_key_id} and {@code publishable_key_id}. */
@Entity(name = "ApiKey")
@Table(name = "api_key", indexes = @Index(name = "idx_api_key_token_unique", columnList = "token", unique = true))
public class ApiKey {
  @Id
  @Column(name = "id", nullable = false, length = 64)
  private String id = "";

  @Column(name = "token", nullable = false)
  private String token = "";

  @Column(name = "salt", nullable = false)
  private String salt = "";

  @Column(name = "redacted", nullable = false)
  private String redacted = "";

  @Column(name = "title", nullable = false)
  private String title = "";

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "type", nullable = false, length = 16)
  private ApiKeyType type = ApiKeyType.publishable;

  @Column(name = "last_used_at")
  private @Nullable Instant lastUsedAt;

  @Column(name = "created_by", nullable = false)
  private String createdBy = "";

  @Column(name = "revoked_by")
  private @Nullable String revokedBy;

  @Column(name = "revoked_at")
  private @Nullable Instant revokedAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt = Instant.EPOCH;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt = Instant.EPOCH;

  @Column(name = "deleted_at")
  private @Nullable Instant deletedAt;

  protected ApiKey() {}

  public ApiKey(String id, String title, ApiKeyType type, String token, String redacted, String createdBy, Instant now) {
    this.id = id;
    this.title = title;
    this.type = type;
    this.token = token;
    this.redacted = redacted;
    this.createdBy = createdBy;
    this.createdAt = now;
    this.updatedAt = now;
  }

  public String getId() {
    return id;
  }

  public String getToken() {
    return token;
  }

  public String getSalt() {
    return salt;
  }

  public void setSalt(String salt) {
    this.salt = salt;
  }

  public String getRedacted() {
    return redacted;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public ApiKeyType getType() {
    return type;
  }

  public @Nullable Instant getLastUsedAt() {
    return lastUsedAt;
  }

  public void setLastUsedAt(@Nullable Instant lastUsedAt) {
    this.lastUsedAt = lastUsedAt;
  }

  public String getCreatedBy() {
    return createdBy;
  }

  public @Nullable String getRevokedBy() {
    return revokedBy;
  }

  public @Nullable Instant getRevokedAt() {
    return revokedAt;
  }

  public void revoke(String by, Instant at) {
    this.revokedBy = by;
    this.revokedAt = at;
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
