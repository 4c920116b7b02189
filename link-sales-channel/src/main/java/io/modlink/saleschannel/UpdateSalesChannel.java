package io.modlink.saleschannel;

import io.modlink.core.entity.Changes;
import io.modlink.core.error.InvalidDataException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The changes {@link SalesChannelService#update} applies to a sales channel: only the fields set
 * here change. {@code description} and {@code metadata} may be set to null to clear them; metadata
 * is replaced as a whole.
 *
 * <pre>{@code
 * UpdateSalesChannel.builder().name("Web").disabled(true).description(null).build()
 * }</pre>
 *
 * <p>Immutable.
 */
@API(status = API.Status.STABLE, since = "0.1")
public final class UpdateSalesChannel extends Changes {
  private UpdateSalesChannel(Changes changes) {
    super(changes);
  }

  /** Starts an update that changes nothing. */
  public static Builder builder() {
    return new Builder();
  }

  /** The new name, if it changes. */
  public Optional<String> name() {
    return Optional.ofNullable((String) get("name"));
  }

  /** Whether the description changes (possibly to null). */
  public boolean changesDescription() {
    return has("description");
  }

  /** The new description; meaningful when {@link #changesDescription()}. */
  public @Nullable String description() {
    return (String) get("description");
  }

  /** The new disabled state, if it changes. */
  public Optional<Boolean> disabled() {
    return Optional.ofNullable((Boolean) get("is_disabled"));
  }

  /** Whether the metadata changes (possibly to null). */
  public boolean changesMetadata() {
    return has("metadata");
  }

  /** The new metadata; meaningful when {@link #changesMetadata()}. */
  @SuppressWarnings("unchecked")
  public @Nullable Map<String, @Nullable Object> metadata() {
    return (Map<String, @Nullable Object>) get("metadata");
  }

  /** Builds an {@link UpdateSalesChannel}. Each field may be set once. Not thread-safe. */
  public static final class Builder {
    private final Changes.Builder changes = Changes.newBuilder();

    private Builder() {}

    /** A new name: not blank, at most 255 characters. */
    public Builder name(String value) {
      if (value == null) {
        throw new InvalidDataException("a new sales channel name is null; give a name, or do not change it");
      }
      changes.set("name", value);
      return this;
    }

    /** A new description, or null to clear it. */
    public Builder description(@Nullable String value) {
      changes.set("description", value);
      return this;
    }

    /** Disables ({@code true}) or enables ({@code false}) the channel. */
    public Builder disabled(boolean value) {
      changes.set("is_disabled", value);
      return this;
    }

    /** New metadata, replacing the old as a whole, or null to clear it. */
    public Builder metadata(@Nullable Map<String, ?> value) {
      changes.set("metadata", value == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(value)));
      return this;
    }

    /** The update. */
    public UpdateSalesChannel build() {
      return new UpdateSalesChannel(changes.build());
    }
  }
}
