package io.modlink.core.storage;

import org.apiguardian.api.API;

/** What a {@link SyncAction} does to a link table. */
@API(status = API.Status.STABLE, since = "0.1")
public enum SyncKind {
  /** Create a table for a new link. Safe. */
  CREATE(true),
  /** Add columns or indexes to an existing table. Safe. */
  UPDATE(true),
  /** Rename the table of a link whose sides are unchanged but whose table name changed. Safe. */
  RENAME(true),
  /** Drop or alter columns or indexes: may lose data, so only applied when asked ({@link SyncMode#ALL}). */
  NOTIFY(false),
  /** Drop a tracked table whose link is no longer declared. Only applied when asked ({@link SyncMode#ALL}). */
  DELETE(false),
  /** Nothing to do. */
  NOOP(true);

  private final boolean safe;

  SyncKind(boolean safe) {
    this.safe = safe;
  }

  /** Whether the action is applied by {@link SyncMode#SAFE}. */
  public boolean isSafe() {
    return safe;
  }
}
