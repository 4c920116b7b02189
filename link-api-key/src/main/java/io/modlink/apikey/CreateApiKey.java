package io.modlink.apikey;

import io.modlink.core.error.InvalidDataException;
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
 * @throws InvalidDataException if a component is null (the service checks the rest)
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CreateApiKey(String title, ApiKeyType type, String createdBy) {
  public CreateApiKey {
    if (title == null || type == null || createdBy == null) {
      throw new InvalidDataException("an api key needs a title, a type and who creates it; got title "
          + (title == null ? "null" : "'" + title + "'") + ", type " + type + ", created_by "
          + (createdBy == null ? "null" : "'" + createdBy + "'"));
    }
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
