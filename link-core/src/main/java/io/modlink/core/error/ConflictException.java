package io.modlink.core.error;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** The operation conflicts with a constraint or with concurrent work. Type {@code conflict}. */
@API(status = API.Status.STABLE, since = "0.1")
public class ConflictException extends ModlinkException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(ErrorType.CONFLICT, message, null);
  }

  public ConflictException(String message, @Nullable Throwable cause) {
    super(ErrorType.CONFLICT, message, cause);
  }
}
