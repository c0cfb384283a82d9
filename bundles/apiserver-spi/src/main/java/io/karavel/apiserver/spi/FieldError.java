package io.karavel.apiserver.spi;

/**
 * One validation failure, reported in a 422 {@code Invalid} Status as a {@code details.causes}
 * entry.
 *
 * @param type the cause reason, e.g. {@code FieldValueRequired}
 * @param field the JSON path of the field, e.g. {@code spec.containers[0].name}
 * @param message the human message, e.g. {@code Required value}
 */
public record FieldError(String type, String field, String message) {

  public static FieldError required(String field, String detail) {
    return new FieldError(
        "FieldValueRequired", field, "Required value" + (detail.isEmpty() ? "" : ": " + detail));
  }

  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(
        "FieldValueInvalid", field, "Invalid value: " + quote(value) + ": " + detail);
  }

  public static FieldError notSupported(String field, Object value, java.util.List<String> valid) {
    StringBuilder sb = new StringBuilder("Unsupported value: " + quote(value));
    if (!valid.isEmpty()) {
      sb.append(": supported values: ");
      for (int i = 0; i < valid.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append('"').append(valid.get(i)).append('"');
      }
    }
    return new FieldError("FieldValueNotSupported", field, sb.toString());
  }

  public static FieldError duplicate(String field, Object value) {
    return new FieldError("FieldValueDuplicate", field, "Duplicate value: " + quote(value));
  }

  public static FieldError forbidden(String field, String detail) {
    return new FieldError("FieldValueForbidden", field, "Forbidden: " + detail);
  }

  public static FieldError tooLong(String field, int max) {
    return new FieldError(
        "FieldValueTooLong", field, "Too long: may not be more than " + max + " bytes");
  }

  private static String quote(Object value) {
    return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
  }
}
