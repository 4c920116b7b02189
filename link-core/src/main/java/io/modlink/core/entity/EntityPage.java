package io.modlink.core.entity;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * A page of records and the number of records that match the query, ignoring skip and take: what
 * {@link EntityService#listAndCount} returns (Medusa's {@code [records, count]}). A module may
 * extend it to name its records (e.g. {@code SalesChannelPage.salesChannels()}). Immutable.
 *
 * @param <R> the record type
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public class EntityPage<R> {
  private final List<R> records;
  private final long count;

  /**
   * A page.
   *
   * @param records the records of the page
   * @param count every record that matches
   */
  public EntityPage(List<R> records, long count) {
    this.records = List.copyOf(records);
    this.count = count;
  }

  /** The records of the page. */
  public final List<R> records() {
    return records;
  }

  /** Every record that matches the query, ignoring skip and take. */
  public final long count() {
    return count;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o != null && o.getClass() == getClass() && records.equals(((EntityPage<?>) o).records)
        && count == ((EntityPage<?>) o).count;
  }

  @Override
  public int hashCode() {
    return Objects.hash(records, count);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[records=" + records + ", count=" + count + "]";
  }
}
