package io.karavel.api.core.internal;

import static io.karavel.api.core.internal.Validation.index;
import static io.karavel.api.core.internal.Validation.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ResourceQuotas: quota resource names, non-negative (and whole, for counts) amounts, scopes. */
final class ResourceQuotaStrategy implements ResourceStrategy {

  static final List<String> SCOPES =
      List.of(
          "Terminating",
          "NotTerminating",
          "BestEffort",
          "NotBestEffort",
          "PriorityClass",
          "CrossNamespacePodAffinity");

  @Override
  public void applyDefaults(ObjectNode quota) {
    ResourceLists.canonicalize(quota.path("spec").get("hard"));
    if (quota.get("status") instanceof ObjectNode status) {
      ResourceLists.canonicalize(status.get("hard"));
      ResourceLists.canonicalize(status.get("used"));
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode quota) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = quota.path("spec");
    for (Map.Entry<String, JsonNode> e : Nodes.entries(spec, "hard")) {
      String p = key("spec.hard", e.getKey());
      ResourceLists.validateQuotaName(e.getKey(), p, out);
      ResourceLists.validateValue(e.getKey(), e.getValue(), p, out);
    }
    List<String> scopes = Nodes.strings(spec, "scopes");
    for (String s : scopes) {
      if (!SCOPES.contains(s)) {
        out.add(
            Validation.invalidRaw(
                "spec.scopes", GoValues.stringSlice(scopes), "unsupported scope"));
      }
    }
    int i = 0;
    for (JsonNode req : spec.path("scopeSelector").path("matchExpressions")) {
      String p = index("spec.scopeSelector.matchExpressions", i++);
      String scope = Nodes.text(req, "scopeName");
      if (!SCOPES.contains(scope)) {
        out.add(FieldError.invalid(p + ".scopeName", scope, "unsupported scope"));
      }
      String op = Nodes.text(req, "operator");
      if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(op)) {
        out.add(
            FieldError.notSupported(
                p + ".operator", op, List.of("DoesNotExist", "Exists", "In", "NotIn")));
      }
    }
    for (String list : List.of("hard", "used")) {
      for (Map.Entry<String, JsonNode> e : Nodes.entries(quota.path("status"), list)) {
        String p = key("status." + list, e.getKey());
        ResourceLists.validateValue(e.getKey(), e.getValue(), p, out);
      }
    }
    return out;
  }
}
