package io.modlink.core.error;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The operation conflicts with a constraint or with concurrent work. Type {@code conflict}.
 *
 * <p>{@link #isRetryable()} tells the two apart: a conflict with concurrent work (a deadlock, a
 * serialization failure, a lock that could not be had, a race lost on a unique index) may succeed
 * if the whole operation is run again; a conflict with the data as it is (a side that allows one
 * live partner already has one) fails again until the data changes.
 */
@API(status = API.Status.STABLE, since = "0.1")
public class ConflictException extends ModlinkException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  /** A conflict with the data as it is: not retryable. */
  public ConflictException(String message) {
    this(message, null, false);
  }

  /** A conflict with the data as it is, caused by {@code cause}: not retryable. */
  public ConflictException(String message, @Nullable Throwable cause) {
    this(message, cause, false);
  }

  /**
   * A conflict; {@code retryable} when it was caused by concurrent work, so that running the whole
   * operation again may succeed.
   */
  public ConflictException(String message, @Nullable Throwable cause, boolean retryable) {
    super(ErrorType.CONFLICT, message, cause);
    this.retryable = retryable;
  }

  /**
   * Whether running the whole operation again may succeed: true when it failed because of
   * concurrent work (a deadlock or serialization failure the database broke, a lock wait that timed
   * out, a race lost to another request), after modlink's own retries when it owned the
   * transaction. Run it again from the start, in a new unit of work (for example with
   * {@link io.modlink.core.workflow.Transactions#inRetryingTransaction}); inside a unit of work the
   * unit is spoiled and must end first. False when the conflict is with the data as it is.
   */
  public boolean isRetryable() {
    return retryable;
  }
}
