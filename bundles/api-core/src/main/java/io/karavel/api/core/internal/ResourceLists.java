package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.karavel.apiserver.spi.FieldError;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resource names and {@code ResourceList}s ({@code {"cpu": "500m", "memory": "1Gi"}}): upstream's
 * name classification ({@code pkg/apis/core/helper}), quantity checks and the canonical form the
 * API server stores quantities in.
 */
final class ResourceLists {
  private ResourceLists() {}

  static final String NEGATIVE = "must be greater than or equal to 0";
  static final String NOT_INTEGER = "must be an integer";

  private static final Set<String> STANDARD_CONTAINER =
      Set.of("cpu", "memory", "ephemeral-storage");

  private static final Set<String> STANDARD =
      Set.of(
          "cpu",
          "memory",
          "ephemeral-storage",
          "requests.cpu",
          "requests.memory",
          "requests.ephemeral-storage",
          "limits.cpu",
          "limits.memory",
          "limits.ephemeral-storage",
          "pods",
          "services",
          "replicationcontrollers",
          "resourcequotas",
          "secrets",
          "persistentvolumeclaims",
          "configmaps",
          "services.nodeports",
          "services.loadbalancers",
          "storage",
          "requests.storage");

  private static final Set<String> STANDARD_QUOTA =
      Set.of(
          "pods",
          "services",
          "replicationcontrollers",
          "resourcequotas",
          "secrets",
          "configmaps",
          "persistentvolumeclaims",
          "services.nodeports",
          "services.loadbalancers",
          "cpu",
          "memory",
          "ephemeral-storage",
          "requests.cpu",
          "requests.memory",
          "requests.storage",
          "requests.ephemeral-storage",
          "limits.cpu",
          "limits.memory",
          "limits.ephemeral-storage");

  private static final Set<String> INTEGER =
      Set.of(
          "pods",
          "services",
          "replicationcontrollers",
          "resourcequotas",
          "secrets",
          "configmaps",
          "persistentvolumeclaims",
          "services.nodeports",
          "services.loadbalancers");

  static boolean isHugePages(String name) {
    return name.startsWith("hugepages-");
  }

  /** Native resources have no domain, or a {@code kubernetes.io/} one. */
  static boolean isNative(String name) {
    return !name.contains("/") || name.contains("kubernetes.io/");
  }

  /** Extended resources ({@code example.com/gpu}) are counted in whole units. */
  static boolean isExtended(String name) {
    if (isNative(name) || name.startsWith("requests.")) {
      return false;
    }
    return Validation.qualifiedName("requests." + name).isEmpty();
  }

  static boolean overcommitAllowed(String name) {
    return isNative(name) && !isHugePages(name);
  }

  static boolean isInteger(String name) {
    return INTEGER.contains(name) || name.startsWith("count/") || isExtended(name);
  }

  private static boolean isStandard(String name) {
    return STANDARD.contains(name)
        || isHugePages(name)
        || name.startsWith("requests.hugepages-")
        || name.startsWith("limits.hugepages-");
  }

  /** Upstream's {@code validateResourceName}. */
  static void validateName(String name, String path, List<FieldError> out) {
    int before = out.size();
    Validation.qualifiedName(name, path, out);
    if (out.size() == before && !name.contains("/") && !isStandard(name)) {
      out.add(
          FieldError.invalid(path, name, "must be a standard resource type or fully qualified"));
    }
  }

  /** Upstream's {@code validateContainerResourceName}. */
  static void validateContainerName(String name, String path, List<FieldError> out) {
    validateName(name, path, out);
    if (!name.contains("/")) {
      if (!STANDARD_CONTAINER.contains(name) && !isHugePages(name)) {
        out.add(FieldError.invalid(path, name, "must be a standard resource for containers"));
      }
    } else if (!isNative(name) && !isExtended(name)) {
      out.add(FieldError.invalid(path, name, "doesn't follow extended resource name standard"));
    }
  }

  /** Upstream's {@code ValidateResourceQuotaResourceName}. */
  static void validateQuotaName(String name, String path, List<FieldError> out) {
    validateName(name, path, out);
    if (!name.contains("/")
        && !STANDARD_QUOTA.contains(name)
        && !isHugePages(name)
        && !name.startsWith("requests.hugepages-")) {
      out.add(FieldError.invalid(path, name, "must be a standard resource for quota"));
    }
  }

  /**
   * Parses a quantity, adding an Invalid error with upstream's decode message if it does not parse.
   * Upstream rejects such bodies while decoding (400); here it is a field error.
   */
  static Quantity parse(JsonNode value, String path, List<FieldError> out) {
    try {
      return Quantity.of(value);
    } catch (Quantity.FormatException e) {
      out.add(Validation.invalidRaw(path, GoValues.scalar(value), e.getMessage()));
      return null;
    }
  }

  /**
   * Upstream's {@code ValidateResourceQuantityValue}: non-negative, whole for integer resources.
   */
  static Quantity validateValue(String name, JsonNode value, String path, List<FieldError> out) {
    Quantity q = parse(value, path, out);
    if (q == null) {
      return null;
    }
    if (q.signum() < 0) {
      out.add(FieldError.invalid(path, q.canonical(), NEGATIVE));
    }
    if (isInteger(name) && !q.isWhole()) {
      out.add(FieldError.invalid(path, q.canonical(), NOT_INTEGER));
    }
    return q;
  }

  /** Upstream's {@code ValidatePositiveQuantityValue}. */
  static void validatePositive(Quantity q, String path, List<FieldError> out) {
    if (q.signum() <= 0) {
      out.add(FieldError.invalid(path, q.canonical(), "must be greater than zero"));
    }
  }

  /**
   * Rewrites every parseable quantity of a ResourceList in canonical form ({@code cpu} rounded up
   * to 1m), as upstream does when it decodes and re-encodes an object. Unparseable values are left
   * for validation to report.
   */
  static void canonicalize(JsonNode list) {
    if (!(list instanceof ObjectNode o) || o.isEmpty()) {
      return;
    }
    for (var it = o.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        Quantity q = Quantity.of(e.getValue());
        if (e.getKey().equals("cpu")) {
          q = q.roundUpToMilli();
        }
        String text = q.canonical();
        if (!e.getValue().isTextual() || !e.getValue().asText().equals(text)) {
          e.setValue(o.textNode(text));
        }
      } catch (Quantity.FormatException ignored) {
        // reported by validation
      }
    }
  }

  /** The quantity stored under {@code name}, or zero when absent or malformed. */
  static Quantity get(JsonNode list, String name) {
    JsonNode v = list == null ? null : list.get(name);
    if (v == null || v.isNull()) {
      return Quantity.ZERO;
    }
    try {
      return Quantity.of(v);
    } catch (Quantity.FormatException e) {
      return Quantity.ZERO;
    }
  }
}
