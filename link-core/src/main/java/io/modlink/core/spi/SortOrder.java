package io.modlink.core.spi;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * One ordering key of a read.
 *
 * @param field the snake-case field name
 * @param direction ascending or descending
 */
@API(status = API.Status.STABLE, since = "0.1")
public record SortOrder(String field, SortDirection direction) {
  public SortOrder {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(direction, "direction");
  }
}
