package io.modlink.core.spi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The rows an {@link EntityStore} read, and their total count when one was asked for.
 *
 * @param rows the rows, one {@link ObjectNode} each, keyed by snake-case field names
 * @param total the number of matching rows ignoring skip/take, or null when not counted
 */
@API(status = API.Status.STABLE, since = "0.1")
public record ReadResult(List<ObjectNode> rows, @Nullable Long total) {
  public ReadResult {
    rows = List.copyOf(Objects.requireNonNull(rows, "rows"));
  }

  /** The count, when {@link ReadRequest#withCount()} was asked. */
  public OptionalLong count() {
    return total == null ? OptionalLong.empty() : OptionalLong.of(total);
  }
}
