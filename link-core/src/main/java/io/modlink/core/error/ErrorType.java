package io.modlink.core.error;

import org.apiguardian.api.API;

/**
 * The stable kinds of error. Their {@link #code()} strings are part of the public contract (clients
 * of an HTTP API switch on them), so they never change.
 */
@API(status = API.Status.STABLE, since = "0.1")
public enum ErrorType {
  /** The input is malformed or names something that does not exist in the configuration. */
  INVALID_DATA("invalid_data"),
  /** A record addressed by key does not exist. */
  NOT_FOUND("not_found"),
  /** The operation is not allowed in the current state of the record. */
  NOT_ALLOWED("not_allowed"),
  /** The operation conflicts with concurrent work or with a constraint. */
  CONFLICT("conflict"),
  /** The operation would create a duplicate where one is not allowed. */
  DUPLICATE("duplicate"),
  /**
   * Something failed that the request does not explain: a store or database that is down, a
   * broken invariant. Medusa's {@code unexpected_state}.
   */
  UNEXPECTED_STATE("unexpected_state");

  private final String code;

  ErrorType(String code) {
    this.code = code;
  }

  /** The stable, lower-case code, e.g. {@code invalid_data}. */
  public String code() {
    return code;
  }

  @Override
  public String toString() {
    return code;
  }
}
