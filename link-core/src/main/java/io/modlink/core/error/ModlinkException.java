package io.modlink.core.error;

import java.util.Objects;
import org.apiguardian.api.API;
import org.jspecify.annotations.Nullable;

/**
 * The root of modlink's exceptions. Unchecked; each subtype has a fixed {@link #type()}.
 *
 * <p>Messages are factual and name the offending value, what was expected, and what to do.
 */
@API(status = API.Status.STABLE, since = "0.1")
public abstract class ModlinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorType type;

  protected ModlinkException(ErrorType type, String message, @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.type = Objects.requireNonNull(type, "type");
  }

  /** The stable kind of this error. */
  public ErrorType type() {
    return type;
  }
}
