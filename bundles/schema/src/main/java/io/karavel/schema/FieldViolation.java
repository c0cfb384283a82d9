package io.karavel.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One strict-decoding finding in a request body: a field the kind does not declare, or a key that
 * appears twice in one JSON object. Paths use upstream's form, e.g. {@code
 * spec.template.spec.containers[0].foo}.
 *
 * <p>How upstream reports them (kube-apiserver {@code endpoints/handlers}: create.go, update.go,
 * patch.go): with {@code fieldValidation=Strict}, a create or update fails with 400 {@code
 * BadRequest} and the message {@code <Kind> in version "<version>" cannot be handled as a <Kind>: }
 * followed by {@link #strictDecodingError}; a JSON, merge or strategic merge patch fails with 422
 * {@code Invalid} whose single cause is on field {@code patch}, its message ending in {@link
 * #strictDecodingError}. With {@code Warn} (the default when no directive is given) each finding
 * becomes one {@code Warning} header, {@link #warningHeader}. {@code Ignore} drops them.
 *
 * @param kind unknown or duplicate
 * @param path the field path
 */
public record FieldViolation(Kind kind, String path) {

  /** What is wrong with the field. */
  public enum Kind {
    UNKNOWN,
    DUPLICATE
  }

  public static FieldViolation unknown(String path) {
    return new FieldViolation(Kind.UNKNOWN, path);
  }

  public static FieldViolation duplicate(String path) {
    return new FieldViolation(Kind.DUPLICATE, path);
  }

  /**
   * Upstream's text of this finding: {@code unknown field "spec.foo"} or {@code duplicate field
   * "x"}.
   */
  public String message() {
    return (kind == Kind.UNKNOWN ? "unknown field " : "duplicate field ") + goQuote(path);
  }

  /**
   * The whole error text: {@code strict decoding error: unknown field "spec.foo", duplicate field
   * "spec.paused"}, the findings in document order.
   */
  public static String strictDecodingError(List<FieldViolation> violations) {
    return "strict decoding error: "
        + violations.stream().map(FieldViolation::message).collect(Collectors.joining(", "));
  }

  /**
   * The value of the {@code Warning} header for this finding: {@code 299 - "unknown field
   * \"spec.foo\""}.
   */
  public String warningHeader() {
    return "299 - " + goQuote(message());
  }

  /**
   * Quotes like Go's {@code %q}: backslash escapes for quotes, backslashes and control characters.
   */
  static String goQuote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
