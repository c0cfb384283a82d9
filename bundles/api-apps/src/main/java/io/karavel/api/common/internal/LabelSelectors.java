package io.karavel.api.common.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.karavel.apiserver.spi.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code metav1.LabelSelector} as JSON: matching, rendering ({@code app=web,tier in (a,b)}) and
 * validation. A missing selector matches nothing; an empty one matches everything.
 */
public final class LabelSelectors {
  private LabelSelectors() {}

  private record Requirement(String key, String op, Set<String> values) {
    boolean matches(JsonNode labels) {
      JsonNode v = labels == null ? null : labels.get(key);
      boolean has = v != null && !v.isNull();
      return switch (op) {
        case "=", "In" -> has && values.contains(v.asText());
        case "NotIn" -> !has || !values.contains(v.asText());
        case "Exists" -> has;
        case "DoesNotExist" -> !has;
        default -> false;
      };
    }

    @Override
    public String toString() {
      return switch (op) {
        case "=" -> key + "=" + values.iterator().next();
        case "In" -> key + " in (" + String.join(",", values) + ")";
        case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
        case "Exists" -> key;
        default -> "!" + key;
      };
    }
  }

  /** The requirements, sorted by key, or null if the selector cannot be parsed. */
  private static List<Requirement> requirements(JsonNode sel) {
    List<Requirement> reqs = new ArrayList<>();
    sel.path("matchLabels")
        .fields()
        .forEachRemaining(
            e -> reqs.add(new Requirement(e.getKey(), "=", Set.of(e.getValue().asText()))));
    for (JsonNode e : sel.path("matchExpressions")) {
      String op = e.path("operator").asText();
      Set<String> values = new TreeSet<>();
      e.path("values").forEach(v -> values.add(v.asText()));
      switch (op) {
        case "In", "NotIn" -> {
          if (values.isEmpty()) {
            return null;
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (!values.isEmpty()) {
            return null;
          }
        }
        default -> {
          return null;
        }
      }
      reqs.add(new Requirement(e.path("key").asText(), op, values));
    }
    reqs.sort(Comparator.comparing(Requirement::key));
    return reqs;
  }

  /** Whether the selector is present and selects the labels. */
  public static boolean matches(JsonNode sel, JsonNode labels) {
    if (sel == null || !sel.isObject()) {
      return false;
    }
    List<Requirement> reqs = requirements(sel);
    return reqs != null && reqs.stream().allMatch(r -> r.matches(labels));
  }

  /** Whether the selector parses (operators and values consistent). */
  public static boolean parses(JsonNode sel) {
    return sel == null || !sel.isObject() || requirements(sel) != null;
  }

  /** Whether the selector has no requirements at all. */
  public static boolean empty(JsonNode sel) {
    return Nodes.size(sel, "matchExpressions") == 0 && !Nodes.nonEmpty(sel, "matchLabels");
  }

  /** {@code selector.String()}: {@code ""} for a missing or empty selector. */
  public static String format(JsonNode sel) {
    if (sel == null || !sel.isObject()) {
      return "";
    }
    List<Requirement> reqs = requirements(sel);
    if (reqs == null) {
      return "<invalid>";
    }
    return String.join(",", reqs.stream().map(Requirement::toString).toList());
  }

  /** {@code metav1.FormatLabelSelector}: like {@link #format} but {@code <none>} when empty. */
  public static String formatOrNone(JsonNode sel) {
    String s = format(sel);
    return s.isEmpty() ? "<none>" : s.equals("<invalid>") ? "<error>" : s;
  }

  /** {@code labels.FormatLabels}: sorted {@code k=v} pairs, {@code <none>} when empty. */
  public static String formatLabels(JsonNode labels) {
    Map<String, String> sorted = new TreeMap<>();
    if (labels != null) {
      labels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
    }
    if (sorted.isEmpty()) {
      return "<none>";
    }
    List<String> parts = new ArrayList<>();
    sorted.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(",", parts);
  }

  /** Upstream's {@code ValidateLabels} on a label map at {@code path}. */
  public static void validateLabels(JsonNode labels, String path, List<FieldError> out) {
    if (labels == null || !labels.isObject()) {
      return;
    }
    labels
        .fields()
        .forEachRemaining(
            e -> {
              for (String m : Validation.qualifiedName(e.getKey())) {
                out.add(FieldError.invalid(path, e.getKey(), m));
              }
              for (String m : Validation.labelValue(e.getValue().asText())) {
                out.add(FieldError.invalid(path, e.getValue().asText(), m));
              }
            });
  }

  /** Upstream's {@code ValidateLabelSelector}. */
  public static void validate(JsonNode sel, String path, List<FieldError> out) {
    if (sel == null || !sel.isObject()) {
      return;
    }
    int i = 0;
    for (JsonNode e : sel.path("matchExpressions")) {
      String p = path + ".matchExpressions[" + i++ + "]";
      String op = Nodes.text(e, "operator");
      int values = Nodes.size(e, "values");
      switch (op) {
        case "In", "NotIn" -> {
          if (values == 0) {
            out.add(
                FieldError.required(
                    p + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
          }
        }
        case "Exists", "DoesNotExist" -> {
          if (values > 0) {
            out.add(
                FieldError.forbidden(
                    p + ".values",
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
          }
        }
        default ->
            out.add(FieldError.invalid(p + ".operator", op, "not a valid selector operator"));
      }
      for (String m : Validation.qualifiedName(Nodes.text(e, "key"))) {
        out.add(FieldError.invalid(p + ".key", Nodes.text(e, "key"), m));
      }
    }
    validateLabels(sel.get("matchLabels"), path + ".matchLabels", out);
  }
}
