package io.modlink.saleschannel;

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
public final class UpdateSalesChannel {
  private final @Nullable String name;
  private final boolean descriptionSet;
  private final @Nullable String description;
  private final @Nullable Boolean disabled;
  private final boolean metadataSet;
  private final @Nullable Map<String, @Nullable Object> metadata;

  private UpdateSalesChannel(Builder b) {
    this.name = b.name;
    this.descriptionSet = b.descriptionSet;
    this.description = b.description;
    this.disabled = b.disabled;
    this.metadataSet = b.metadataSet;
    this.metadata = b.metadata == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
  }

  /** Starts an update that changes nothing. */
  public static Builder builder() {
    return new Builder();
  }

  /** The new name, if it changes. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** Whether the description changes (possibly to null). */
  public boolean changesDescription() {
    return descriptionSet;
  }

  /** The new description; meaningful when {@link #changesDescription()}. */
  public @Nullable String description() {
    return description;
  }

  /** The new disabled state, if it changes. */
  public Optional<Boolean> disabled() {
    return Optional.ofNullable(disabled);
  }

  /** Whether the metadata changes (possibly to null). */
  public boolean changesMetadata() {
    return metadataSet;
  }

  /** The new metadata; meaningful when {@link #changesMetadata()}. */
  public @Nullable Map<String, @Nullable Object> metadata() {
    return metadata;
  }

  /** Builds an {@link UpdateSalesChannel}. Each field may be set once. Not thread-safe. */
  public static final class Builder {
    private @Nullable String name;
    private boolean descriptionSet;
    private @Nullable String description;
    private @Nullable Boolean disabled;
    private boolean metadataSet;
    private @Nullable Map<String, @Nullable Object> metadata;

    private Builder() {}

    /** A new name: not blank, at most 255 characters. */
    public Builder name(String value) {
      if (value == null) {
        throw new io.modlink.core.error.InvalidDataException("a new sales channel name is null; give a name, or do not"
            + " change it");
      }
      if (name != null) {
        throw new IllegalStateException("name was already set to '" + name + "'");
      }
      this.name = value;
      return this;
    }

    /** A new description, or null to clear it. */
    public Builder description(@Nullable String value) {
      if (descriptionSet) {
        throw new IllegalStateException("description was already set to " + quoted(description));
      }
      this.descriptionSet = true;
      this.description = value;
      return this;
    }

    /** Disables ({@code true}) or enables ({@code false}) the channel. */
    public Builder disabled(boolean value) {
      if (disabled != null) {
        throw new IllegalStateException("disabled was already set to " + disabled);
      }
      this.disabled = value;
      return this;
    }

    /** New metadata, replacing the old as a whole, or null to clear it. */
    public Builder metadata(@Nullable Map<String, ?> value) {
      if (metadataSet) {
        throw new IllegalStateException("metadata was already set to " + metadata);
      }
      this.metadataSet = true;
      this.metadata = value == null ? null : new LinkedHashMap<>(value);
      return this;
    }

    /** The update. */
    public UpdateSalesChannel build() {
      return new UpdateSalesChannel(this);
    }

    private static String quoted(@Nullable String text) {
      return text == null ? "null" : "'" + text + "'";
    }
  }
}
