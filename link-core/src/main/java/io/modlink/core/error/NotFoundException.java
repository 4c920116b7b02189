package io.modlink.core.error;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** A record addressed by its key does not exist. Type {@code not_found}. */
@API(status = API.Status.STABLE, since = "0.1")
public class NotFoundException extends ModlinkException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(ErrorType.NOT_FOUND, message, null);
  }

  public NotFoundException(String message, @Nullable Throwable cause) {
    super(ErrorType.NOT_FOUND, message, cause);
  }
}
