package io.karavel.scheduler.internal;

import io.karavel.scheduler.spi.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pods nominated to a node by preemption and not bound yet (upstream's nominator): nominations made
 * by this scheduler's PostFilter and those read from {@code status.nominatedNodeName}. Filtering
 * counts nominated pods of equal or higher priority on their node, so the room preemption made is
 * not taken by a lower-priority pod. Thread-safe.
 */
final class Nominator {
  private record Nomination(PodInfo pod, String node) {}

  private final Map<String, Nomination> byUid = new HashMap<>();
  private final Map<String, List<PodInfo>> byNode = new HashMap<>();

  /** Nominates {@code pod} to {@code node}, replacing any earlier nomination of it. */
  synchronized void add(PodInfo pod, String node) {
    remove(pod.uid());
    byUid.put(pod.uid(), new Nomination(pod, node));
    byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
  }

  /**
   * A newer version of a pod from the informer: {@code nominatedNodeName} is its status field. A
   * pod that still has a nomination made in memory keeps it while the status has not caught up
   * ({@code previousNominated} empty too); a status that cleared the field removes it.
   */
  synchronized void update(PodInfo pod, String previousNominated, String nominatedNodeName) {
    Nomination current = byUid.get(pod.uid());
    if (nominatedNodeName != null && !nominatedNodeName.isEmpty()) {
      add(pod, nominatedNodeName);
    } else if (current != null) {
      if (previousNominated != null && !previousNominated.isEmpty()) {
        remove(pod.uid());
      } else {
        add(pod, current.node());
      }
    }
  }

  /** Removes the pod's nomination; returns the node it was nominated to, or null. */
  synchronized String remove(String uid) {
    Nomination n = byUid.remove(uid);
    if (n == null) {
      return null;
    }
    List<PodInfo> l = byNode.get(n.node());
    if (l != null) {
      l.removeIf(p -> p.uid().equals(uid));
      if (l.isEmpty()) {
        byNode.remove(n.node());
      }
    }
    return n.node();
  }

  /** The node the pod is nominated to, or null. */
  synchronized String nominatedNode(String uid) {
    Nomination n = byUid.get(uid);
    return n == null ? null : n.node();
  }

  /** The pods nominated to {@code node} (a copy). */
  synchronized List<PodInfo> podsFor(String node) {
    List<PodInfo> l = byNode.get(node);
    return l == null ? List.of() : List.copyOf(l);
  }

  /** The nominated node of every nominated pod, by {@code namespace/name}. */
  synchronized Map<String, String> nodesByPodKey() {
    Map<String, String> m = new HashMap<>();
    byUid.values().forEach(n -> m.put(n.pod().key(), n.node()));
    return m;
  }

  synchronized boolean isEmpty() {
    return byUid.isEmpty();
  }

  synchronized int size() {
    return byUid.size();
  }
}
