package io.modlink.saleschannel;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A sales channel as {@link SalesChannelService} returns it. Serialised with Jackson, the
 * properties are snake case, as Medusa's {@code SalesChannelDTO}: {@code is_disabled},
 * {@code created_at}, ...
 *
 * @param id the channel's id, {@code sc_} and a ULID
 * @param name the channel's name
 * @param description the description, or null
 * @param isDisabled whether the channel is disabled
 * @param metadata free-form JSON data, or null
 * @param createdAt when the channel was created
 * @param updatedAt when the channel last changed
 * @param deletedAt when the channel was soft-deleted, or null
 */
@API(status = API.Status.STABLE, since = "0.1")
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SalesChannelRecord(String id, String name, @Nullable String description, boolean isDisabled,
    @Nullable Map<String, @Nullable Object> metadata, Instant createdAt, Instant updatedAt,
    @Nullable Instant deletedAt) {
  public SalesChannelRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    metadata = metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }
}
