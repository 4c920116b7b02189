package io.modlink.saleschannel;

import io.modlink.core.error.InvalidDataException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * What {@link SalesChannelService#create} needs to make a sales channel.
 *
 * <pre>{@code
 * CreateSalesChannel.named("Web store")
 *     .withDescription("The online shop")
 *     .withMetadata(Map.of("region", "eu"))
 * }</pre>
 *
 * @param name the name: not blank, at most 255 characters
 * @param description a description of at most 255 characters, or null
 * @param isDisabled whether the channel starts disabled (default false)
 * @param metadata free-form JSON data (maps, lists, strings, numbers, booleans, null), or null
 * @throws InvalidDataException if {@code name} is null (the service checks the rest)
 */
@API(status = API.Status.STABLE, since = "0.1")
public record CreateSalesChannel(String name, @Nullable String description, boolean isDisabled,
    @Nullable Map<String, @Nullable Object> metadata) {
  public CreateSalesChannel {
    if (name == null) {
      throw new InvalidDataException("sales channel name is null; give the channel a name");
    }
    metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** An enabled channel with this name, no description and no metadata. */
  public static CreateSalesChannel named(String name) {
    return new CreateSalesChannel(name, null, false, null);
  }

  /** This request with a description. */
  public CreateSalesChannel withDescription(@Nullable String text) {
    return new CreateSalesChannel(name, text, isDisabled, metadata);
  }

  /** This request for a disabled channel. */
  public CreateSalesChannel disabled() {
    return new CreateSalesChannel(name, description, true, metadata);
  }

  /** This request with metadata. */
  public CreateSalesChannel withMetadata(@Nullable Map<String, ?> data) {
    return new CreateSalesChannel(name, description, isDisabled, data == null ? null : new LinkedHashMap<>(data));
  }
}
