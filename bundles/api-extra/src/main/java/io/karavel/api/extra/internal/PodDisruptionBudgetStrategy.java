package io.karavel.api.extra.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.LabelSelectors;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.Validation;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;

/**
 * policy/v1 PodDisruptionBudget: the zeroed status upstream shows after create, and validation.
 * policy/v1 has no field defaults.
 */
final class PodDisruptionBudgetStrategy implements ResourceStrategy {
  private static final List<String> EVICTION_POLICIES = List.of("AlwaysAllow", "IfHealthyBudget");

  @Override
  public void prepareForCreate(ObjectNode o) {
    // these status counters are not omitempty upstream, so a new PDB shows them as 0
    ObjectNode status = Nodes.object(o, "status");
    for (String f :
        List.of("disruptionsAllowed", "currentHealthy", "desiredHealthy", "expectedPods")) {
      Nodes.defaultInt(status, f, 0);
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = o.path("spec");
    if (!Nodes.unset(spec, "minAvailable") && !Nodes.unset(spec, "maxUnavailable")) {
      out.add(
          Validation.invalidRaw(
              "spec", spec.toString(), "minAvailable and maxUnavailable cannot be both set"));
    }
    for (String f : List.of("minAvailable", "maxUnavailable")) {
      Validation.intOrPercent(spec.get(f), "spec." + f, out);
      Validation.notMoreThan100Percent(spec.get(f), "spec." + f, out);
    }
    LabelSelectors.validate(spec.get("selector"), "spec.selector", out);
    String policy = Nodes.text(spec, "unhealthyPodEvictionPolicy");
    if (!Nodes.unset(spec, "unhealthyPodEvictionPolicy") && !EVICTION_POLICIES.contains(policy)) {
      out.add(
          FieldError.notSupported("spec.unhealthyPodEvictionPolicy", policy, EVICTION_POLICIES));
    }
    return out;
  }
}
