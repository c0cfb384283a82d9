package io.karavel.store.etcd.internal;

import io.etcd.jetcd.common.exception.ClosedClientException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sorts what jetcd and gRPC report into the cases the storage SPI distinguishes. etcd signals most
 * of them only through the gRPC status description ({@code rpctypes} in etcd's source), so the
 * messages are matched as etcd 3.4 and 3.5 spell them.
 */
final class EtcdErrors {

  /** What a failure means to the SPI. */
  enum Kind {
    /** {@code ErrCompacted}: the requested revision is gone. */
    COMPACTED,
    /** {@code ErrFutureRev}: the requested revision is newer than the store's. */
    FUTURE_REVISION,
    /** {@code ErrRequestTooLarge}, or gRPC refused a message above the server's limit. */
    TOO_LARGE,
    /** No answer, no leader, no space, closed client: try again later. */
    UNAVAILABLE,
    /** Anything else, a bug or a misconfiguration (permissions, for example). */
    OTHER
  }

  static final String COMPACTED_MESSAGE = "required revision has been compacted";
  static final String FUTURE_REVISION_MESSAGE = "required revision is a future revision";
  static final String TOO_LARGE_MESSAGE = "request is too large";
  static final String GRPC_TOO_LARGE_MESSAGE = "larger than max";

  private EtcdErrors() {}

  /** The failure behind the wrappers that futures add. */
  static Throwable unwrap(Throwable t) {
    Throwable current = t;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  static Kind kind(Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof io.etcd.jetcd.common.exception.CompactedException) {
      return Kind.COMPACTED;
    }
    if (t instanceof ClosedClientException) {
      return Kind.UNAVAILABLE;
    }
    String message = String.valueOf(t.getMessage());
    if (message.contains(COMPACTED_MESSAGE)) {
      return Kind.COMPACTED;
    }
    if (message.contains(FUTURE_REVISION_MESSAGE)) {
      return Kind.FUTURE_REVISION;
    }
    if (message.contains(TOO_LARGE_MESSAGE)) {
      return Kind.TOO_LARGE;
    }
    ErrorCode code = code(t);
    if (code == ErrorCode.RESOURCE_EXHAUSTED && message.contains(GRPC_TOO_LARGE_MESSAGE)) {
      return Kind.TOO_LARGE;
    }
    if (code == null) {
      return Kind.OTHER;
    }
    return switch (code) {
      // RESOURCE_EXHAUSTED is also etcd's "database space exceeded" (the NOSPACE alarm).
      case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, ABORTED, RESOURCE_EXHAUSTED ->
          Kind.UNAVAILABLE;
      default -> Kind.OTHER;
    };
  }

  private static ErrorCode code(Throwable t) {
    if (t instanceof EtcdException e) {
      return e.getErrorCode();
    }
    Status status = Status.fromThrowable(t);
    if (status.getCode() == Status.Code.UNKNOWN && status.getCause() == t) {
      return null;
    }
    return ErrorCode.valueOf(status.getCode().name());
  }

  /** A short description for an exception message. */
  static String describe(Throwable failure) {
    Throwable t = unwrap(failure);
    String message = t.getMessage();
    return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
  }
}
