package io.modlink.core.query;

import java.util.List;
import org.apiguardian.api.API;

/**
 * How a graph query will run, as {@link Query#explain} reports it.
 *
 * @param strategy {@code federated} (one batched fetch per hop), {@code push-down} (SQL joins) or {@code hybrid}
 *     (the root joined to one relation's link rows in SQL, the rest federated: a query whose tables are on
 *     several databases, under {@link Strategy#AUTO})
 * @param fetches the fetches, in order
 * @param expectedRoundTrips the statements the query will send, whatever the number of rows
 * @param text a readable rendering
 */
@API(status = API.Status.STABLE, since = "0.1")
public record QueryPlan(String strategy, List<PlannedFetch> fetches, int expectedRoundTrips, String text) {
  public QueryPlan {
    fetches = List.copyOf(fetches);
  }

  @Override
  public String toString() {
    return text;
  }

  /**
   * One planned fetch.
   *
   * @param id its number, from 1
   * @param path the field path it serves ({@code api_key}, {@code api_key.sales_channels})
   * @param source the table it reads
   * @param store the module or link store that owns the table
   * @param waitsFor the fetch whose keys it needs, or 0
   * @param keys what it selects by, e.g. {@code publishable_key_id = any(api_key.id)}
   */
  public record PlannedFetch(int id, String path, String source, String store, int waitsFor, String keys) {}
}
