package io.modlink.apikey;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What {@link ApiKeyService#create} needs to make a key; the token, salt and redacted form are
 * generated.
 *
 * <pre>{@code
 * CreateApiKey.publishable("Storefront", "user_1")
 * CreateApiKey.secret("Back office", "user_1")
 * }</pre>
 *
 * @param title the key's title: not blank, at most 255 characters
 * @param type publishable or secret
 * @param createdBy who creates the key (a user id, for instance): at most 255 characters
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CreateApiKey(String title, ApiKeyType type, String createdBy) {
  public CreateApiKey {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(createdBy, "createdBy");
  }

  /** A publishable key. */
  public static CreateApiKey publishable(String title, String createdBy) {
    return new CreateApiKey(title, ApiKeyType.publishable, createdBy);
  }

  /** A secret key. */
  public static CreateApiKey secret(String title, String createdBy) {
    return new CreateApiKey(title, ApiKeyType.secret, createdBy);
  }
}
