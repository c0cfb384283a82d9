package io.karavel.scheduler.spi;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node with the pods the scheduler counts on it (bound and assumed): its allocatable resources,
 * the sum of the pods' requests, their host ports and affinity terms, and the images present.
 * Immutable: every change makes a new NodeInfo with a higher {@link #generation()}, so a snapshot
 * handed to a cycle never changes under it.
 */
public final class NodeInfo {
  private final String name;
  private final Node node;
  private final List<PodInfo> pods;
  private final List<PodInfo> podsWithAffinity;
  private final List<PodInfo> podsWithRequiredAntiAffinity;
  private final List<HostPort> usedPorts;
  private final Resources allocatable;
  private final Resources requested;
  private final Resources nonZeroRequested;
  private final Map<String, Long> imageSizes;
  private final long generation;

  private NodeInfo(String name, Node node, List<PodInfo> pods, long generation) {
    this(name, node, pods, generation, null, null);
  }

  /**
   * With {@code allocatable} and {@code imageSizes} of the same Node object when they are known
   * (null: read from {@code node}), so that a pod added or removed does not parse them again.
   */
  private NodeInfo(
      String name,
      Node node,
      List<PodInfo> pods,
      long generation,
      Resources knownAllocatable,
      Map<String, Long> knownImageSizes) {
    this.name = name;
    this.node = node;
    this.pods = List.copyOf(pods);
    this.generation = generation;
    List<PodInfo> withAffinity = new ArrayList<>();
    List<PodInfo> withAnti = new ArrayList<>();
    List<HostPort> ports = new ArrayList<>();
    Resources req = Resources.ZERO;
    Resources nonZero = Resources.ZERO;
    for (PodInfo p : pods) {
      if (p.hasAffinity()) {
        withAffinity.add(p);
      }
      if (!p.requiredAntiAffinityTerms().isEmpty()) {
        withAnti.add(p);
      }
      ports.addAll(p.hostPorts());
      req = req.plus(p.requests());
      nonZero = nonZero.plus(p.nonZeroRequests());
    }
    this.podsWithAffinity = List.copyOf(withAffinity);
    this.podsWithRequiredAntiAffinity = List.copyOf(withAnti);
    this.usedPorts = List.copyOf(ports);
    this.requested = req;
    this.nonZeroRequested = nonZero;
    if (knownAllocatable != null) {
      this.allocatable = knownAllocatable;
      this.imageSizes = knownImageSizes;
      return;
    }
    this.allocatable =
        node == null || node.getStatus() == null
            ? Resources.ZERO
            : Resources.of(node.getStatus().getAllocatable());
    Map<String, Long> images = new HashMap<>();
    if (node != null && node.getStatus() != null && node.getStatus().getImages() != null) {
      for (ContainerImage image : node.getStatus().getImages()) {
        if (image.getNames() != null) {
          long size = image.getSizeBytes() == null ? 0 : image.getSizeBytes();
          for (String n : image.getNames()) {
            images.put(n, size);
          }
        }
      }
    }
    this.imageSizes = Map.copyOf(images);
  }

  /** A node with the given pods; {@code node} may be null for pods whose node is not known yet. */
  public static NodeInfo of(String name, Node node, List<PodInfo> pods, long generation) {
    return new NodeInfo(name, node, pods, generation);
  }

  /** A node without pods. */
  public static NodeInfo of(Node node) {
    return new NodeInfo(node.getMetadata().getName(), node, List.of(), 0);
  }

  /** This node with {@code pod} added. */
  public NodeInfo withPod(PodInfo pod, long newGeneration) {
    List<PodInfo> l = new ArrayList<>(pods.size() + 1);
    l.addAll(pods);
    l.add(pod);
    return new NodeInfo(name, node, l, newGeneration, allocatable, imageSizes);
  }

  /** This node without the pod of that uid (the same content if it is not there). */
  public NodeInfo withoutPod(String uid, long newGeneration) {
    List<PodInfo> l = new ArrayList<>(pods);
    l.removeIf(p -> uid.equals(p.uid()));
    return new NodeInfo(name, node, l, newGeneration, allocatable, imageSizes);
  }

  /** This node's pods on another version of the Node object. */
  public NodeInfo withNode(Node newNode, long newGeneration) {
    return new NodeInfo(name, newNode, pods, newGeneration);
  }

  public String name() {
    return name;
  }

  /** The Node object; null while the node is not known (only pods on it are). */
  public Node node() {
    return node;
  }

  public List<PodInfo> pods() {
    return pods;
  }

  /** Pods on this node with any pod (anti-)affinity term. */
  public List<PodInfo> podsWithAffinity() {
    return podsWithAffinity;
  }

  /** Pods on this node with a required anti-affinity term. */
  public List<PodInfo> podsWithRequiredAntiAffinity() {
    return podsWithRequiredAntiAffinity;
  }

  /** Host ports taken by pods on this node. */
  public List<HostPort> usedPorts() {
    return usedPorts;
  }

  /** {@code status.allocatable}. */
  public Resources allocatable() {
    return allocatable;
  }

  /** The sum of the pods' requests. */
  public Resources requested() {
    return requested;
  }

  /** The sum of the pods' requests with the scoring defaults for unset CPU and memory. */
  public Resources nonZeroRequested() {
    return nonZeroRequested;
  }

  /** Every image name the node reports, with the image's size in bytes. */
  public Map<String, Long> imageSizes() {
    return imageSizes;
  }

  /** Increases with every change; a cache uses it to refresh snapshots incrementally. */
  public long generation() {
    return generation;
  }

  @Override
  public String toString() {
    return "NodeInfo[" + name + ", pods=" + pods.size() + "]";
  }
}
