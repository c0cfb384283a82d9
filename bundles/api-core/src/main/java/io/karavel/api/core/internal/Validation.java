package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.apiserver.spi.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Upstream's field validators ({@code apimachinery/pkg/util/validation}) and their messages. Each
 * {@code is*} method returns the problems with a value (empty when valid); the other methods add
 * {@link FieldError}s to a list.
 */
final class Validation {
  private Validation() {}

  static final String IMMUTABLE = "field is immutable";

  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_SUBDOMAIN_FMT =
      DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  private static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";

  private static final Pattern DNS1123_LABEL = Pattern.compile(DNS1123_LABEL_FMT);
  private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(DNS1123_SUBDOMAIN_FMT);
  private static final Pattern DNS1035_LABEL = Pattern.compile(DNS1035_LABEL_FMT);
  private static final Pattern QUALIFIED_NAME = Pattern.compile(QUALIFIED_NAME_FMT);
  private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
  private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);
  private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");

  private static final String QUALIFIED_NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an"
          + " alphanumeric character";

  // ---- value checks ----

  static List<String> dns1123Label(String value) {
    List<String> errs = new ArrayList<>(1);
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!DNS1123_LABEL.matcher(value).matches()) {
      if (DNS1123_SUBDOMAIN.matcher(value).matches()) {
        errs.add("must not contain dots");
      } else {
        errs.add(
            regexError(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
                    + " '-', and must start and end with an alphanumeric character",
                DNS1123_LABEL_FMT,
                "my-name",
                "123-abc"));
      }
    }
    return errs;
  }

  static List<String> dns1123Subdomain(String value) {
    List<String> errs = new ArrayList<>(1);
    if (value.length() > 253) {
      errs.add(maxLen(253));
    }
    if (!DNS1123_SUBDOMAIN.matcher(value).matches()) {
      errs.add(
          regexError(
              "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
                  + " '-' or '.', and must start and end with an alphanumeric character",
              DNS1123_SUBDOMAIN_FMT,
              "example.com"));
    }
    return errs;
  }

  static List<String> dns1035Label(String value) {
    List<String> errs = new ArrayList<>(1);
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!DNS1035_LABEL.matcher(value).matches()) {
      errs.add(
          regexError(
              "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
                  + " with an alphabetic character, and end with an alphanumeric character",
              DNS1035_LABEL_FMT,
              "my-name",
              "abc-123"));
    }
    return errs;
  }

  /** Upstream's {@code IsQualifiedName}: label keys, resource names, finalizers. */
  static List<String> qualifiedName(String value) {
    List<String> errs = new ArrayList<>(1);
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
              + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc")
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
              + regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName", "my.name", "123-abc"));
    }
    return errs;
  }

  static List<String> labelValue(String value) {
    List<String> errs = new ArrayList<>(1);
    if (value.length() > 63) {
      errs.add(maxLen(63));
    }
    if (!LABEL_VALUE.matcher(value).matches()) {
      errs.add(
          regexError(
              "a valid label must be an empty string or consist of alphanumeric characters, '-',"
                  + " '_' or '.', and must start and end with an alphanumeric character",
              LABEL_VALUE_FMT,
              "MyValue",
              "my_value",
              "12345"));
    }
    return errs;
  }

  /** Upstream's {@code IsValidPortName} (IANA service names). */
  static List<String> portName(String port) {
    List<String> errs = new ArrayList<>(1);
    if (port.length() > 15) {
      errs.add(maxLen(15));
    }
    if (!PORT_NAME_CHARS.matcher(port).matches()) {
      errs.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (port.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
      errs.add("must contain at least one letter (a-z)");
    }
    if (port.contains("--")) {
      errs.add("must not contain consecutive hyphens");
    }
    if (!port.isEmpty() && (port.charAt(0) == '-' || port.charAt(port.length() - 1) == '-')) {
      errs.add("must not begin or end with a hyphen");
    }
    return errs;
  }

  static List<String> configMapKey(String value) {
    List<String> errs = new ArrayList<>(1);
    if (value.length() > 253) {
      errs.add(maxLen(253));
    }
    if (!CONFIG_KEY.matcher(value).matches()) {
      errs.add(
          regexError(
              "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
              CONFIG_KEY_FMT,
              "key.name",
              "KEY_NAME",
              "key-name"));
    }
    if (value.equals(".")) {
      errs.add("must not be '.'");
    } else if (value.equals("..")) {
      errs.add("must not be '..'");
    } else if (value.startsWith("..")) {
      errs.add("must not start with '..'");
    }
    return errs;
  }

  /**
   * Upstream's relaxed environment variable name rule (RelaxedEnvironmentVariableValidation, beta
   * and on by default in 1.32): printable ASCII except '='.
   */
  static List<String> envVarName(String value) {
    List<String> errs = new ArrayList<>(1);
    if (value.isEmpty()) {
      errs.add("environment variable name must be non-empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '=') {
        errs.add(
            "a valid environment variable name must consist only of printable ASCII characters"
                + " other than '='");
        break;
      }
    }
    return errs;
  }

  static boolean validPort(long port) {
    return port >= 1 && port <= 65535;
  }

  static String inclusiveRange(long lo, long hi) {
    return "must be between " + lo + " and " + hi + ", inclusive";
  }

  static String maxLen(int max) {
    return "must be no more than " + max + " characters";
  }

  private static String regexError(String msg, String regex, String... examples) {
    StringBuilder sb = new StringBuilder(msg).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      sb.append(i == 0 ? "" : " or ").append('\'').append(examples[i]).append("', ");
    }
    return sb.append("regex used for validation is '").append(regex).append("')").toString();
  }

  // ---- field checks ----

  /** An Invalid error whose value is already rendered (see {@link GoValues}). */
  static FieldError invalidRaw(String field, String renderedValue, String detail) {
    return new FieldError(
        "FieldValueInvalid", field, "Invalid value: " + renderedValue + ": " + detail);
  }

  static FieldError notFound(String field, String value) {
    return new FieldError("FieldValueNotFound", field, "Not found: " + GoValues.quote(value));
  }

  /** A Duplicate error whose value is already rendered, with an optional detail. */
  static FieldError duplicateRaw(String field, String renderedValue, String detail) {
    return new FieldError(
        "FieldValueDuplicate",
        field,
        "Duplicate value: " + renderedValue + (detail.isEmpty() ? "" : ": " + detail));
  }

  static void dns1123Label(String value, String path, List<FieldError> out) {
    for (String m : dns1123Label(value)) {
      out.add(FieldError.invalid(path, value, m));
    }
  }

  static void dns1123Subdomain(String value, String path, List<FieldError> out) {
    for (String m : dns1123Subdomain(value)) {
      out.add(FieldError.invalid(path, value, m));
    }
  }

  static void qualifiedName(String value, String path, List<FieldError> out) {
    for (String m : qualifiedName(value)) {
      out.add(FieldError.invalid(path, value, m));
    }
  }

  /** Upstream's {@code ValidateLabels}: errors are reported at the map's path, not per key. */
  static void labels(JsonNode map, String path, List<FieldError> out) {
    if (map == null || !map.isObject()) {
      return;
    }
    for (var it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      qualifiedName(e.getKey(), path, out);
      String v = e.getValue().asText();
      for (String m : labelValue(v)) {
        out.add(FieldError.invalid(path, v, m));
      }
    }
  }

  /** Upstream's {@code ValidateNonnegativeField} for an optional integer field. */
  static void nonNegative(JsonNode parent, String name, String path, List<FieldError> out) {
    JsonNode v = parent.get(name);
    if (v != null && v.isNumber() && v.asLong() < 0) {
      out.add(FieldError.invalid(path, v.asLong(), "must be greater than or equal to 0"));
    }
  }

  /** Upstream's {@code ValidatePortNumOrName} for an int-or-string port. */
  static void portNumOrName(JsonNode port, String path, List<FieldError> out) {
    if (port == null || port.isNull()) {
      return;
    }
    if (port.isTextual()) {
      for (String m : portName(port.asText())) {
        out.add(FieldError.invalid(path, port.asText(), m));
      }
    } else if (!validPort(port.asLong())) {
      out.add(FieldError.invalid(path, port.asLong(), inclusiveRange(1, 65535)));
    }
  }

  /** An Invalid "field is immutable" error if the field changed. */
  static void immutable(JsonNode now, JsonNode old, String path, List<FieldError> out) {
    if (!Nodes.same(now, old)) {
      out.add(invalidRaw(path, GoValues.scalar(now), IMMUTABLE));
    }
  }

  /** Appends {@code [key]} to a field path, as upstream's {@code Path.Key}. */
  static String key(String path, String key) {
    return path + "[" + key + "]";
  }

  /** Appends {@code [i]} to a field path, as upstream's {@code Path.Index}. */
  static String index(String path, int i) {
    return path + "[" + i + "]";
  }
}
