package io.modlink.core.spi;

import io.modlink.core.module.EntityModel;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The only door to the rows of one entity (or, for a link store, of one link table). The query
 * planner and the Link service read a module's data only through its stores, so a decorator
 * ({@code Modlink.Builder.decorateStores}, {@code decorateLinkStores}) sees every read, and a module
 * whose data is not a SQL table (a remote service, an index, memory) can be linked and queried.
 *
 * <p>modlink provides a Hibernate implementation for every JPA entity of an installed module, and a
 * store for every link table. A module registers a store of its own, for data that is not a JPA
 * entity, with {@code ModuleDefinition.Builder.store(EntityStore)}.
 *
 * <h2>What the framework asks</h2>
 * <ul>
 *   <li>A graph query reads its root with one {@link #read} (filter, projection, order, page and
 *       count), then each hop with one {@link #readByKeys} per store: the join keys of all the
 *       parents at once, de-duplicated, with the hop's projection, filter, order and a per-parent
 *       limit hint. A filter on a linked path (a semi-join) is one {@link #read} of the linked store,
 *       then one {@link #readByKeys} of the link store. Never one call per key or per row.
 *   <li>{@code link.create} verifies the records it links with one {@link #read} per side (an
 *       {@code $in} filter on the keys, per 1,000 keys).
 *   <li>Soft delete and restore cascades call {@link #softDelete} and {@link #restore}.
 *   <li>When every store of a query declares a {@link #sqlTable()} on one {@code DataSource}, the
 *       planner may instead read those tables with one SQL statement (push-down), without calling
 *       the stores. A store that declares none, or a decorator that does not pass it on, is always
 *       asked, and {@code Query.explain} names it as the reason the query is federated.
 * </ul>
 *
 * <h2>What a store must do</h2>
 * <ul>
 *   <li>Validate the whole request against {@link #model()} before touching its backend, and throw
 *       {@code InvalidDataException} naming the unknown field or operator.
 *   <li>Return {@code ObjectNode} rows keyed by snake-case field names, rendered as modlink renders
 *       values (date-times as ISO-8601 strings in UTC, enums by name, JSON nested): each row has the
 *       primary key and exactly the requested fields (all when none were requested); in the requested
 *       order, then by primary key. Return new nodes on every call, never nodes the store keeps: the
 *       caller adds relations to them. Never return null.
 *   <li>In {@link #readByKeys}, a key with no matching row is simply absent (not an error, not a null
 *       row); a key matching several rows gives them all.
 *   <li>Leave soft-deleted rows out unless the request asks {@code withDeleted()}.
 *   <li>Answer one request with one batched call to its backend (a store may split a very large key
 *       list into a few chunks), never one call per key.
 *   <li>{@link #softDelete} and {@link #restore} are atomic; keys that do not exist, or are already in
 *       the target state, are ignored and absent from the result.
 *   <li>Be thread-safe: the planner calls stores from several threads at once.
 * </ul>
 *
 * <p>A minimal store implements {@link #model()}, {@link #read}, {@link #softDelete} and
 * {@link #restore}; {@link #readByKeys} then runs as one {@link #read} with an {@code $in} filter.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface EntityStore {
  /** The entity this store serves. */
  EntityModel model();

  /** Reads rows by filter, with projection, order, page and count. See the class comment for the contract. */
  ReadResult read(ReadRequest request);

  /**
   * Reads the rows whose {@link KeyedReadRequest#keyField()} is one of the request's keys, in one
   * batched call: what a graph query asks for each hop. Keys with no row are absent from the result;
   * each row has the key field and the requested fields; {@link ReadResult#total()} is null. The default runs {@link #read} with
   * {@link KeyedReadRequest#toReadRequest()}; override it when the backend looks rows up by key faster.
   *
   * @since 0.2
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.2")
  default ReadResult readByKeys(KeyedReadRequest request) {
    return read(request.toReadRequest());
  }

  /**
   * The plain SQL table this store's rows are, if they are one (see {@link SqlTable}); empty by
   * default. A decorator that must see every read returns empty; one that passes its delegate's
   * table on lets the planner read the table without it. Asked once, when modlink starts.
   *
   * @since 0.2
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.2")
  default Optional<SqlTable> sqlTable() {
    return Optional.empty();
  }

  /**
   * Marks the records with these primary keys as deleted ({@code deleted_at} = now).
   *
   * @throws io.modlink.core.error.NotAllowedException if the entity has no {@code deleted_at} field,
   *     or its store does not delete (a link table's rows are dismissed through the Link service)
   */
  AffectedKeys softDelete(Collection<?> ids);

  /**
   * Marks records as deleted with the {@code deleted_at} each had before a {@link #restore}: what
   * undoing a restore writes back (a unit of work that rolls back, a workflow's compensation).
   * Records that do not exist or are already deleted are ignored, as in {@link #softDelete}. The
   * default calls {@link #softDelete} (a new {@code deleted_at}); a store that can write a given
   * time overrides it, and a decorator passes it on, so that the undo is exact.
   *
   * @param deletedAt primary key -> the {@code deleted_at} to write back
   * @since 0.3
   */
  @API(status = API.Status.EXPERIMENTAL, since = "0.3")
  default AffectedKeys softDeleteAt(Map<?, Instant> deletedAt) {
    return softDelete(deletedAt.keySet());
  }

  /**
   * Clears {@code deleted_at} of the records with these primary keys.
   *
   * @throws io.modlink.core.error.NotAllowedException if the entity has no {@code deleted_at} field,
   *     or its store does not restore
   */
  AffectedKeys restore(Collection<?> ids);

  /**
   * Whether this store's writes take part in modlink's units of work
   * ({@link io.modlink.core.workflow.Transactions}): true when it writes only through a DataSource
   * modlink hands out (a module's session factory, {@link io.modlink.core.Modlink#dataSource}), so
   * that a rollback undoes them. modlink's own stores return true. When false (the default, the
   * safe answer for a store over a remote service, an index or memory, and for a decorator that does
   * not say), modlink undoes the store's {@link #softDelete} and {@link #restore} calls of a unit
   * of work that rolls back by the opposite call; the opposite of a restore is
   * {@link #softDeleteAt}, with the {@code deleted_at} read before the restore. A decorator returns what the store it wraps returns.
   */
  default boolean joinsUnitsOfWork() {
    return false;
  }
}
