package io.modlink.core.query;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What a graph query cost.
 *
 * @param fetches each fetch, in the order it ran
 * @param roundTrips the statements sent to databases (a store that is not SQL counts one per call)
 * @param rows the rows read in all
 * @param elapsed the wall time of the query
 */
@API(status = API.Status.STABLE, since = "0.1")
public record QueryStats(List<Fetch> fetches, int roundTrips, long rows, Duration elapsed) {
  public QueryStats {
    fetches = List.copyOf(fetches);
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /**
   * One fetch.
   *
   * @param source the table read
   * @param strategy {@code federated}, {@code push-down} or {@code hybrid}
   * @param keys the distinct keys it was given (0 for the root)
   * @param rows the rows it returned
   * @param roundTrips the statements it sent (one for a call to a store that is not SQL)
   */
  public record Fetch(String source, String strategy, int keys, int rows, int roundTrips) {}
}
