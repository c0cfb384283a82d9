package io.karavel.patch;

/**
 * A patch that cannot be applied, with the HTTP code, {@code Status} reason and message
 * kube-apiserver answers for it ({@code endpoints/handlers/patch.go}):
 *
 * <ul>
 *   <li>400 {@code BadRequest}: the patch document cannot be decoded (not JSON, not a JSON patch
 *       array, an operation without {@code op}/{@code path}, a malformed directive); the message is
 *       the decoder's.
 *   <li>422 {@code Invalid}: a well-formed JSON patch that fails on the object (a failing {@code
 *       test}, a missing path, an index out of range). Upstream answers these through {@code
 *       NewGenericServerResponse}, whose message is the fixed "the server rejected our request due
 *       to an error in our request"; {@link #detail()} keeps the specific reason.
 *   <li>422 {@code Invalid}: a strategic merge patch with lists of lists or with keys outside its
 *       {@code $retainKeys}.
 *   <li>413 {@code RequestEntityTooLarge}: a JSON patch of more than 10,000 operations.
 *   <li>500 {@code InternalError}: other strategic merge patch failures (a list item without its
 *       merge key), which upstream passes on as plain errors.
 * </ul>
 */
public class PatchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int code;
  private final String reason;
  private final String detail;

  public PatchException(int code, String reason, String message, String detail) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.detail = detail;
  }

  /** 400 BadRequest with the decoder's message. */
  public static PatchException badRequest(String message) {
    return new PatchException(400, "BadRequest", message, message);
  }

  /** 422 Invalid as upstream's generic server response: fixed message, specific detail. */
  public static PatchException unprocessable(String detail) {
    return new PatchException(
        422, "Invalid", "the server rejected our request due to an error in our request", detail);
  }

  /** 500 InternalError as upstream reports a plain error. */
  public static PatchException internal(String detail) {
    return new PatchException(500, "InternalError", "Internal error occurred: " + detail, detail);
  }

  /** The HTTP status code. */
  public int code() {
    return code;
  }

  /** The {@code Status.reason}: {@code BadRequest}, {@code Invalid}, ... */
  public String reason() {
    return reason;
  }

  /** The specific cause, for logs and for a {@code details.causes} entry. */
  public String detail() {
    return detail;
  }
}
