package io.karavel.nodesimulator.internal;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a pool of simulated nodes looks like: {@code count} nodes named {@code prefix + index}, each
 * with the same capacity (also its allocatable), labels and taints; the zones, if any, are spread
 * round-robin over the nodes as {@code topology.kubernetes.io/zone}.
 *
 * @param name the pool's name (what {@code kube:simulated-nodes} shows and the stop command takes)
 * @param prefix node name prefix
 * @param count number of nodes
 * @param capacity resources of each node, e.g. {@code cpu=4, memory=32Gi, pods=110}
 * @param labels labels of every node (besides the hostname, os, arch and zone labels)
 * @param taints taints of every node
 * @param zones zones spread over the nodes; empty for none
 */
record PoolSpec(
    String name,
    String prefix,
    int count,
    Map<String, String> capacity,
    Map<String, String> labels,
    List<Taint> taints,
    List<String> zones) {

  static final String ZONE_LABEL = "topology.kubernetes.io/zone";
  private static final Set<String> EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");

  PoolSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a pool needs a name");
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1, not " + count);
    }
    if (prefix == null || !(prefix + "0").matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new IllegalArgumentException(
          "prefix " + prefix + " does not make valid node names (lower case DNS subdomain)");
    }
    capacity.forEach(
        (k, v) -> {
          try {
            Quantity.getAmountInBytes(new Quantity(v));
          } catch (RuntimeException e) {
            throw new IllegalArgumentException("capacity " + k + "=" + v + " is not a quantity");
          }
        });
    capacity = Map.copyOf(capacity);
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
    zones = List.copyOf(zones);
  }

  /** The name of node {@code index} of this pool. */
  String nodeName(int index) {
    return prefix + index;
  }

  /** The zone of node {@code index}, or null when the pool has no zones. */
  String zone(int index) {
    return zones.isEmpty() ? null : zones.get(index % zones.size());
  }

  /** The pool name used when none is given: the prefix without a trailing dash or dot. */
  static String defaultName(String prefix) {
    String n = prefix.replaceAll("[-.]+$", "");
    return n.isEmpty() ? "sim" : n;
  }

  /** {@code k=v,k2=v2} as an ordered map; blank gives an empty map. */
  static Map<String, String> parseMap(String text, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : split(text)) {
      int eq = item.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(what + " " + item + " is not key=value");
      }
      out.put(item.substring(0, eq).trim(), item.substring(eq + 1).trim());
    }
    return out;
  }

  /**
   * Taints as kubectl taint writes them: {@code key=value:Effect} or {@code key:Effect}, comma
   * separated.
   */
  static List<Taint> parseTaints(String text) {
    List<Taint> out = new ArrayList<>();
    for (String item : split(text)) {
      int colon = item.lastIndexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("taint " + item + " is not key[=value]:Effect");
      }
      String effect = item.substring(colon + 1);
      if (!EFFECTS.contains(effect)) {
        throw new IllegalArgumentException(
            "taint " + item + ": effect must be one of NoSchedule, PreferNoSchedule, NoExecute");
      }
      String kv = item.substring(0, colon);
      int eq = kv.indexOf('=');
      String key = eq < 0 ? kv : kv.substring(0, eq);
      String value = eq < 0 ? null : kv.substring(eq + 1);
      out.add(new Taint(effect, key, null, value));
    }
    return out;
  }

  /** Comma separated items, trimmed, blanks dropped. */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String s : text.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  /** Capacity from the usual options plus extra resources such as {@code nvidia.com/gpu=2}. */
  static Map<String, String> capacity(String cpu, String memory, int pods, String extra) {
    Map<String, String> cap = new LinkedHashMap<>();
    cap.put("cpu", cpu);
    cap.put("memory", memory);
    cap.put("pods", Integer.toString(pods));
    cap.put("ephemeral-storage", "100Gi");
    cap.putAll(parseMap(extra, "resource"));
    return cap;
  }
}
