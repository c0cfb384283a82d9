package io.karavel.api.core.internal;

import static io.karavel.api.core.internal.Validation.index;
import static io.karavel.api.core.internal.Validation.key;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import io.karavel.apiserver.spi.ResourceStrategy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LimitRanges: container limits default from max, default requests from the default limit and then
 * min; types, resource names and the ordering min ≤ default request ≤ default ≤ max are validated.
 * Bad quantities are printed in canonical form where upstream prints a Go struct.
 */
final class LimitRangeStrategy implements ResourceStrategy {

  private static final List<String> LISTS =
      List.of("max", "min", "default", "defaultRequest", "maxLimitRequestRatio");
  private static final Set<String> TYPES = Set.of("Pod", "Container", "PersistentVolumeClaim");

  @Override
  public void applyDefaults(ObjectNode lr) {
    for (ObjectNode item : Nodes.objects(lr.path("spec"), "limits")) {
      for (String list : LISTS) {
        ResourceLists.canonicalize(item.get(list));
      }
      if (!Nodes.text(item, "type").equals("Container")) {
        continue;
      }
      fill(item, "max", "default");
      fill(item, "default", "defaultRequest");
      fill(item, "min", "defaultRequest");
    }
  }

  /** Copies entries of {@code from} missing in {@code to}; an empty result stays absent. */
  private static void fill(ObjectNode item, String from, String to) {
    if (Nodes.size(item, from) == 0) {
      return;
    }
    ObjectNode target = Nodes.object(item, to);
    for (Map.Entry<String, JsonNode> e : Nodes.entries(item, from)) {
      if (!target.has(e.getKey())) {
        target.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode lr) {
    List<FieldError> out = new ArrayList<>();
    Set<String> types = new HashSet<>();
    int i = 0;
    for (JsonNode item : lr.path("spec").path("limits")) {
      String p = index("spec.limits", i++);
      String type = Nodes.text(item, "type");
      int before = out.size();
      Validation.qualifiedName(type, p + ".type", out);
      if (out.size() == before && !type.contains("/") && !TYPES.contains(type)) {
        out.add(
            FieldError.invalid(
                p + ".type", type, "must be a standard limit type or fully qualified"));
      }
      if (!types.add(type)) {
        out.add(FieldError.duplicate(p + ".type", type));
      }
      Map<String, Map<String, Quantity>> values = new HashMap<>();
      Set<String> keys = new LinkedHashSet<>();
      for (String list : LISTS) {
        Map<String, Quantity> parsed = new HashMap<>();
        values.put(list, parsed);
        if (type.equals("Pod") && (list.equals("default") || list.equals("defaultRequest"))) {
          if (Nodes.size(item, list) > 0) {
            out.add(
                FieldError.forbidden(p + "." + list, "may not be specified when `type` is 'Pod'"));
          }
          continue;
        }
        for (Map.Entry<String, JsonNode> e : Nodes.entries(item, list)) {
          String kp = key(p + "." + list, e.getKey());
          if (type.equals("Pod") || type.equals("Container")) {
            ResourceLists.validateContainerName(e.getKey(), kp, out);
          } else {
            ResourceLists.validateName(e.getKey(), kp, out);
          }
          Quantity q = ResourceLists.parse(e.getValue(), kp, out);
          if (q != null) {
            parsed.put(e.getKey(), q);
            keys.add(e.getKey());
          }
        }
      }
      if (type.equals("PersistentVolumeClaim")
          && !values.get("min").containsKey("storage")
          && !values.get("max").containsKey("storage")) {
        out.add(
            FieldError.required(
                p + ".limits",
                "either minimum or maximum storage value is required, but neither was provided"));
      }
      for (Map.Entry<String, Quantity> e : values.get("maxLimitRequestRatio").entrySet()) {
        if (e.getValue().value().compareTo(BigDecimal.ONE) < 0) {
          out.add(
              FieldError.invalid(
                  key(p + ".maxLimitRequestRatio", e.getKey()),
                  e.getValue().canonical(),
                  "ratio " + e.getValue().canonical() + " is less than 1"));
        }
      }
      for (String k : keys) {
        order(values, k, p, out);
      }
    }
    return out;
  }

  private static void order(
      Map<String, Map<String, Quantity>> v, String k, String p, List<FieldError> out) {
    Quantity min = v.get("min").get(k);
    Quantity max = v.get("max").get(k);
    Quantity def = v.get("default").get(k);
    Quantity defReq = v.get("defaultRequest").get(k);
    if (min != null && max != null && min.compareTo(max) > 0) {
      out.add(bad(p + ".min", k, min, "min value " + min + " is greater than max value " + max));
    }
    if (defReq != null && min != null && min.compareTo(defReq) > 0) {
      out.add(
          bad(
              p + ".defaultRequest",
              k,
              defReq,
              "min value " + min + " is greater than default request value " + defReq));
    }
    if (defReq != null && max != null && defReq.compareTo(max) > 0) {
      out.add(
          bad(
              p + ".defaultRequest",
              k,
              defReq,
              "default request value " + defReq + " is greater than max value " + max));
    }
    if (defReq != null && def != null && defReq.compareTo(def) > 0) {
      out.add(
          bad(
              p + ".defaultRequest",
              k,
              defReq,
              "default request value " + defReq + " is greater than default limit value " + def));
    }
    if (def != null && min != null && min.compareTo(def) > 0) {
      out.add(
          bad(
              p + ".default",
              k,
              min,
              "min value " + min + " is greater than default value " + def));
    }
    if (def != null && max != null && def.compareTo(max) > 0) {
      out.add(
          bad(
              p + ".default",
              k,
              max,
              "default value " + def + " is greater than max value " + max));
    }
  }

  private static FieldError bad(String list, String k, Quantity value, String detail) {
    return FieldError.invalid(key(list, k), value.canonical(), detail);
  }
}
