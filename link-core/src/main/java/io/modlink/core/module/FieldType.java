package io.modlink.core.module;

import org.apiguardian.api.API;

/** The type of an entity field as modlink sees it: what filters accept and how JSON renders it. */
@API(status = API.Status.STABLE, since = "0.1")
public enum FieldType {
  /** Text of any length; JSON string. */
  STRING,
  /** 16- or 32-bit integer; JSON number. */
  INTEGER,
  /** 64-bit integer; JSON number. */
  BIGINT,
  /** JSON boolean. */
  BOOLEAN,
  /** Exact decimal; JSON number. */
  DECIMAL,
  /** Floating point; JSON number. */
  DOUBLE,
  /** An instant (stored as a timestamp); JSON string in ISO-8601, UTC. */
  DATETIME,
  /** A calendar date; JSON string {@code yyyy-MM-dd}. */
  DATE,
  /** An enum stored by name; JSON string. */
  ENUM,
  /** A UUID; JSON string. */
  UUID,
  /** A JSON document (a map, a list or a Jackson node); nested JSON. */
  JSON,
  /** Anything else (e.g. binary); rendered by Jackson's default conversion, not filterable. */
  OTHER;

  /** Whether {@code $gt}, {@code $gte}, {@code $lt}, {@code $lte} apply. */
  public boolean isOrdered() {
    return switch (this) {
      case STRING, INTEGER, BIGINT, DECIMAL, DOUBLE, DATETIME, DATE, UUID -> true;
      default -> false;
    };
  }

  /** Whether {@code $like} and {@code $ilike} apply. */
  public boolean isText() {
    return this == STRING || this == ENUM;
  }

  /** Whether equality and {@code $in} apply. */
  public boolean isComparable() {
    return this != JSON && this != OTHER;
  }
}
