package io.karavel.scheduler.plugins.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts per topology domain ({@code topologyKey} → label value → count), kept without zero entries
 * so that {@link #isEmpty()} means "no domain counts anything". Looking a node up walks the few
 * keys and reads the node's labels: no allocation on the Filter/Score path.
 */
final class TopologyCounts {
  private final Map<String, Map<String, Long>> counts;
  // the keys of counts, walked by index on the Filter/Score path (no iterator)
  private final ArrayList<String> keys;

  TopologyCounts() {
    this(new HashMap<>());
  }

  private TopologyCounts(Map<String, Map<String, Long>> counts) {
    this.counts = counts;
    this.keys = new ArrayList<>(counts.keySet());
  }

  /** Adds {@code delta} to the domain {@code key=value}; a domain reaching 0 is removed. */
  void add(String key, String value, long delta) {
    if (delta == 0 || value == null) {
      return;
    }
    Map<String, Long> values = counts.get(key);
    if (values == null) {
      values = new HashMap<>();
      counts.put(key, values);
      keys.add(key);
    }
    long n = values.getOrDefault(value, 0L) + delta;
    if (n == 0) {
      values.remove(value);
      if (values.isEmpty()) {
        counts.remove(key);
        keys.remove(key);
      }
    } else {
      values.put(value, n);
    }
  }

  /** Adds {@code delta} to the node's domain of {@code key}, if the node has that label. */
  void addForNode(String key, Map<String, String> nodeLabels, long delta) {
    add(key, nodeLabels.get(key), delta);
  }

  /** The count of the domain {@code key=value} (0 when value is null). */
  long get(String key, String value) {
    if (value == null) {
      return 0;
    }
    Map<String, Long> values = counts.get(key);
    if (values == null) {
      return 0;
    }
    Long n = values.get(value);
    return n == null ? 0 : n;
  }

  /** Whether any of the node's domains counts something (positive count). */
  boolean anyPositive(Map<String, String> nodeLabels) {
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      String value = nodeLabels.get(key);
      if (value != null) {
        Long n = counts.get(key).get(value);
        if (n != null && n > 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** The sum of the node's domains over every key. */
  long sumFor(Map<String, String> nodeLabels) {
    long sum = 0;
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      String value = nodeLabels.get(key);
      if (value != null) {
        Long n = counts.get(key).get(value);
        if (n != null) {
          sum += n;
        }
      }
    }
    return sum;
  }

  boolean isEmpty() {
    return counts.isEmpty();
  }

  TopologyCounts copy() {
    Map<String, Map<String, Long>> c = new HashMap<>();
    counts.forEach((k, v) -> c.put(k, new HashMap<>(v)));
    return new TopologyCounts(c);
  }

  @Override
  public String toString() {
    return counts.toString();
  }
}
