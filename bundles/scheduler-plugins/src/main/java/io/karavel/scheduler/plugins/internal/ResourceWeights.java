package io.karavel.scheduler.plugins.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code name=weight,...} lists of plugin arguments. */
final class ResourceWeights {
  private ResourceWeights() {}

  /** {@code "cpu=1,memory=1"} → ordered map; weights must be 1..100 as upstream validates. */
  static Map<String, Long> parse(String spec) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String part : spec.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq).trim();
      long weight = eq < 0 ? 1 : Long.parseLong(p.substring(eq + 1).trim());
      if (weight < 1 || weight > 100) {
        throw new IllegalArgumentException(
            "resource weight of " + name + " must be in the range [1, 100], got " + weight);
      }
      m.put(name, weight);
    }
    if (m.isEmpty()) {
      throw new IllegalArgumentException("no resources given: " + spec);
    }
    return m;
  }
}
