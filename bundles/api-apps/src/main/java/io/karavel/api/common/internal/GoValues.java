package io.karavel.api.common.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders bad values the way upstream's field errors print them ({@code %q} for strings, {@code
 * %#v} for label maps and selectors), so messages read like the ones users know from kubectl.
 * Values without a well-known Go rendering fall back to compact JSON.
 */
public final class GoValues {
  private GoValues() {}

  /** Go's {@code %q}. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** A scalar as upstream prints it: strings quoted, numbers and booleans bare, null as "null". */
  public static String scalar(JsonNode n) {
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
  public static String stringMap(JsonNode map) {
    if (map == null || !map.isObject()) {
      return "map[string]string(nil)";
    }
    Map<String, String> sorted = new TreeMap<>();
    map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    List<String> parts = new ArrayList<>();
    sorted.forEach((k, v) -> parts.add(quote(k) + ":" + quote(v)));
    return "map[string]string{" + String.join(", ", parts) + "}";
  }

  /** A {@code metav1.LabelSelector} as {@code %#v} prints it. */
  public static String labelSelector(JsonNode sel) {
    if (sel == null || !sel.isObject()) {
      return "\"null\"";
    }
    StringBuilder sb = new StringBuilder("v1.LabelSelector{MatchLabels:");
    sb.append(stringMap(sel.get("matchLabels")));
    sb.append(", MatchExpressions:");
    JsonNode exprs = sel.get("matchExpressions");
    if (exprs == null || !exprs.isArray()) {
      sb.append("[]v1.LabelSelectorRequirement(nil)");
    } else {
      List<String> parts = new ArrayList<>();
      for (JsonNode e : exprs) {
        parts.add(
            "v1.LabelSelectorRequirement{Key:"
                + quote(e.path("key").asText())
                + ", Operator:"
                + quote(e.path("operator").asText())
                + ", Values:"
                + stringSlice(e.get("values"))
                + "}");
      }
      sb.append("[]v1.LabelSelectorRequirement{").append(String.join(", ", parts)).append('}');
    }
    return sb.append('}').toString();
  }

  /** {@code []string{"a", "b"}}, or {@code []string(nil)}. */
  public static String stringSlice(JsonNode arr) {
    if (arr == null || !arr.isArray()) {
      return "[]string(nil)";
    }
    List<String> parts = new ArrayList<>();
    for (Iterator<JsonNode> it = arr.elements(); it.hasNext(); ) {
      parts.add(quote(it.next().asText()));
    }
    return "[]string{" + String.join(", ", parts) + "}";
  }
}
