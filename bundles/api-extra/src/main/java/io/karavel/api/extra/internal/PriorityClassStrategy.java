package io.karavel.api.extra.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.api.common.internal.GoValues;
import io.karavel.api.common.internal.Nodes;
import io.karavel.api.common.internal.Validation;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** scheduling.k8s.io/v1 PriorityClass defaulting and validation. */
final class PriorityClassStrategy implements ResourceStrategy {
  static final long HIGHEST_USER_DEFINABLE = 1_000_000_000L;
  static final String SYSTEM_PREFIX = "system-";

  /** The system classes upstream creates, and their fixed values. */
  static final Map<String, Long> SYSTEM_CLASSES =
      Map.of("system-cluster-critical", 2_000_000_000L, "system-node-critical", 2_000_001_000L);

  private static final List<String> PREEMPTION_POLICIES = List.of("PreemptLowerPriority", "Never");

  @Override
  public void applyDefaults(ObjectNode o) {
    Nodes.defaultText(o, "preemptionPolicy", "PreemptLowerPriority");
  }

  @Override
  public List<FieldError> validate(ObjectNode o) {
    List<FieldError> out = new ArrayList<>();
    String name = o.path("metadata").path("name").asText();
    long value = o.path("value").asLong(0);
    boolean globalDefault = o.path("globalDefault").asBoolean(false);
    if (name.startsWith(SYSTEM_PREFIX)) {
      String why = null;
      Long fixed = SYSTEM_CLASSES.get(name);
      if (fixed == null) {
        why = name + " is not a known system priority class";
      } else if (fixed != value) {
        why = "value of " + name + " PriorityClass must be " + fixed;
      } else if (globalDefault) {
        why = "globalDefault of " + name + " PriorityClass must be false";
      }
      if (why != null) {
        out.add(
            FieldError.forbidden(
                "metadata.name",
                "priority class names with 'system-' prefix are reserved for system use only."
                    + " error: "
                    + why));
      }
    } else if (value > HIGHEST_USER_DEFINABLE) {
      out.add(
          FieldError.forbidden(
              "value", "maximum allowed value of a user defined priority is 1000000000"));
    }
    if (!Nodes.unset(o, "preemptionPolicy")) {
      String policy = Nodes.text(o, "preemptionPolicy");
      if (!PREEMPTION_POLICIES.contains(policy)) {
        out.add(FieldError.notSupported("preemptionPolicy", policy, PREEMPTION_POLICIES));
      }
    }
    return out;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode o, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    if (o.path("value").asLong(0) != old.path("value").asLong(0)) {
      out.add(FieldError.forbidden("value", "may not be changed in an update."));
    }
    Validation.immutable(
        o.get("preemptionPolicy"),
        old.get("preemptionPolicy"),
        "preemptionPolicy",
        GoValues.scalar(o.get("preemptionPolicy")),
        out);
    return out;
  }
}
