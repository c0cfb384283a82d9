package io.karavel.apiserver.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code metav1.LabelSelector} objects ({@code matchLabels} + {@code matchExpressions}), and the
 * plain {@code map[string]string} selectors of services and replication controllers.
 */
final class LabelSelectors {
  private LabelSelectors() {}

  /** Whether the object's labels satisfy the selector; a missing selector matches nothing. */
  static boolean matches(JsonNode selector, JsonNode object) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return false;
    }
    JsonNode labels = object.path("metadata").path("labels");
    boolean structured = selector.has("matchLabels") || selector.has("matchExpressions");
    JsonNode matchLabels = structured ? selector.path("matchLabels") : selector;
    for (Iterator<Map.Entry<String, JsonNode>> it = matchLabels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) {
        return false;
      }
    }
    for (JsonNode expr : selector.path("matchExpressions")) {
      String key = expr.path("key").asText();
      JsonNode v = labels.get(key);
      List<String> values = new ArrayList<>();
      expr.path("values").forEach(x -> values.add(x.asText()));
      boolean ok =
          switch (expr.path("operator").asText()) {
            case "In" -> v != null && values.contains(v.asText());
            case "NotIn" -> v == null || !values.contains(v.asText());
            case "Exists" -> v != null;
            case "DoesNotExist" -> v == null;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * The string form, as {@code metav1.FormatLabelSelector} renders it ({@code app=web,x in (a)}).
   */
  static String toText(JsonNode selector) {
    if (selector == null || selector.isMissingNode() || selector.isNull()) {
      return "";
    }
    boolean structured = selector.has("matchLabels") || selector.has("matchExpressions");
    JsonNode matchLabels = structured ? selector.path("matchLabels") : selector;
    List<String> parts = new ArrayList<>();
    Map<String, String> sorted = new TreeMap<>();
    matchLabels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    sorted.forEach((k, v) -> parts.add(k + "=" + v));
    for (JsonNode expr : selector.path("matchExpressions")) {
      String key = expr.path("key").asText();
      List<String> values = new ArrayList<>();
      expr.path("values").forEach(x -> values.add(x.asText()));
      switch (expr.path("operator").asText()) {
        case "In" -> parts.add(key + " in (" + String.join(",", values) + ")");
        case "NotIn" -> parts.add(key + " notin (" + String.join(",", values) + ")");
        case "Exists" -> parts.add(key);
        case "DoesNotExist" -> parts.add("!" + key);
        default -> {}
      }
    }
    return String.join(",", parts);
  }
}
