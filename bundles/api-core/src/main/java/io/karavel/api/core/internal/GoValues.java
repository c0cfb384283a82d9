package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders bad values the way upstream's field errors print them ({@code %q} for strings, {@code
 * %#v} for maps and structs), so messages read like the ones users know from kubectl.
 */
final class GoValues {
  private GoValues() {}

  /** Go's {@code %q}. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** A scalar as upstream prints it: strings quoted, numbers and booleans bare, null as "null". */
  static String scalar(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "\"null\"";
    }
    if (n.isTextual()) {
      return quote(n.asText());
    }
    if (n.isValueNode()) {
      return n.asText();
    }
    return n.toString();
  }

  /** {@code map[string]string{"a":"1", "b":"2"}}, or {@code map[string]string(nil)}. */
  static String stringMap(JsonNode map) {
    if (map == null || !map.isObject()) {
      return "map[string]string(nil)";
    }
    Map<String, String> sorted = new TreeMap<>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> parts = new ArrayList<>(sorted.size());
    sorted.forEach((k, v) -> parts.add(quote(k) + ":" + quote(v)));
    return "map[string]string{" + String.join(", ", parts) + "}";
  }

  /** {@code []string{"a", "b"}}, or {@code []string(nil)}. */
  static String stringSlice(List<String> values) {
    if (values.isEmpty()) {
      return "[]string(nil)";
    }
    List<String> parts = new ArrayList<>(values.size());
    values.forEach(v -> parts.add(quote(v)));
    return "[]string{" + String.join(", ", parts) + "}";
  }
}
