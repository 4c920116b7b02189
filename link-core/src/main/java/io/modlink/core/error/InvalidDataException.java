package io.modlink.core.error;

import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/** The input is malformed, or names a module, entity, field, key or operator that does not exist. Type {@code invalid_data}. */
@API(status = API.Status.STABLE, since = "0.1")
public class InvalidDataException extends ModlinkException {
  private static final long serialVersionUID = 1L;

  public InvalidDataException(String message) {
    super(ErrorType.INVALID_DATA, message, null);
  }

  public InvalidDataException(String message, @Nullable Throwable cause) {
    super(ErrorType.INVALID_DATA, message, cause);
  }
}
