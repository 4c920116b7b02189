package io.modlink.apikey;

import io.modlink.core.error.InvalidDataException;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ApiKeyService#update} may change: the title, and nothing else. A key's token, type
 * and revocation have operations of their own ({@link ApiKeyService#revoke}).
 *
 * @param title the new title, or null to keep the current one
 */
@API(status = API.Status.STABLE, since = "0.1")
public record UpdateApiKey(@Nullable String title) {
  /**
   * Changes the title.
   *
   * @throws InvalidDataException if {@code title} is null
   */
  public static UpdateApiKey title(String title) {
    if (title == null) {
      throw new InvalidDataException("the new api key title is null; give a title, or leave the title as it is");
    }
    return new UpdateApiKey(title);
  }

  /**
   * Reads Medusa's map form, e.g. an HTTP request body: {@code title} is read; every other entry
   * ({@code type}, {@code token}, {@code revoked_at}, ...) is ignored, as Medusa ignores it.
   *
   * @throws InvalidDataException if {@code title} is present and not a string
   */
  public static UpdateApiKey fromMap(Map<String, ?> data) {
    if (data == null) {
      throw new InvalidDataException("the api key update is null; give a map, e.g. {\"title\": \"Storefront\"}");
    }
    Object title = data.get("title");
    if (title != null && !(title instanceof CharSequence)) {
      throw new InvalidDataException("api key title must be a string, got " + title);
    }
    return new UpdateApiKey(title == null ? null : title.toString());
  }

  /** The new title, when one is given. */
  public Optional<String> newTitle() {
    return Optional.ofNullable(title);
  }
}
