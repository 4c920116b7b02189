package io.modlink.core.workflow;

import org.apiguardian.api.API;

/**
 * The unit of work a {@link Transactions#inTransaction} call runs in. Valid only on its thread
 * and until the call returns.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface UnitOfWork {
  /** Rolls the unit back when it ends, without an exception. */
  void setRollbackOnly();

  /** Whether the unit will roll back when it ends. */
  boolean isRollbackOnly();

  /**
   * Runs {@code action} after the unit commits (never if it rolls back), outside any unit of work
   * and on this thread. An exception it throws is logged; the commit stands.
   */
  void afterCommit(Runnable action);

  /**
   * Runs {@code action} after the unit rolls back (never if it commits), outside any unit of work
   * and on this thread: the place to undo what the databases cannot, such as a call to a remote
   * service. An exception it throws is added to the failure as a suppressed exception (or logged
   * after {@link #setRollbackOnly()}).
   */
  void afterRollback(Runnable action);
}
