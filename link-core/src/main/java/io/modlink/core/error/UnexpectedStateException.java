package io.modlink.core.error;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * Something failed that the request does not explain: a database or store that refused or failed
 * a read modlink had already validated. Type {@code unexpected_state}. The message names the
 * operation and the database's own message, never the SQL (which is logged at debug level).
 */
@API(status = API.Status.STABLE, since = "0.1")
public class UnexpectedStateException extends ModlinkException {
  private static final long serialVersionUID = 1L;

  public UnexpectedStateException(String message) {
    super(ErrorType.UNEXPECTED_STATE, message, null);
  }

  public UnexpectedStateException(String message, @Nullable Throwable cause) {
    super(ErrorType.UNEXPECTED_STATE, message, cause);
  }
}
