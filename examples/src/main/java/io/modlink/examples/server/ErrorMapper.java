package io.modlink.examples.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.modlink.core.error.ModlinkException;
import java.util.function.BiConsumer;

/**
 * Turns every failure of a request into Medusa's error body {@code {"type", "message"}}:
 * {@code invalid_data} and {@code not_allowed} 400, {@code unauthorized} 401, {@code not_found}
 * 404, {@code conflict} 409, {@code duplicate} 422; anything else is 500 {@code unknown_error}
 * "An unknown error occurred.", logged with its stack trace and never shown in the body.
 */
final class ErrorMapper {
  static final String UNKNOWN = "An unknown error occurred.";

  private final ObjectMapper mapper;
  private final BiConsumer<String, Throwable> log;

  /**
   * @param log where unexpected failures go: a line naming the request, and the exception
   */
  ErrorMapper(ObjectMapper mapper, BiConsumer<String, Throwable> log) {
    this.mapper = mapper;
    this.log = log;
  }

  void handle(Exception e, Context ctx) {
    if (e instanceof HttpProblem problem) {
      send(ctx, problem.status(), problem.type(), problem.getMessage());
    } else if (e instanceof ModlinkException m && status(m) > 0) {
      send(ctx, status(m), m.type().code(), m.getMessage());
    } else if (e instanceof HttpResponseException http && http.getStatus() < 500) {
      send(ctx, http.getStatus(), http.getStatus() == 404 ? "not_found" : "invalid_data", http.getStatus() == 404
          ? "Route " + ctx.method() + " " + ctx.path() + " was not found" : http.getMessage());
    } else {
      log.accept(ctx.method() + " " + ctx.path() + " failed", e);
      send(ctx, 500, "unknown_error", UNKNOWN);
    }
  }

  private static int status(ModlinkException e) {
    return switch (e.type()) {
      case INVALID_DATA, NOT_ALLOWED -> 400;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case DUPLICATE -> 422;
      case UNEXPECTED_STATE -> -1;
    };
  }

  /** A request that matched no route: 404 {@code not_found} naming it. */
  void noRoute(Context ctx) {
    if (ctx.attribute(SENT) == null) {
      send(ctx, 404, "not_found", "Route " + ctx.method() + " " + ctx.path() + " was not found");
    }
  }

  private static final String SENT = "modlink.error";

  private void send(Context ctx, int status, String type, String message) {
    ctx.attribute(SENT, type);
    ObjectNode body = mapper.createObjectNode().put("type", type).put("message", message);
    ctx.status(status).contentType("application/json").result(body.toString());
  }
}
