package io.modlink.core.entity;

import java.util.List;
import org.apiguardian.api.API;

/**
 * A page of records and the number of records that match the query, ignoring skip and take: what
 * {@link EntityService#listAndCount} returns (Medusa's {@code [records, count]}).
 *
 * @param records the records of the page
 * @param count every record that matches
 * @param <R> the record type
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record EntityPage<R>(List<R> records, long count) {
  public EntityPage {
    records = List.copyOf(records);
  }
}
