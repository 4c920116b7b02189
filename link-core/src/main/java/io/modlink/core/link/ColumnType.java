package io.modlink.core.link;

import org.apiguardian.api.API;

/** The types an extra column of a link table may have (Medusa's {@code extraColumns} types). */
@API(status = API.Status.STABLE, since = "0.1")
public enum ColumnType {
  /** Short text (varchar 255). */
  STRING,
  /** Text of any length. */
  TEXT,
  /** 32-bit integer. */
  INTEGER,
  /** 64-bit integer. */
  BIGINT,
  BOOLEAN,
  /** Exact decimal. */
  DECIMAL,
  /** Double-precision floating point. */
  DOUBLE,
  /** A timestamp with time zone. */
  DATETIME,
  /** A JSON document. */
  JSON
}
