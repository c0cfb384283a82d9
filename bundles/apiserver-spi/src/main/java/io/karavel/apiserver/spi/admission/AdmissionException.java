package io.karavel.apiserver.spi.admission;

/**
 * A plugin refuses a write. The API server answers with a {@code Status} of this code and reason
 * (by default 403 {@code Forbidden}, as upstream's admission errors).
 */
public class AdmissionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int code;
  private final String reason;

  public AdmissionException(String message) {
    this(403, "Forbidden", message);
  }

  public AdmissionException(int code, String reason, String message) {
    super(message);
    this.code = code;
    this.reason = reason;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }
}
