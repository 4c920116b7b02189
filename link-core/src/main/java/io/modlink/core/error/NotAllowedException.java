package io.modlink.core.error;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** The operation is not allowed on the record in its current state. Type {@code not_allowed}. */
@API(status = API.Status.STABLE, since = "0.1")
public class NotAllowedException extends ModlinkException {
  private static final long serialVersionUID = 1L;

  public NotAllowedException(String message) {
    super(ErrorType.NOT_ALLOWED, message, null);
  }

  public NotAllowedException(String message, @Nullable Throwable cause) {
    super(ErrorType.NOT_ALLOWED, message, cause);
  }
}
