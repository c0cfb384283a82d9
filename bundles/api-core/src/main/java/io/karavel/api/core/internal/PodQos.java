package io.karavel.api.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Upstream's pod QoS class ({@code ComputePodQOS}) from the cpu and memory of regular and init
 * containers. Requests left out default to the limits, as pod defaulting will make them, so the
 * class can be computed before defaulting runs.
 */
final class PodQos {
  private PodQos() {}

  static final String GUARANTEED = "Guaranteed";
  static final String BURSTABLE = "Burstable";
  static final String BEST_EFFORT = "BestEffort";

  private static final List<String> COMPUTE = List.of("cpu", "memory");

  static String of(JsonNode spec) {
    Map<String, BigDecimal> requests = new HashMap<>();
    Map<String, BigDecimal> limits = new HashMap<>();
    boolean guaranteed = true;
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode c : spec.path(list)) {
        JsonNode r = c.path("resources");
        Set<String> limitsFound = new HashSet<>();
        for (String name : COMPUTE) {
          JsonNode req = r.path("requests").get(name);
          JsonNode lim = r.path("limits").get(name);
          BigDecimal request = positive(req != null ? req : lim);
          if (request != null) {
            requests.merge(name, request, BigDecimal::add);
          }
          BigDecimal limit = positive(lim);
          if (limit != null) {
            limitsFound.add(name);
            limits.merge(name, limit, BigDecimal::add);
          }
        }
        if (!limitsFound.containsAll(COMPUTE)) {
          guaranteed = false;
        }
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return BEST_EFFORT;
    }
    if (guaranteed) {
      for (Map.Entry<String, BigDecimal> e : requests.entrySet()) {
        BigDecimal limit = limits.get(e.getKey());
        if (limit == null || limit.compareTo(e.getValue()) != 0) {
          guaranteed = false;
          break;
        }
      }
    }
    return guaranteed && requests.size() == limits.size() ? GUARANTEED : BURSTABLE;
  }

  private static BigDecimal positive(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    try {
      Quantity q = Quantity.of(n);
      return q.signum() > 0 ? q.value() : null;
    } catch (Quantity.FormatException e) {
      return null;
    }
  }
}
