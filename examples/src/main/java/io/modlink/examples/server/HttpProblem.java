package io.modlink.examples.server;

/**
 * An error of the HTTP layer itself, with its status and Medusa's {@code type}: a missing or wrong
 * credential, a malformed body or query string. Errors of the modules are {@code ModlinkException}s,
 * mapped by {@link ErrorMapper}.
 */
final class HttpProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  HttpProblem(int status, String type, String message) {
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  /** 400 {@code invalid_data}: the request is malformed; the message names the field. */
  static HttpProblem invalid(String message) {
    return new HttpProblem(400, "invalid_data", message);
  }

  /** 400 {@code not_allowed}. */
  static HttpProblem notAllowed(String message) {
    return new HttpProblem(400, "not_allowed", message);
  }

  /** 401 {@code unauthorized}. */
  static HttpProblem unauthorized() {
    return new HttpProblem(401, "unauthorized", "Unauthorized");
  }

  int status() {
    return status;
  }

  String type() {
    return type;
  }
}
