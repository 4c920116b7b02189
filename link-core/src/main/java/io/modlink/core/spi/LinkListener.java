package io.modlink.core.spi;

import io.modlink.core.link.LinkRecord;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Notified after a link change has committed. Called on the thread that made the change; an
 * exception thrown here is logged and does not undo the change. Implementations must be thread-safe.
 */
@API(status = API.Status.STABLE, since = "0.1")
public interface LinkListener {
  /** Links created, revived or restored. */
  default void attached(List<LinkRecord> links) {}

  /** Links dismissed, or soft-deleted by a cascade. */
  default void detached(List<LinkRecord> links) {}
}
