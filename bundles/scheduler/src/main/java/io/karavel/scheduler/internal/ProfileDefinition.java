package io.karavel.scheduler.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scheduling profile as configured: the scheduler name it serves, the plugins enabled at every
 * extension point they implement ({@code plugins}, upstream's multiPoint), per-point overrides,
 * score weights, {@code percentageOfNodesToScore} and plugin arguments ({@code
 * args.<Plugin>.<key>}).
 *
 * @param overrides extension points whose plugin list is given explicitly (possibly empty)
 */
record ProfileDefinition(
    String schedulerName,
    List<String> plugins,
    Map<ExtensionPoint, List<String>> overrides,
    Map<String, Integer> weights,
    int percentageOfNodesToScore,
    Map<String, Map<String, String>> args,
    List<String> shadowPlugins,
    Map<String, Integer> shadowWeights,
    Map<String, Map<String, String>> shadowArgs) {

  static final String DEFAULT_SCHEDULER = "default-scheduler";
  static final String DEFAULT_PLUGINS =
      "PrioritySort,SchedulingGates,NodeUnschedulable,NodeName,TaintToleration,NodeAffinity,"
          + "NodePorts,NodeResourcesFit,PodTopologySpread,InterPodAffinity,"
          + "NodeResourcesBalancedAllocation,ImageLocality,DefaultPreemption,DefaultBinder";
  static final String DEFAULT_WEIGHTS =
      "TaintToleration:3,NodeAffinity:2,PodTopologySpread:2,InterPodAffinity:2";

  ProfileDefinition {
    plugins = List.copyOf(plugins);
    overrides = Map.copyOf(overrides);
    weights = Map.copyOf(weights);
    args = Map.copyOf(args);
    shadowPlugins = List.copyOf(shadowPlugins);
    shadowWeights = Map.copyOf(shadowWeights);
    shadowArgs = Map.copyOf(shadowArgs);
  }

  /**
   * The shadow plugin set as a profile of its own (named {@code <schedulerName>/shadow}), or null
   * when the profile has none. It runs PreFilter to Score on the live cycle's snapshot and never
   * binds.
   */
  ProfileDefinition shadow() {
    if (shadowPlugins.isEmpty()) {
      return null;
    }
    return new ProfileDefinition(
        schedulerName + "/shadow",
        shadowPlugins,
        Map.of(),
        shadowWeights,
        percentageOfNodesToScore,
        mergedShadowArgs(),
        List.of(),
        Map.of(),
        Map.of());
  }

  /** The live arguments, with {@code shadowArgs.<Plugin>.<key>} replacing a plugin's. */
  private Map<String, Map<String, String>> mergedShadowArgs() {
    Map<String, Map<String, String>> m = new HashMap<>(args);
    m.putAll(shadowArgs);
    return m;
  }

  /**
   * Reads a profile from configuration properties (see {@code
   * config/io.karavel.scheduler.profile-default.cfg}).
   *
   * @throws IllegalArgumentException for malformed values
   */
  static ProfileDefinition from(Map<String, ?> props) {
    String name = str(props, "schedulerName", DEFAULT_SCHEDULER);
    List<String> plugins = list(str(props, "plugins", DEFAULT_PLUGINS));
    Map<ExtensionPoint, List<String>> overrides = new EnumMap<>(ExtensionPoint.class);
    for (ExtensionPoint p : ExtensionPoint.values()) {
      Object v = props.get(p.key);
      if (v != null && !v.toString().isBlank()) {
        String s = v.toString().trim();
        overrides.put(p, s.equals("none") ? List.of() : list(s));
      }
    }
    Map<String, Integer> weights = weights(str(props, "weights", DEFAULT_WEIGHTS));
    List<String> shadow = list(str(props, "shadowPlugins", ""));
    Map<String, Integer> shadowWeights = weights(str(props, "shadowWeights", DEFAULT_WEIGHTS));
    int pct = Integer.parseInt(str(props, "percentageOfNodesToScore", "0"));
    if (pct < 0 || pct > 100) {
      throw new IllegalArgumentException("percentageOfNodesToScore must be 0..100, got " + pct);
    }
    Map<String, Map<String, String>> args = prefixed(props, "args.");
    Map<String, Map<String, String>> shadowArgs = prefixed(props, "shadowArgs.");
    return new ProfileDefinition(
        name, plugins, overrides, weights, pct, args, shadow, shadowWeights, shadowArgs);
  }

  private static Map<String, Map<String, String>> prefixed(Map<String, ?> props, String prefix) {
    Map<String, Map<String, String>> args = new HashMap<>();
    props.forEach(
        (k, v) -> {
          if (k.startsWith(prefix) && v != null) {
            String rest = k.substring(prefix.length());
            int dot = rest.indexOf('.');
            if (dot > 0) {
              args.computeIfAbsent(rest.substring(0, dot), x -> new HashMap<>())
                  .put(rest.substring(dot + 1), v.toString());
            }
          }
        });
    return args;
  }

  private static Map<String, Integer> weights(String csv) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    for (String w : list(csv)) {
      int colon = w.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("weight must be Plugin:weight, got " + w);
      }
      int weight = Integer.parseInt(w.substring(colon + 1).trim());
      if (weight < 1 || weight > 100) {
        throw new IllegalArgumentException("weight of " + w + " must be 1..100");
      }
      weights.put(w.substring(0, colon).trim(), weight);
    }
    return weights;
  }

  /** The weight of a score plugin, 1 unless configured. */
  int weight(String plugin) {
    return weights.getOrDefault(plugin, 1);
  }

  private static String str(Map<String, ?> props, String key, String def) {
    Object v = props.get(key);
    if (v instanceof String[] a) {
      return String.join(",", a);
    }
    return v == null || v.toString().isBlank() ? def : v.toString().trim();
  }

  static List<String> list(String csv) {
    List<String> l = new ArrayList<>();
    Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(l::add);
    return l;
  }
}
