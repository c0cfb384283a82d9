package io.karavel.api.core.internal;

import static io.karavel.api.core.internal.Validation.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Upstream's {@code ValidatePodUpdate}: a pod's spec is fixed once created, except for container
 * images, a shorter {@code activeDeadlineSeconds}, added tolerations, removed scheduling gates and
 * a negative grace period raised to 1. Ephemeral containers may be added too, because strategies do
 * not see which subresource an update came through (upstream allows that only via {@code
 * pods/ephemeralcontainers}).
 */
final class PodUpdateRules {
  private PodUpdateRules() {}

  static final String SPEC_FORBIDDEN =
      "pod updates may not change fields other than `spec.containers[*].image`,"
          + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only"
          + " additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to"
          + " be set to 1 if it was previously negative)";

  static List<FieldError> validate(JsonNode spec, JsonNode oldSpec) {
    List<FieldError> out = new ArrayList<>();
    for (String list : List.of("containers", "initContainers")) {
      String path = "spec." + list;
      if (Nodes.size(spec, list) != Nodes.size(oldSpec, list)) {
        out.add(FieldError.forbidden(path, "pod updates may not add or remove containers"));
        return out;
      }
      int i = 0;
      for (JsonNode c : spec.path(list)) {
        String image = Nodes.text(c, "image");
        String p = index(path, i++) + ".image";
        if (image.isEmpty()) {
          out.add(FieldError.required(p, ""));
        } else if (!image.strip().equals(image)) {
          out.add(FieldError.invalid(p, image, "must not have leading or trailing whitespace"));
        }
      }
    }
    if (!activeDeadline(spec, oldSpec, out)) {
      return out;
    }
    if (!tolerationsOnlyAdded(spec.path("tolerations"), oldSpec.path("tolerations"), out)) {
      return out;
    }
    gatesOnlyRemoved(spec.path("schedulingGates"), oldSpec.path("schedulingGates"), out);
    ObjectNode munged = spec.deepCopy();
    for (String list : List.of("containers", "initContainers")) {
      List<ObjectNode> now = Nodes.objects(munged, list);
      List<ObjectNode> before = Nodes.objects(oldSpec, list);
      for (int i = 0; i < now.size() && i < before.size(); i++) {
        Nodes.copy(before.get(i), now.get(i), "image");
      }
    }
    for (String f : List.of("activeDeadlineSeconds", "tolerations", "schedulingGates")) {
      Nodes.copy(oldSpec, munged, f);
    }
    if (ephemeralOnlyAdded(spec.path("ephemeralContainers"), oldSpec.path("ephemeralContainers"))) {
      Nodes.copy(oldSpec, munged, "ephemeralContainers");
    }
    JsonNode oldGrace = oldSpec.get("terminationGracePeriodSeconds");
    if (oldGrace != null
        && oldGrace.asLong() < 0
        && munged.path("terminationGracePeriodSeconds").asLong() == 1) {
      munged.set("terminationGracePeriodSeconds", oldGrace);
    }
    if (!Nodes.same(munged, oldSpec)) {
      out.add(
          FieldError.forbidden(
              "spec", SPEC_FORBIDDEN + "\n" + Nodes.changedFields(oldSpec, munged, "spec.")));
    }
    return out;
  }

  private static boolean activeDeadline(JsonNode spec, JsonNode oldSpec, List<FieldError> out) {
    JsonNode now = spec.get("activeDeadlineSeconds");
    JsonNode before = oldSpec.get("activeDeadlineSeconds");
    String p = "spec.activeDeadlineSeconds";
    if (now != null && !now.isNull()) {
      long v = now.asLong();
      if (v < 0 || v > Integer.MAX_VALUE) {
        out.add(FieldError.invalid(p, v, Validation.inclusiveRange(0, Integer.MAX_VALUE)));
        return false;
      }
      if (before != null && !before.isNull() && before.asLong() < v) {
        out.add(FieldError.invalid(p, v, "must be less than or equal to previous value"));
        return false;
      }
    } else if (before != null && !before.isNull()) {
      out.add(
          Validation.invalidRaw(
              p, "\"null\"", "must not update from a positive integer to nil value"));
    }
    return true;
  }

  /** Every old toleration must still be there, except that its tolerationSeconds may change. */
  private static boolean tolerationsOnlyAdded(JsonNode now, JsonNode before, List<FieldError> out) {
    for (JsonNode old : before) {
      boolean found = false;
      if (!(old instanceof ObjectNode oldToleration)) {
        continue;
      }
      for (JsonNode t : now) {
        ObjectNode clone = oldToleration.deepCopy();
        Nodes.copy(t, clone, "tolerationSeconds");
        if (Nodes.same(clone, t)) {
          found = true;
          break;
        }
      }
      if (!found) {
        out.add(
            FieldError.forbidden(
                "spec.tolerations",
                "existing toleration can not be modified except its tolerationSeconds"));
        return false;
      }
    }
    PodSpecValidator.tolerations(now, "spec.tolerations", out);
    return true;
  }

  private static void gatesOnlyRemoved(JsonNode now, JsonNode before, List<FieldError> out) {
    Map<String, Integer> added = new HashMap<>();
    int i = 0;
    for (JsonNode g : now) {
      added.put(Nodes.text(g, "name"), i++);
    }
    for (JsonNode g : before) {
      added.remove(Nodes.text(g, "name"));
    }
    added.forEach(
        (gate, at) ->
            out.add(
                FieldError.forbidden(
                    index("spec.schedulingGates", at) + ".name",
                    "only deletion is allowed, but found new scheduling gate '" + gate + "'")));
  }

  private static boolean ephemeralOnlyAdded(JsonNode now, JsonNode before) {
    int n = now.isArray() ? now.size() : 0;
    int b = before.isArray() ? before.size() : 0;
    if (n < b) {
      return false;
    }
    for (int i = 0; i < b; i++) {
      if (!Nodes.same(now.get(i), before.get(i))) {
        return false;
      }
    }
    return true;
  }
}
