package io.karavel.scheduler.internal;

import io.karavel.scheduler.spi.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why a pod fits no node: the status of every rejected node, the plugins that rejected it (whose
 * cluster events requeue the pod), and what PostFilter said. Renders upstream's message, e.g.
 * {@code 0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu.}
 */
final class Diagnosis {
  static final String NO_NODES = "no nodes available to schedule pods";

  final Map<String, Status> nodeToStatus = new ConcurrentHashMap<>();
  final Set<String> unschedulablePlugins = ConcurrentHashMap.newKeySet();
  String postFilterMessage = "";

  /** Set when a PreFilter plugin rejected the pod: reported once instead of per node. */
  String preFilterMessage = "";

  volatile io.karavel.scheduler.spi.Status errorStatus;

  /** Upstream's FitError message for {@code numAllNodes} nodes. */
  String message(int numAllNodes) {
    if (numAllNodes == 0) {
      return NO_NODES;
    }
    if (!preFilterMessage.isEmpty()) {
      return "0/"
          + numAllNodes
          + " nodes are available: "
          + preFilterMessage
          + "."
          + (postFilterMessage.isEmpty() ? "" : " " + postFilterMessage);
    }
    Map<String, Integer> histogram = new TreeMap<>();
    for (Status s : nodeToStatus.values()) {
      for (String reason : s.reasons()) {
        histogram.merge(reason, 1, Integer::sum);
      }
    }
    List<String> parts = new ArrayList<>();
    histogram.forEach((reason, count) -> parts.add(count + " " + reason));
    parts.sort(null);
    String msg = "0/" + numAllNodes + " nodes are available: " + String.join(", ", parts) + ".";
    if (!postFilterMessage.isEmpty()) {
      msg += " " + postFilterMessage;
    }
    return msg;
  }

  Set<String> plugins() {
    return new HashSet<>(unschedulablePlugins);
  }
}
