package io.karavel.protobuf;

/** A body or object {@link KubeProtobuf} cannot convert, with the reason why. */
public class ProtobufException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** Why a conversion failed. */
  public enum Reason {
    /** The body does not start with the bytes {@code k8s\0}. */
    BAD_MAGIC,
    /** No protobuf message is known for the apiVersion and kind. */
    UNKNOWN_KIND,
    /** The bytes are not a valid message (truncated, wrong wire types, invalid values). */
    MALFORMED,
    /** The JSON object has a value the protobuf schema cannot hold (wrong type, bad format). */
    INVALID_OBJECT
  }

  private final Reason reason;

  public ProtobufException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ProtobufException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
