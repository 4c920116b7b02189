package io.modlink.core.workflow;

import java.util.function.Consumer;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Units of work: one database transaction per DataSource, shared by everything that runs inside.
 * Obtain it from {@link io.modlink.core.Modlink#transactions()} (or inject it).
 *
 * <pre>{@code
 * modlink.inTransaction(tx -> {
 *   SalesChannelRecord web = salesChannels.create(CreateSalesChannel.named("Web"));
 *   modlink.link().create(Map.of(
 *       "api_key", Map.of("api_key_id", key.id()),
 *       "sales_channel", Map.of("sales_channel_id", web.id())));
 * });   // both rows commit together, or neither does
 * }</pre>
 *
 * <h2>What joins a unit of work</h2>
 * Inside {@link #inTransaction} every DataSource modlink hands out (the modules' Hibernate session
 * factories, their {@link io.modlink.core.spi.EntityStore stores}, the link tables, graph queries,
 * and {@link io.modlink.core.Modlink#dataSource(String)} for a module's own JDBC) returns the one
 * connection the unit holds for that DataSource, opened on first use with auto-commit off. Code
 * needs no change to take part: a Hibernate transaction begun inside commits nothing (its
 * {@code commit()} is absorbed), a {@code rollback()} marks the whole unit rollback-only, and
 * {@code close()} leaves the connection to the unit. Calls made outside a unit of work behave as
 * they always do, each atomic on its own.
 *
 * <h2>Outcome</h2>
 * <ul>
 *   <li>When the work returns, each connection commits, in the order the unit first used them;
 *       when it throws, each rolls back and the exception is rethrown.
 *   <li>A unit started inside another joins it: the outer one decides. A failure that escapes the
 *       inner one, or a {@code rollback()} on one of its connections, marks the whole unit
 *       rollback-only: if the outer work then returns normally, everything is rolled back and an
 *       {@link IllegalStateException} says which failure was swallowed. {@link UnitOfWork#setRollbackOnly()}
 *       rolls back silently.
 *   <li>Graph queries run their hops on the calling thread inside a unit (one connection serves
 *       one thread), so they see what the unit wrote. Work handed to other threads does not join.
 * </ul>
 *
 * <h2>Concurrency</h2>
 * A unit of work holds the row locks its writes take until it ends. modlink's own writes take
 * them in one order (see {@link io.modlink.core.link.Link}), and when modlink owns the transaction
 * it runs a call again after a deadlock or serialization failure; inside a unit of work it cannot,
 * so such a failure surfaces as a retryable {@link io.modlink.core.error.ConflictException}:
 * use {@link #inRetryingTransaction} to run the whole unit again.
 *
 * <h2>Atomicity</h2>
 * Where every module and the link tables share one DataSource ({@link #isAtomic()}, the default
 * configuration), a unit of work is one database transaction: all or nothing, by the database.
 * Across several DataSources it is <b>not atomic</b>: each database rolls back what it did if the
 * work fails, but the commits happen one after the other, and if a later one fails the earlier
 * ones stay committed (the exception names both). modlink does no two-phase commit; a
 * {@link Workflow} over several DataSources undoes completed steps by compensation instead.
 *
 * <p>Thread-safe: each thread has its own unit of work.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Transactions {
  /**
   * Runs {@code work} in a unit of work: a new one, or the one already bound to this thread.
   *
   * @throws IllegalStateException if the work returned but a failure inside it had marked the
   *     unit rollback-only (everything was rolled back), or if committing failed; see the class
   *     comment for a commit that fails on one database after another one committed
   */
  void inTransaction(Consumer<UnitOfWork> work);

  /** As {@link #inTransaction}, returning what {@code work} returns. */
  <T> T fromTransaction(Function<UnitOfWork, T> work);

  /**
   * As {@link #inTransaction}, and when the unit of work fails because of concurrent work (a
   * deadlock or serialization failure the database broke, a lock wait that timed out, a
   * {@link io.modlink.core.error.ConflictException#isRetryable() retryable} conflict from a modlink
   * call inside), rolls it back and runs {@code work} again in a new unit of work: up to 5 attempts
   * in all, after a short random pause each time. Any other failure rolls back and propagates at
   * once.
   *
   * <p>{@code work} must be safe to run again from the start: everything it wrote to the databases
   * is rolled back between attempts, but what it did elsewhere is not (do that in
   * {@link UnitOfWork#afterCommit}, or undo it in {@link UnitOfWork#afterRollback}).
   *
   * <p>Called inside another unit of work, it joins that unit and runs {@code work} once: a unit that
   * met a concurrency failure is spoiled and only its owner can start over, so the failure surfaces
   * as a retryable {@link io.modlink.core.error.ConflictException}.
   *
   * @throws io.modlink.core.error.ConflictException with {@code isRetryable()} true when the last
   *     attempt still failed because of concurrent work; nothing of any attempt was committed
   */
  void inRetryingTransaction(Consumer<UnitOfWork> work);

  /** As {@link #inRetryingTransaction}, returning what {@code work} returns. */
  <T> T fromRetryingTransaction(Function<UnitOfWork, T> work);

  /** Whether a unit of work is bound to the calling thread. */
  boolean isActive();

  /**
   * Whether a unit of work is atomic: every installed module and the link tables use one
   * DataSource, so one database transaction covers them all.
   */
  boolean isAtomic();

  /**
   * The database transactions begun through modlink's DataSources since this {@code Modlink} was
   * built: each connection a unit of work opens (one per DataSource it uses), and each connection
   * taken outside any unit of work (at least one transaction each, in auto-commit). Read it before
   * and after a call to count what the call cost, as tests and {@code ./modlink bench links} do; calls
   * on other threads meanwhile count too.
   */
  long transactionsBegun();
}
