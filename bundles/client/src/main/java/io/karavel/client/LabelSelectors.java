package io.karavel.client;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/**
 * Matching of {@code metav1.LabelSelector}s, as upstream's {@code LabelSelectorAsSelector} does it
 * for the places that take one (pod affinity terms, topology spread constraints, disruption
 * budgets, workload selectors). Since 1.2.
 */
public final class LabelSelectors {
  private LabelSelectors() {}

  /**
   * Whether {@code selector} selects an object with {@code labels}: every {@code matchLabels} pair
   * and every {@code matchExpressions} requirement ({@code In}, {@code NotIn}, {@code Exists},
   * {@code DoesNotExist}) holds. A null selector selects nothing and an empty one everything; null
   * labels are no labels; a requirement with another operator selects nothing.
   */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> l = labels == null ? Map.of() : labels;
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
        if (!e.getValue().equals(l.get(e.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() == null) {
      return true;
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
      boolean present = l.containsKey(r.getKey());
      List<String> values = r.getValues() == null ? List.of() : r.getValues();
      String operator = r.getOperator() == null ? "" : r.getOperator();
      boolean ok =
          switch (operator) {
            case "In" -> present && values.contains(l.get(r.getKey()));
            case "NotIn" -> !present || !values.contains(l.get(r.getKey()));
            case "Exists" -> present;
            case "DoesNotExist" -> !present;
            default -> false;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
