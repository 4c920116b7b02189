package io.modlink.core.storage;

import org.apiguardian.api.API;

/** Which {@link SyncAction}s {@link LinkSchemaSync#apply} runs. */
@API(status = API.Status.STABLE, since = "0.1")
public enum SyncMode {
  /** Create, rename and update: what start-up does by default. Never drops or alters. */
  SAFE,
  /** Everything, including {@link SyncKind#NOTIFY} and {@link SyncKind#DELETE}. Must be asked for explicitly. */
  ALL
}
