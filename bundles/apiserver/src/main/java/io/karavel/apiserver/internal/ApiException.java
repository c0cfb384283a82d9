package io.karavel.apiserver.internal;

import io.karavel.apiserver.spi.FieldError;
import java.util.List;

/**
 * A request failure that becomes a {@code meta.k8s.io/v1 Status} with the given code and reason.
 * The factory methods produce upstream's messages for the common cases.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int code;
  private final String reason;
  private final transient StatusDetails details;

  /** The {@code details} of a Status. Any field may be null. */
  public record StatusDetails(
      String name, String group, String kind, String uid, List<Cause> causes, Integer retryAfter) {}

  /** One {@code details.causes} entry. */
  public record Cause(String reason, String message, String field) {}

  public ApiException(int code, String reason, String message, StatusDetails details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  public ApiException(int code, String reason, String message) {
    this(code, reason, message, null);
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public StatusDetails details() {
    return details;
  }

  private static StatusDetails named(String name, String group, String resource) {
    return new StatusDetails(name, group, resource, null, null, null);
  }

  public static ApiException notFound(String group, String resource, String name) {
    return new ApiException(
        404,
        "NotFound",
        qualified(resource, group) + " \"" + name + "\" not found",
        named(name, group, resource));
  }

  public static ApiException alreadyExists(String group, String resource, String name) {
    return new ApiException(
        409,
        "AlreadyExists",
        qualified(resource, group) + " \"" + name + "\" already exists",
        named(name, group, resource));
  }

  public static ApiException conflict(String group, String resource, String name, String why) {
    return new ApiException(
        409,
        "Conflict",
        "Operation cannot be fulfilled on "
            + qualified(resource, group)
            + " \""
            + name
            + "\": "
            + why,
        named(name, group, resource));
  }

  public static ApiException modified(String group, String resource, String name) {
    return conflict(
        group,
        resource,
        name,
        "the object has been modified; please apply your changes to the latest version and try"
            + " again");
  }

  public static ApiException invalid(
      String group, String kind, String name, List<FieldError> errors) {
    StringBuilder msg = new StringBuilder();
    msg.append(group.isEmpty() ? kind : kind + "." + group)
        .append(" \"")
        .append(name)
        .append("\" is invalid: ");
    if (errors.size() == 1) {
      FieldError e = errors.get(0);
      msg.append(e.field()).append(": ").append(e.message());
    } else {
      msg.append('[');
      for (int i = 0; i < errors.size(); i++) {
        FieldError e = errors.get(i);
        msg.append(i == 0 ? "" : ", ").append(e.field()).append(": ").append(e.message());
      }
      msg.append(']');
    }
    List<Cause> causes =
        errors.stream().map(e -> new Cause(e.type(), e.message(), e.field())).toList();
    return new ApiException(
        422, "Invalid", msg.toString(), new StatusDetails(name, group, kind, null, causes, null));
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequest", message);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, "Forbidden", message);
  }

  public static ApiException methodNotAllowed(String message) {
    return new ApiException(405, "MethodNotAllowed", message);
  }

  public static ApiException gone(String message) {
    return new ApiException(410, "Expired", message);
  }

  public static ApiException unsupportedMediaType(String contentType) {
    return new ApiException(
        415,
        "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted"
            + " media types include: application/json, application/yaml,"
            + " application/vnd.kubernetes.protobuf"
            + (contentType == null ? "" : ""));
  }

  public static ApiException tooManyRequests(String message, int retryAfterSeconds) {
    return new ApiException(
        429,
        "TooManyRequests",
        message,
        new StatusDetails(null, null, null, null, null, retryAfterSeconds));
  }

  public static ApiException internal(String message) {
    return new ApiException(500, "InternalError", "Internal error occurred: " + message);
  }

  public static ApiException unavailable(String message) {
    return new ApiException(503, "ServiceUnavailable", message);
  }

  public static ApiException timeout(String message) {
    return new ApiException(504, "Timeout", message);
  }

  static String qualified(String resource, String group) {
    return group == null || group.isEmpty() ? resource : resource + "." + group;
  }
}
