package io.karavel.api.extra.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.GoValues;
import io.karavel.api.common.internal.LabelSelectors;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.Validation;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/** rbac.authorization.k8s.io/v1 Role and ClusterRole validation ({@code ValidatePolicyRule}). */
final class RoleStrategy implements ResourceStrategy {
  private final boolean namespaced;

  RoleStrategy(boolean namespaced) {
    this.namespaced = namespaced;
  }

  @Override
  public NameRule nameRule() {
    return NameRule.PATH_SEGMENT;
  }

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    int i = 0;
    for (JsonNode rule : o.path("rules")) {
      validateRule(rule, "rules[" + i++ + "]", out);
    }
    if (!namespaced && !Nodes.unset(o, "aggregationRule")) {
      String p = "aggregationRule.clusterRoleSelectors";
      JsonNode selectors = o.path("aggregationRule").path("clusterRoleSelectors");
      if (selectors.size() == 0) {
        out.add(
            FieldError.required(
                p, "at least one clusterRoleSelector required if aggregationRule is non-nil"));
      }
      int j = 0;
      for (JsonNode sel : selectors) {
        LabelSelectors.validate(sel, p + "[" + j++ + "]", out);
      }
    }
    return out;
  }

  private void validateRule(JsonNode rule, String path, List<FieldError> out) {
    if (Nodes.size(rule, "verbs") == 0) {
      out.add(FieldError.required(path + ".verbs", "verbs must contain at least one value"));
    }
    if (Nodes.size(rule, "nonResourceURLs") > 0) {
      String urls = GoValues.stringSlice(rule.get("nonResourceURLs"));
      if (namespaced) {
        out.add(
            Validation.invalidRaw(
                path + ".nonResourceURLs",
                urls,
                "namespaced rules cannot apply to non-resource URLs"));
      }
      if (Nodes.size(rule, "apiGroups") > 0
          || Nodes.size(rule, "resources") > 0
          || Nodes.size(rule, "resourceNames") > 0) {
        out.add(
            Validation.invalidRaw(
                path + ".nonResourceURLs",
                urls,
                "rules cannot apply to both regular resources and non-resource URLs"));
      }
      return;
    }
    if (Nodes.size(rule, "apiGroups") == 0) {
      out.add(
          FieldError.required(
              path + ".apiGroups", "resource rules must supply at least one api group"));
    }
    if (Nodes.size(rule, "resources") == 0) {
      out.add(
          FieldError.required(
              path + ".resources", "resource rules must supply at least one resource"));
    }
  }
}
