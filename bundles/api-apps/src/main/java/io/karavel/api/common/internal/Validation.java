package io.karavel.api.common.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.apiserver.spi.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Upstream's field validators ({@code apimachinery/pkg/util/validation}) and their messages. */
public final class Validation {
  private Validation() {}

  public static final String IMMUTABLE = "field is immutable";

  private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern DNS1123_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern QUALIFIED_NAME =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern PERCENT = Pattern.compile("[0-9]+%");

  /** An Invalid error whose value is already rendered (see {@link GoValues}). */
  public static FieldError invalidRaw(String field, String renderedValue, String detail) {
    return new FieldError(
        "FieldValueInvalid", field, "Invalid value: " + renderedValue + ": " + detail);
  }

  /** Upstream's {@code ValidateNonnegativeField} for an optional integer field. */
  public static void nonNegative(JsonNode parent, String name, String path, List<FieldError> out) {
    JsonNode v = parent.get(name);
    if (v != null && v.isNumber() && v.asLong() < 0) {
      out.add(FieldError.invalid(path, v.asLong(), "must be greater than or equal to 0"));
    }
  }

  public static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      errs.add(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-',"
              + " and must start and end with an alphanumeric character "
              + examples(DNS1123_LABEL.pattern(), "my-name", "123-abc"));
    }
    return errs;
  }

  public static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 253) {
      errs.add(maxLen(253));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-'"
              + " or '.', and must start and end with an alphanumeric character "
              + examples(DNS1123_SUBDOMAIN.pattern(), "example.com"));
    }
    return errs;
  }

  /** Upstream's {@code IsQualifiedName}: label keys, reporting controllers. */
  public static List<String> qualifiedName(String value) {
    List<String> errs = new ArrayList<>();
    String[] parts = value.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      name = parts[1];
      if (parts[0].isEmpty()) {
        errs.add("prefix part must be non-empty");
      } else {
        for (String m : dns1123Subdomain(parts[0])) {
          errs.add("prefix part " + m);
        }
      }
    } else {
      errs.add(
          "a qualified name "
              + QUALIFIED_NAME_MSG
              + " "
              + examples(QUALIFIED_NAME.pattern(), "MyName", "my.name", "123-abc")
              + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
      return errs;
    }
    if (name.isEmpty()) {
      errs.add("name part must be non-empty");
    } else if (name.length() > 63) {
      errs.add("name part " + maxLen(63));
    }
    if (!QUALIFIED_NAME.matcher(name).matches()) {
      errs.add(
          "name part "
              + QUALIFIED_NAME_MSG
              + " "
              + examples(QUALIFIED_NAME.pattern(), "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  private static final String QUALIFIED_NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";

  public static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>();
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_'"
              + " or '.', and must start and end with an alphanumeric character "
              + examples(LABEL_VALUE.pattern(), "MyValue", "my_value", "12345"));
    }
    return errs;
  }

  /** Upstream's {@code ValidatePathSegmentName} (RBAC names). */
  public static List<String> pathSegmentName(String value) {
    if (value.equals(".")) {
      return List.of("may not be '.'");
    }
    if (value.equals("..")) {
      return List.of("may not be '..'");
    }
    List<String> errs = new ArrayList<>();
    if (value.contains("/")) {
      errs.add("may not contain '/'");
    }
    if (value.contains("%")) {
      errs.add("may not contain '%'");
    }
    return errs;
  }

  /** Upstream's {@code ValidatePositiveIntOrPercent}; unset values are fine. */
  public static void intOrPercent(JsonNode v, String path, List<FieldError> out) {
    if (v == null || v.isNull()) {
      return;
    }
    if (v.isTextual()) {
      if (!PERCENT.matcher(v.asText()).matches()) {
        out.add(
            FieldError.invalid(
                path,
                v.asText(),
                "a valid percent string must be a numeric string followed by an ending '%' "
                    + examples(PERCENT.pattern(), "1%", "93%")));
      }
    } else if (v.isIntegralNumber()) {
      if (v.asLong() < 0) {
        out.add(FieldError.invalid(path, v.asLong(), "must be greater than or equal to 0"));
      }
    } else {
      out.add(invalidRaw(path, GoValues.scalar(v), "must be an integer or percentage (e.g '5%')"));
    }
  }

  /** Upstream's {@code IsNotMoreThan100Percent}. */
  public static void notMoreThan100Percent(JsonNode v, String path, List<FieldError> out) {
    if (v != null && v.isTextual() && PERCENT.matcher(v.asText()).matches()) {
      long pct = Long.parseLong(v.asText().substring(0, v.asText().length() - 1));
      if (pct > 100) {
        out.add(FieldError.invalid(path, v.asText(), "must not be greater than 100%"));
      }
    }
  }

  /** The numeric part of an int-or-percent (0 when unset or malformed). */
  public static long intOrPercentValue(JsonNode v) {
    if (v == null || v.isNull()) {
      return 0;
    }
    if (v.isTextual()) {
      String s = v.asText();
      if (PERCENT.matcher(s).matches()) {
        return Long.parseLong(s.substring(0, s.length() - 1));
      }
      return 0;
    }
    return v.asLong();
  }

  /** An Invalid "field is immutable" error if the field changed. */
  public static void immutable(
      JsonNode now, JsonNode old, String path, String rendered, List<FieldError> out) {
    if (!Nodes.same(now, old)) {
      out.add(invalidRaw(path, rendered, IMMUTABLE));
    }
  }

  public static String maxLen(int max) {
    return "must be no more than " + max + " characters";
  }

  private static String examples(String regex, String... examples) {
    StringBuilder sb = new StringBuilder("(e.g. ");
    for (int i = 0; i < examples.length; i++) {
      sb.append(i == 0 ? "" : ",  or ").append('\'').append(examples[i]).append('\'');
    }
    return sb.append(", regex used for validation is '").append(regex).append("')").toString();
  }
}
