package io.modlink.core.error;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** The operation would create a duplicate where one is not allowed. Type {@code duplicate}. */
@API(status = API.Status.STABLE, since = "0.1")
public class DuplicateException extends ModlinkException {
  private static final long serialVersionUID = 1L;

  public DuplicateException(String message) {
    super(ErrorType.DUPLICATE, message, null);
  }

  public DuplicateException(String message, @Nullable Throwable cause) {
    super(ErrorType.DUPLICATE, message, cause);
  }
}
