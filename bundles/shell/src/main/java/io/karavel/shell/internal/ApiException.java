package io.karavel.shell.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request the API server refused, carrying its {@code Status}. The message reads as kubectl's:
 * {@code Error from server (NotFound): configmaps "x" not found}.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String reason;
  private final String statusMessage;

  ApiException(int code, String reason, String statusMessage) {
    super(format(code, reason, statusMessage));
    this.code = code;
    this.reason = reason;
    this.statusMessage = statusMessage;
  }

  /** Reads a {@code Status} body; any other body becomes the message as it is. */
  static ApiException of(int code, String body) {
    String reason = "";
    String message = body == null ? "" : body.strip();
    try {
      JsonNode status = Json.MAPPER.readTree(body);
      if (status != null && "Status".equals(status.path("kind").asText())) {
        reason = status.path("reason").asText("");
        message = status.path("message").asText(message);
      }
    } catch (Exception e) {
      // Not JSON: keep the body text.
    }
    return new ApiException(code, reason, message);
  }

  private static String format(int code, String reason, String message) {
    String shown = reason == null || reason.isEmpty() ? defaultReason(code) : reason;
    return "Error from server (" + shown + "): " + message;
  }

  private static String defaultReason(int code) {
    return switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalError";
      case 503 -> "ServiceUnavailable";
      default -> "Unknown";
    };
  }

  int code() {
    return code;
  }

  String reason() {
    return reason;
  }

  String statusMessage() {
    return statusMessage;
  }

  boolean isNotFound() {
    return code == 404;
  }
}
