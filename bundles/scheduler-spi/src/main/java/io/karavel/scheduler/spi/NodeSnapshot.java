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
  // Derived views are built on first use: a scheduler takes a snapshot every cycle and most cycles
  // need only the list.
  private volatile Map<String, NodeInfo> byName;
  private volatile List<NodeInfo> withAffinity;
  private volatile List<NodeInfo> withRequiredAntiAffinity;
  private volatile Map<String, Integer> imageCounts;

  private NodeSnapshot(List<NodeInfo> nodes) {
    this.nodes = List.copyOf(nodes);
  }

  /** A snapshot of these nodes (only nodes whose Node object is known should be passed). */
  public static NodeSnapshot of(List<NodeInfo> nodes) {
    return new NodeSnapshot(nodes);
  }

  /**
   * A snapshot of these nodes whose owner already knows which of them have pods with
   * (anti-)affinity terms, as a cache that keeps track of them does: {@link
   * #havePodsWithAffinity()} and {@link #havePodsWithRequiredAntiAffinity()} return these lists
   * instead of going over every node.
   *
   * @param withAffinity the nodes of {@code nodes} with at least one pod with a pod (anti-)affinity
   *     term
   * @param withRequiredAntiAffinity the nodes of {@code nodes} with at least one pod with a
   *     required anti-affinity term
   * @since 1.2
   */
  public static NodeSnapshot of(
      List<NodeInfo> nodes, List<NodeInfo> withAffinity, List<NodeInfo> withRequiredAntiAffinity) {
    NodeSnapshot s = new NodeSnapshot(nodes);
    s.withAffinity = List.copyOf(withAffinity);
    s.withRequiredAntiAffinity = List.copyOf(withRequiredAntiAffinity);
    return s;
  }

  /** Every node, in a stable order. */
  public List<NodeInfo> nodes() {
    return nodes;
  }

  /** The node of that name, or null. */
  public NodeInfo get(String name) {
    Map<String, NodeInfo> m = byName;
    if (m == null) {
      m = new HashMap<>(nodes.size() * 2);
      for (NodeInfo n : nodes) {
        m.put(n.name(), n);
      }
      byName = m;
    }
    return m.get(name);
  }

  /** Nodes with at least one pod that has pod (anti-)affinity terms. */
  public List<NodeInfo> havePodsWithAffinity() {
    List<NodeInfo> l = withAffinity;
    if (l == null) {
      List<NodeInfo> a = new ArrayList<>();
      for (NodeInfo n : nodes) {
        if (!n.podsWithAffinity().isEmpty()) {
          a.add(n);
        }
      }
      l = List.copyOf(a);
      withAffinity = l;
    }
    return l;
  }

  /** Nodes with at least one pod that has a required anti-affinity term. */
  public List<NodeInfo> havePodsWithRequiredAntiAffinity() {
    List<NodeInfo> l = withRequiredAntiAffinity;
    if (l == null) {
      List<NodeInfo> a = new ArrayList<>();
      for (NodeInfo n : nodes) {
        if (!n.podsWithRequiredAntiAffinity().isEmpty()) {
          a.add(n);
        }
      }
      l = List.copyOf(a);
      withRequiredAntiAffinity = l;
    }
    return l;
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
