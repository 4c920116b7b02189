package io.modlink.testing;

import org.apiguardian.api.API;

/** The failure a test injects on purpose (for instance through {@link StatementFaults}). */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InjectedFault extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InjectedFault(String message) {
    super(message, null, false, false);
  }

  /** Whether {@code failure} is an injected fault or was caused, at any depth, by one. */
  public static boolean isIn(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InjectedFault) {
        return true;
      }
      if (t.getCause() == t) {
        return false;
      }
    }
    return false;
  }
}
