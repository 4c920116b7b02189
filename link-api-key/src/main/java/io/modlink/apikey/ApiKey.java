package io.modlink.apikey;

import io.modlink.core.entity.IdPrefix;
import io.modlink.core.entity.Searchable;
import io.modlink.core.entity.SoftDeletableEntity;
import io.modlink.core.module.Hidden;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

/**
 * An API key, table {@code api_key} (created by the module's migrations). Linkable as
 * {@code api_key_id} and {@code publishable_key_id}.
 *
 * <p>The entity as stored: for a secret key {@link #getToken()} is the scrypt hash of the token and
 * {@link #getSalt()} its salt. Read and write keys through {@link ApiKeyService}, which generates
 * tokens, hides secrets and applies the module's rules; its {@link ApiKeyRecord}s never carry a
 * hash or a salt.
 *
 * <p>{@code token} and {@code salt} are {@link Hidden}: graph queries never return them, not even
 * with {@code *}, and refuse them by name. One column holds a publishable token and a secret key's
 * hash alike, so the whole column is hidden; {@link ApiKeyService} returns publishable tokens.
 */
@Entity(name = "ApiKey")
@Table(name = "api_key", indexes = @Index(name = "idx_api_key_token_unique", columnList = "token", unique = true))
@IdPrefix(ApiKeyService.ID_PREFIX)
public class ApiKey extends SoftDeletableEntity {
  @Hidden
  @Column(name = "token", nullable = false)
  private String token = "";

  @Hidden
  @Column(name = "salt", nullable = false)
  private String salt = "";

  @Searchable
  @Column(name = "redacted", nullable = false)
  private String redacted = "";

  @NotBlank(message = "give the key a title")
  @Size(max = ApiKeyService.MAX_TEXT)
  @Searchable
  @Column(name = "title", nullable = false)
  private String title = "";

  @Enumerated(EnumType.STRING)
  @JdbcTypeCode(SqlTypes.VARCHAR)
  @Column(name = "type", nullable = false, length = 16)
  private ApiKeyType type = ApiKeyType.publishable;

  @Column(name = "last_used_at")
  private @Nullable Instant lastUsedAt;

  @Size(max = ApiKeyService.MAX_TEXT)
  @Column(name = "created_by", nullable = false)
  private String createdBy = "";

  @Size(max = ApiKeyService.MAX_TEXT)
  @Column(name = "revoked_by")
  private @Nullable String revokedBy;

  @Column(name = "revoked_at")
  private @Nullable Instant revokedAt;

  /** For Hibernate. */
  protected ApiKey() {}

  /**
   * A new key, as {@link ApiKeyService#create} makes it.
   *
   * @param id the id, {@code apk_} and a ULID ({@code ""} to have one generated)
   * @param title the title
   * @param type publishable or secret
   * @param token the token to store: the token itself, or for a secret key its hash
   * @param redacted the redacted token
   * @param createdBy who created the key
   * @param now the creation time
   */
  public ApiKey(String id, String title, ApiKeyType type, String token, String redacted, String createdBy, Instant now) {
    super(id, now);
    this.title = title;
    this.type = type;
    this.token = token;
    this.redacted = redacted;
    this.createdBy = createdBy;
  }

  /** The stored token: a publishable key's token, or the hex scrypt hash of a secret key's token. */
  public String getToken() {
    return token;
  }

  /** The salt of a secret key's hash (32 hex characters); empty for a publishable key. */
  public String getSalt() {
    return salt;
  }

  /** Sets the salt of a secret key's hash. */
  public void setSalt(String salt) {
    this.salt = salt;
  }

  /** The first 6 and last 3 characters of the token, e.g. {@code pk_44d***3be}. */
  public String getRedacted() {
    return redacted;
  }

  /** The title. */
  public String getTitle() {
    return title;
  }

  /** Sets the title. */
  public void setTitle(String title) {
    this.title = title;
  }

  /** Publishable or secret. */
  public ApiKeyType getType() {
    return type;
  }

  /** When the key was last used, or null. */
  public @Nullable Instant getLastUsedAt() {
    return lastUsedAt;
  }

  /** Records when the key was last used. */
  public void setLastUsedAt(@Nullable Instant lastUsedAt) {
    this.lastUsedAt = lastUsedAt;
  }

  /** Who created the key. */
  public String getCreatedBy() {
    return createdBy;
  }

  /** Who revoked the key, or null. */
  public @Nullable String getRevokedBy() {
    return revokedBy;
  }

  /** When the key is (or will be) revoked, or null. */
  public @Nullable Instant getRevokedAt() {
    return revokedAt;
  }

  /** Revokes the key at {@code at}, which may lie in the future. */
  public void revoke(String by, Instant at) {
    this.revokedBy = by;
    this.revokedAt = at;
  }
}
