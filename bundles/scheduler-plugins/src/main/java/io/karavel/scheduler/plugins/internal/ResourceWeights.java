package io.karavel.scheduler.plugins.internal;

import io.karavel.scheduler.spi.Resources;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code name=weight,...} lists of plugin arguments; reads a resource by a kind worked out
 * once from its name, so that scoring does not compare names for every node.
 */
final class ResourceWeights {
  static final int CPU = 0;
  static final int MEMORY = 1;
  static final int EPHEMERAL_STORAGE = 2;
  static final int PODS = 3;
  static final int SCALAR = 4;

  private ResourceWeights() {}

  /** The kind of resource {@code name}: {@link #CPU} ... {@link #SCALAR}. */
  static int kind(String name) {
    return switch (name) {
      case Resources.CPU -> CPU;
      case Resources.MEMORY -> MEMORY;
      case Resources.EPHEMERAL_STORAGE -> EPHEMERAL_STORAGE;
      case Resources.PODS -> PODS;
      default -> SCALAR;
    };
  }

  /** {@code r.get(name)} for a resource of that kind. */
  static long amount(Resources r, int kind, String name) {
    return switch (kind) {
      case CPU -> r.milliCpu();
      case MEMORY -> r.memory();
      case EPHEMERAL_STORAGE -> r.ephemeralStorage();
      case PODS -> r.pods();
      default -> r.scalar().isEmpty() ? 0 : r.get(name);
    };
  }

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
