package io.karavel.scheduler.spi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster as one scheduling cycle sees it: every known node with its pods, frozen for the
 * cycle. Immutable.
 */
public final class NodeSnapshot {
  private final List<NodeInfo> nodes;
  private final Map<String, NodeInfo> byName;
  private final List<NodeInfo> withAffinity;
  private final List<NodeInfo> withRequiredAntiAffinity;
  private volatile Map<String, Integer> imageCounts;

  private NodeSnapshot(List<NodeInfo> nodes) {
    this.nodes = List.copyOf(nodes);
    this.byName = new HashMap<>(nodes.size() * 2);
    List<NodeInfo> a = new ArrayList<>();
    List<NodeInfo> anti = new ArrayList<>();
    for (NodeInfo n : nodes) {
      byName.put(n.name(), n);
      if (!n.podsWithAffinity().isEmpty()) {
        a.add(n);
      }
      if (!n.podsWithRequiredAntiAffinity().isEmpty()) {
        anti.add(n);
      }
    }
    this.withAffinity = List.copyOf(a);
    this.withRequiredAntiAffinity = List.copyOf(anti);
  }

  /** A snapshot of these nodes (only nodes whose Node object is known should be passed). */
  public static NodeSnapshot of(List<NodeInfo> nodes) {
    return new NodeSnapshot(nodes);
  }

  /** Every node, in a stable order. */
  public List<NodeInfo> nodes() {
    return nodes;
  }

  /** The node of that name, or null. */
  public NodeInfo get(String name) {
    return byName.get(name);
  }

  /** Nodes with at least one pod that has pod (anti-)affinity terms. */
  public List<NodeInfo> havePodsWithAffinity() {
    return withAffinity;
  }

  /** Nodes with at least one pod that has a required anti-affinity term. */
  public List<NodeInfo> havePodsWithRequiredAntiAffinity() {
    return withRequiredAntiAffinity;
  }

  /** On how many nodes the image of that name is present. */
  public int imageNumNodes(String image) {
    Map<String, Integer> counts = imageCounts;
    if (counts == null) {
      counts = new HashMap<>();
      for (NodeInfo n : nodes) {
        for (String i : n.imageSizes().keySet()) {
          counts.merge(i, 1, Integer::sum);
        }
      }
      imageCounts = counts;
    }
    return counts.getOrDefault(image, 0);
  }
}
