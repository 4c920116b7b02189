package io.modlink.apikey;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * An API key as {@link ApiKeyService} returns it: every column of {@code api_key} except the salt.
 *
 * <p>The {@link #token()} of a publishable key is the token itself. The token of a secret key is the
 * raw {@code sk_...} token only in what {@link ApiKeyService#create} returns, the one time it is
 * shown; everywhere else it is the empty string (the table keeps only a hash). Serialised with
 * Jackson, the properties are snake case, as Medusa's {@code ApiKeyDTO}: {@code last_used_at},
 * {@code created_by}, ... Its {@link #toString()} never shows the token (a log line of a created
 * key would leak it): only the {@code redacted} form.
 *
 * @param id the key's id, {@code apk_} and a ULID
 * @param token the publishable token; for a secret key the raw token on creation, else {@code ""}
 * @param redacted the first 6 and last 3 characters of the token, e.g. {@code pk_44d***3be}
 * @param title the key's title
 * @param type publishable or secret
 * @param lastUsedAt when the key was last used, or null
 * @param createdBy who created the key
 * @param revokedBy who revoked the key, or null
 * @param revokedAt when the key is (or will be) revoked, or null
 * @param createdAt when the key was created
 * @param updatedAt when the key last changed
 * @param deletedAt when the key was soft-deleted (by a link cascade), or null
 */
@API(status = API.Status.STABLE, since = "0.1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ApiKeyRecord(String id, String token, String redacted, String title, ApiKeyType type,
    @Nullable Instant lastUsedAt, String createdBy, @Nullable String revokedBy, @Nullable Instant revokedAt,
    Instant createdAt, Instant updatedAt, @Nullable Instant deletedAt) {
  public ApiKeyRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(redacted, "redacted");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * Whether the key is valid at {@code now}: not revoked, or revoked at a later time, and not
   * deleted. Publishable keys in storefront requests are checked this way.
   */
  public boolean isActiveAt(Instant now) {
    Objects.requireNonNull(now, "now");
    return deletedAt == null && (revokedAt == null || revokedAt.isAfter(now));
  }

  /**
   * The record with its token redacted: {@code token=[redacted]} (or {@code token=""} when the
   * record carries none), so that a log line of a created key never shows the key.
   */
  @Override
  public String toString() {
    return "ApiKeyRecord[id=" + id + ", token=" + (token.isEmpty() ? "\"\"" : "[redacted]") + ", redacted=" + redacted
        + ", title=" + title + ", type=" + type + ", lastUsedAt=" + lastUsedAt + ", createdBy=" + createdBy
        + ", revokedBy=" + revokedBy + ", revokedAt=" + revokedAt + ", createdAt=" + createdAt + ", updatedAt="
        + updatedAt + ", deletedAt=" + deletedAt + "]";
  }

  /** The record of a stored key: the token of a secret key is not shown. */
  static ApiKeyRecord of(ApiKey key) {
    return new ApiKeyRecord(key.getId(), key.getType() == ApiKeyType.secret ? "" : key.getToken(), key.getRedacted(),
        key.getTitle(), key.getType(), key.getLastUsedAt(), key.getCreatedBy(), key.getRevokedBy(), key.getRevokedAt(),
        key.getCreatedAt(), key.getUpdatedAt(), key.getDeletedAt());
  }

  /** This record with another token: the raw token of a key just created. */
  ApiKeyRecord withToken(String token) {
    return new ApiKeyRecord(id, token, redacted, title, type, lastUsedAt, createdBy, revokedBy, revokedAt, createdAt,
        updatedAt, deletedAt);
  }
}
