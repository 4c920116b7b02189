package io.modlink.core.link;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Creates, dismisses, deletes and restores links: the Java counterpart of Medusa's {@code link}
 * service. Obtain it from {@link io.modlink.core.Modlink#link()}.
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>A request names two (module, linkable key) pairs in any order; any linkable key of an
 *       entity addresses it. The link between the two entities is found by the registry.
 *   <li>{@link #create} upserts: an existing pair is kept, a dismissed one revived; only the extra
 *       columns given are written.
 *   <li>A side that is not a list allows one live partner: a request that would break this, within
 *       the batch or against the table, is rejected before any write with a {@code conflict} error;
 *       two requests racing are settled by a unique index, the loser getting a {@code conflict}.
 *   <li>By default, create verifies that the linked records exist (one batched read per side).
 *   <li>{@link #dismiss} soft-deletes exact pairs; pairs that do not exist are ignored.
 *   <li>Every call is all or nothing: a rejected request writes nothing. Each call runs in a
 *       {@linkplain io.modlink.core.workflow.Transactions unit of work}, the caller's if there is
 *       one, so that calls made inside {@code modlink.inTransaction(...)} commit or roll back with
 *       the rest of the unit.
 *   <li>Concurrent calls: a call writes link rows in one order (link tables in the registry's
 *       order, rows by the pair's keys), whatever the order of its requests, so that calls writing the same rows wait
 *       for each other instead of deadlocking. A call that still fails because of concurrent work
 *       (a deadlock the database broke, a serialization failure, a lock wait that timed out, a race
 *       lost on a unique index) is run again, up to 5 attempts, when it has its unit of work to
 *       itself; what still fails, or fails inside a caller's unit of work, is a
 *       {@link io.modlink.core.error.ConflictException} whose {@code isRetryable()} is true.
 * </ul>
 * Thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface Link {
  /** Creates (upserts) links, verifying that the linked records exist. */
  List<LinkRecord> create(List<LinkRequest> requests);

  /** Creates (upserts) links with options. */
  List<LinkRecord> create(List<LinkRequest> requests, CreateOptions options);

  /** Creates one link given in Medusa's map form. */
  default List<LinkRecord> create(Map<String, ?> request) {
    return create(List.of(LinkRequest.fromMap(request)));
  }

  /** Creates one link. */
  default List<LinkRecord> create(LinkRequest request) {
    return create(List.of(request));
  }

  /** Dismisses (soft-deletes) exact pairs; returns the rows dismissed. Unknown pairs are ignored. */
  List<LinkRecord> dismiss(List<LinkRequest> requests);

  /** Dismisses one pair given in Medusa's map form. */
  default List<LinkRecord> dismiss(Map<String, ?> request) {
    return dismiss(List.of(LinkRequest.fromMap(request)));
  }

  /**
   * Changes the extra columns of live links: each request names a pair and the values to write
   * ({@link LinkRequest#withData}); columns not given keep their values, {@code updated_at} is set.
   * Returns the rows as written.
   *
   * @throws io.modlink.core.error.NotFoundException if a pair has no live link (create it first:
   *     {@link #create} upserts); nothing is written
   * @throws io.modlink.core.error.InvalidDataException if a request has no data, or data that does
   *     not fit the link's extra columns
   */
  List<LinkRecord> update(List<LinkRequest> requests);

  /**
   * Soft-deletes the link rows that reference the given records and, on sides marked
   * {@code deleteCascade}, the linked records themselves, recursively, each record once. The given
   * records themselves are left to their module. The cascade runs in one unit of work: where the
   * stores and the link tables share a DataSource, a failure rolls all of it back, by the database;
   * across DataSources each database rolls back its part (see
   * {@link io.modlink.core.workflow.Transactions} for the commit). The error is thrown.
   *
   * @param keys module -> linkable key -> values, e.g. {@code {"api_key": {"api_key_id": ["apk_1"]}}}
   * @throws io.modlink.core.error.InvalidDataException if the map has another shape (a module or key
   *     that is not a name, a value that is not a list), or names an unknown module, key or an empty id;
   *     nothing is written
   */
  CascadeResult delete(Map<String, ? extends Map<String, ? extends List<?>>> keys);

  /** Restores what {@link #delete} soft-deleted for the given records, recursively. */
  CascadeResult restore(Map<String, ? extends Map<String, ? extends List<?>>> keys);

  /** The rows of one link table. */
  List<LinkRecord> list(LinkQuery query);

  /** The rows of one link table as requests that would create them again. */
  default List<LinkRequest> listRequests(LinkQuery query) {
    return list(query).stream().map(LinkRecord::toRequest).toList();
  }

  /**
   * Hard-deletes rows dismissed before {@code olderThan}, in every link table.
   *
   * @return the number of rows removed, per table
   */
  Map<String, Long> purge(Instant olderThan);
}
