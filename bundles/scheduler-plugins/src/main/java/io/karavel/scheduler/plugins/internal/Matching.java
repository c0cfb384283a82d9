package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Label, node selector and toleration matching with upstream's semantics. */
final class Matching {
  private Matching() {}

  /** A toleration tolerates a taint (upstream {@code Toleration.ToleratesTaint}). */
  static boolean tolerates(Toleration t, Taint taint) {
    if (t.getEffect() != null
        && !t.getEffect().isEmpty()
        && !t.getEffect().equals(taint.getEffect())) {
      return false;
    }
    String key = t.getKey() == null ? "" : t.getKey();
    if (!key.isEmpty() && !key.equals(taint.getKey())) {
      return false;
    }
    String op = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
    return switch (op) {
      case "Exists" -> true;
      case "Equal" -> nz(t.getValue()).equals(nz(taint.getValue()));
      default -> false;
    };
  }

  /** Whether any of the tolerations tolerates the taint. */
  static boolean tolerated(List<Toleration> tolerations, Taint taint) {
    if (tolerations != null) {
      for (Toleration t : tolerations) {
        if (tolerates(t, taint)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a node selector (terms ORed) matches the node; a null selector matches. */
  static boolean matches(NodeSelector selector, Node node) {
    if (selector == null) {
      return true;
    }
    for (NodeSelectorTerm term : nullSafe(selector.getNodeSelectorTerms())) {
      if (matches(term, node)) {
        return true;
      }
    }
    return false;
  }

  /** A term matches if all its requirements do; a term without requirements matches nothing. */
  static boolean matches(NodeSelectorTerm term, Node node) {
    List<NodeSelectorRequirement> exprs = nullSafe(term.getMatchExpressions());
    List<NodeSelectorRequirement> fields = nullSafe(term.getMatchFields());
    if (exprs.isEmpty() && fields.isEmpty()) {
      return false;
    }
    Map<String, String> labels = labels(node);
    for (NodeSelectorRequirement r : exprs) {
      if (!matches(r, labels.get(r.getKey()), labels.containsKey(r.getKey()))) {
        return false;
      }
    }
    for (NodeSelectorRequirement r : fields) {
      if (!"metadata.name".equals(r.getKey())) {
        return false;
      }
      if (!matches(r, node.getMetadata().getName(), true)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(NodeSelectorRequirement r, String value, boolean present) {
    List<String> values = nullSafe(r.getValues());
    return switch (nz(r.getOperator())) {
      case "In" -> present && values.contains(value);
      case "NotIn" -> !present || !values.contains(value);
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      case "Gt", "Lt" -> {
        if (!present || values.size() != 1) {
          yield false;
        }
        try {
          long have = Long.parseLong(value);
          long want = Long.parseLong(values.get(0));
          yield r.getOperator().equals("Gt") ? have > want : have < want;
        } catch (NumberFormatException e) {
          yield false;
        }
      }
      default -> false;
    };
  }

  static Map<String, String> labels(Node node) {
    Map<String, String> l = node.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }

  static String nz(String s) {
    return s == null ? "" : s;
  }

  static <T> List<T> nullSafe(List<T> l) {
    return l == null ? List.of() : l;
  }
}
