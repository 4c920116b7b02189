package io.modlink.core.link;

import io.modlink.core.error.InvalidDataException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What {@link Link#list} reads: the rows of one link table, optionally filtered by column values.
 *
 * <pre>{@code
 * LinkQuery.of("publishable_api_key_sales_channel").where("sales_channel_id", List.of("sc_1", "sc_2"))
 * }</pre>
 *
 * @param link the link's table name or entry point
 * @param filters column to value (equality) or to a collection of values (any of)
 * @param includeDeleted whether dismissed rows are included
 */
@API(status = API.Status.STABLE, since = "0.1")
public record LinkQuery(String link, Map<String, Object> filters, boolean includeDeleted) {
  public LinkQuery {
    if (link == null) {
      throw new InvalidDataException("link query without a link; name a link table or entry point");
    }
    filters = Collections.unmodifiableMap(new LinkedHashMap<>(filters));
  }

  /** Every live row of the link with this table name or entry point. */
  public static LinkQuery of(String link) {
    return new LinkQuery(link, Map.of(), false);
  }

  /**
   * This query, keeping rows whose {@code column} equals {@code value} (or is one of a collection's
   * values). The column and the value's type and range are checked by {@link Link#list}.
   *
   * @throws io.modlink.core.error.InvalidDataException if the column is null or blank, or the value
   *     is null or a collection holding null
   */
  public LinkQuery where(String column, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(filters);
    if (column == null || column.isBlank()) {
      throw new InvalidDataException("filter on column " + (column == null ? "null" : "'" + column + "'")
          + " of link " + link + "; name a column of the link table");
    }
    if (value == null || (value instanceof java.util.Collection<?> c && c.stream().anyMatch(Objects::isNull))) {
      throw new InvalidDataException("null value in the filter on column '" + column + "' of link " + link
          + "; filters match values: give a value, or a collection of values without null");
    }
    copy.put(column, value instanceof java.util.Collection<?> c ? List.copyOf(c) : value);
    return new LinkQuery(link, copy, includeDeleted);
  }

  /** This query, including dismissed rows. */
  public LinkQuery withDeleted() {
    return new LinkQuery(link, filters, true);
  }
}
