package io.modlink.core.spi;

import io.modlink.core.module.EntityModel;
import java.util.Collection;
import org.apiguardian.api.API;

/**
 * Reads and soft-deletes the rows of one entity. The query planner and the link service reach a
 * module's data only through its stores.
 *
 * <p>modlink provides a Hibernate implementation for every JPA entity of an installed module; a
 * module implements this interface only for data that is not a plain JPA entity.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #read} validates the whole request against {@link #model()} before touching the
 *       database and throws {@code InvalidDataException} naming the unknown field or operator.
 *   <li>Rows are {@code ObjectNode}s keyed by snake-case field names; each row has the primary key;
 *       a row has exactly the requested fields (all when none were requested). Never returns null.
 *   <li>Without {@link ReadRequest#withDeleted()}, soft-deleted rows are not returned.
 *   <li>{@link #softDelete} and {@link #restore} are atomic; keys that do not exist, or are already
 *       in the target state, are ignored and absent from the result.
 *   <li>Implementations are thread-safe.
 * </ul>
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface EntityStore {
  /** The entity this store serves. */
  EntityModel model();

  /** Reads rows. See the class comment for the contract. */
  ReadResult read(ReadRequest request);

  /**
   * Marks the records with these primary keys as deleted ({@code deleted_at} = now).
   *
   * @throws io.modlink.core.error.NotAllowedException if the entity has no {@code deleted_at} field
   */
  AffectedKeys softDelete(Collection<?> ids);

  /**
   * Clears {@code deleted_at} of the records with these primary keys.
   *
   * @throws io.modlink.core.error.NotAllowedException if the entity has no {@code deleted_at} field
   */
  AffectedKeys restore(Collection<?> ids);

  /**
   * Whether this store's writes take part in modlink's units of work
   * ({@link io.modlink.core.workflow.Transactions}): true when it writes only through a DataSource
   * modlink hands out (a module's session factory, {@link io.modlink.core.Modlink#dataSource}), so
   * that a rollback undoes them. modlink's own stores return true. When false (the default, the
   * safe answer for a store over a remote service, an index or memory, and for a decorator that does
   * not say), modlink undoes the store's {@link #softDelete} and {@link #restore} calls of a unit
   * of work that rolls back by the opposite call; the opposite of a restore sets a new
   * {@code deleted_at}. A decorator returns what the store it wraps returns.
   */
  default boolean joinsUnitsOfWork() {
    return false;
  }
}
