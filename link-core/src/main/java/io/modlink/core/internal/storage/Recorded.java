package io.modlink.core.internal.storage;

import java.util.Objects;

/**
 * The result of a Link write and what it changed, for {@link LinkService#undo}.
 *
 * @param value what the write returns
 * @param changes what it changed
 */
public record Recorded<T>(T value, LinkChanges changes) {
  public Recorded {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(changes, "changes");
  }
}
