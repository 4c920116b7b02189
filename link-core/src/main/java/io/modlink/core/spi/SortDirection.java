package io.modlink.core.spi;

import org.apiguardian.api.API;

/** The direction of one ordering key. */
@API(status = API.Status.STABLE, since = "0.1")
public enum SortDirection {
  ASC,
  DESC
}
