package io.karavel.api.core.internal;

import static io.karavel.api.core.internal.Validation.index;
import static io.karavel.api.core.internal.Validation.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nodes: the status sent on create kept, {@code podCIDR}/{@code podCIDRs} kept in step, allocatable
 * defaulting to capacity, quantities in canonical form; taints, pod CIDRs and resource quantities
 * validated; pod CIDRs and provider ID fixed once set.
 */
final class NodeStrategy implements ResourceStrategy {

  private static final String CIDR_FIXED =
      "node updates may not change podCIDR except from \"\" to valid";

  /** A kubelet registers its Node with its status (capacity, addresses, conditions). */
  @Override
  public boolean keepsStatusOnCreate() {
    return true;
  }

  @Override
  public void applyDefaults(ObjectNode node) {
    if (node.get("spec") instanceof ObjectNode spec) {
      String single = Nodes.text(spec, "podCIDR");
      List<String> cidrs = Nodes.strings(spec, "podCIDRs");
      if (!cidrs.isEmpty()) {
        spec.put("podCIDR", cidrs.get(0));
      } else if (!single.isEmpty()) {
        spec.putArray("podCIDRs").add(single);
      }
    }
    if (node.get("status") instanceof ObjectNode status) {
      ResourceLists.canonicalize(status.get("capacity"));
      ResourceLists.canonicalize(status.get("allocatable"));
      if (Nodes.unset(status, "allocatable") && status.get("capacity") instanceof ObjectNode cap) {
        status.set("allocatable", cap.deepCopy());
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode node) {
    List<FieldError> out = new ArrayList<>();
    JsonNode spec = node.path("spec");
    taints(spec.path("taints"), out);
    List<String> cidrs = Nodes.strings(spec, "podCIDRs");
    for (int i = 0; i < cidrs.size(); i++) {
      if (!IpAddresses.isCidr(cidrs.get(i))) {
        out.add(
            FieldError.invalid(index("spec.podCIDRs", i), cidrs.get(i), IpAddresses.INVALID_CIDR));
      }
    }
    if (cidrs.size() > 2
        || (cidrs.size() == 2 && cidrs.get(0).contains(":") == cidrs.get(1).contains(":"))) {
      out.add(
          Validation.invalidRaw(
              "spec.podCIDRs",
              GoValues.stringSlice(cidrs),
              "may specify no more than one CIDR for each IP family"));
    }
    for (String list : List.of("capacity", "allocatable")) {
      for (Map.Entry<String, JsonNode> e : Nodes.entries(node.path("status"), list)) {
        String p = key("status." + list, e.getKey());
        ResourceLists.validateName(e.getKey(), p, out);
        ResourceLists.validateValue(e.getKey(), e.getValue(), p, out);
      }
    }
    return out;
  }

  private static void taints(JsonNode taints, List<FieldError> out) {
    Set<String> seen = new HashSet<>();
    int i = 0;
    for (JsonNode t : taints) {
      String p = index("spec.taints", i++);
      String key = Nodes.text(t, "key");
      Validation.qualifiedName(key, p + ".key", out);
      String value = Nodes.text(t, "value");
      List<String> errs = Validation.labelValue(value);
      if (!errs.isEmpty()) {
        out.add(FieldError.invalid(p + ".value", value, String.join(";", errs)));
      }
      String effect = Nodes.text(t, "effect");
      if (effect.isEmpty()) {
        out.add(FieldError.required(p + ".effect", ""));
      } else if (!PodSpecValidator.TAINT_EFFECTS.contains(effect)) {
        out.add(FieldError.notSupported(p + ".effect", effect, PodSpecValidator.TAINT_EFFECTS));
      }
      if (!seen.add(effect + "\u0000" + key)) {
        out.add(
            Validation.duplicateRaw(
                p,
                "core.Taint{Key:"
                    + GoValues.quote(key)
                    + ", Value:"
                    + GoValues.quote(value)
                    + ", Effect:"
                    + GoValues.quote(effect)
                    + ", TimeAdded:(*v1.Time)(nil)}",
                "taints must be unique by key and effect pair"));
      }
    }
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode node, ObjectNode old) {
    List<FieldError> out = new ArrayList<>();
    List<String> before = Nodes.strings(old.path("spec"), "podCIDRs");
    if (!before.isEmpty() && !before.equals(Nodes.strings(node.path("spec"), "podCIDRs"))) {
      out.add(FieldError.forbidden("spec.podCIDRs", CIDR_FIXED));
    }
    String provider = Nodes.text(old.path("spec"), "providerID");
    if (!provider.isEmpty() && !provider.equals(Nodes.text(node.path("spec"), "providerID"))) {
      out.add(
          FieldError.forbidden(
              "spec.providerID",
              "node updates may not change providerID except from \"\" to valid"));
    }
    return out;
  }
}
