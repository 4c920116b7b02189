package io.modlink.core.query;

import org.apiguardian.api.API;

/**
 * Runs graph queries across modules: the Java counterpart of Medusa's {@code query.graph}. Obtain
 * it from {@link io.modlink.core.Modlink#query()}.
 *
 * <p>Every field path and filter is checked against the registry before anything is fetched.
 * When the stores involved are on different databases the query is <em>federated</em>: one fetch
 * for the root, then one batched fetch per hop (a hop through a link is the link-table fetch plus
 * the target fetch), whatever the number of rows. When they share one database the hops are
 * <em>pushed down</em> into SQL joins. Both give the same result. Thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Query {
  /**
   * Runs the query.
   *
   * @throws io.modlink.core.error.InvalidDataException for an unknown entity, field, relation or
   *     operator, naming the full path and the known names
   * @throws io.modlink.core.error.NotFoundException with {@code throwIfKeyNotFound} or
   *     {@code throwIfRelationNotFound}
   */
  GraphResult graph(GraphQuery query);

  /** The plan the query would run, without running it. */
  QueryPlan explain(GraphQuery query);
}
