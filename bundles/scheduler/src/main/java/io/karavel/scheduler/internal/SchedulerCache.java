package io.karavel.scheduler.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's view of nodes and the pods on them, fed by the informers, plus <em>assumed</em>
 * pods: pods the scheduler decided to place and counts on their node before the API server
 * confirmed the binding. An assumed pod is confirmed when the informer delivers it bound, forgotten
 * when binding fails, and expires if no confirmation comes within the TTL after binding finished.
 * Thread-safe (one lock); snapshots are immutable.
 */
final class SchedulerCache {
  private final Clock clock;
  private final long assumedTtlMillis;
  private final Map<String, NodeInfo> nodes = new LinkedHashMap<>();
  private final Map<String, PodState> pods = new HashMap<>();
  private long generation;
  private long snapshotGeneration = -1;
  private NodeSnapshot snapshot;
  // What a snapshot is made of, kept up to date node by node as the cache changes (upstream's
  // incremental snapshot update) instead of gathered from every node after each change: the known
  // nodes in a stable order (a removed node's slot is taken by the last one) with their slots, and
  // the names of the nodes whose pods have (anti-)affinity terms.
  private final List<NodeInfo> known = new ArrayList<>();
  private final Map<String, Integer> slots = new HashMap<>();
  private final Set<String> withAffinity = new LinkedHashSet<>();
  private final Set<String> withRequiredAntiAffinity = new LinkedHashSet<>();

  private static final class PodState {
    PodInfo pod;
    String node;
    boolean assumed;
    long deadline; // 0 while binding is in flight
  }

  /**
   * @param assumedTtlMillis how long an assumed pod whose binding finished may wait for the
   *     informer's confirmation before it is dropped; 0 for never
   */
  SchedulerCache(Clock clock, long assumedTtlMillis) {
    this.clock = clock;
    this.assumedTtlMillis = assumedTtlMillis;
  }

  synchronized void addNode(Node node) {
    String name = node.getMetadata().getName();
    NodeInfo old = nodes.get(name);
    put(
        name,
        old == null
            ? NodeInfo.of(name, node, List.of(), ++generation)
            : old.withNode(node, ++generation));
  }

  synchronized void removeNode(String name) {
    NodeInfo old = nodes.get(name);
    if (old == null) {
      return;
    }
    if (old.pods().isEmpty()) {
      remove(name);
    } else {
      // Pods still counted on it: keep them (they will be deleted), but the node is gone.
      put(name, NodeInfo.of(name, null, old.pods(), ++generation));
    }
    generation++;
  }

  /** Counts {@code pod} on {@code nodeName} before binding; fails if the pod is already known. */
  synchronized void assume(PodInfo pod, String nodeName) {
    if (pods.containsKey(pod.uid())) {
      throw new IllegalStateException("pod " + pod.key() + " is already in the cache");
    }
    PodState s = new PodState();
    s.pod = pod;
    s.node = nodeName;
    s.assumed = true;
    pods.put(pod.uid(), s);
    addToNode(pod, nodeName);
  }

  /** Binding succeeded: the assumed pod now waits for the informer, up to the TTL. */
  synchronized void finishBinding(String uid) {
    PodState s = pods.get(uid);
    if (s != null && s.assumed) {
      s.deadline = assumedTtlMillis == 0 ? Long.MAX_VALUE : clock.millis() + assumedTtlMillis;
    }
  }

  /** Binding failed: drop the assumed pod. */
  synchronized void forget(String uid) {
    PodState s = pods.get(uid);
    if (s != null && s.assumed) {
      pods.remove(uid);
      removeFromNode(uid, s.node);
    }
  }

  /** A bound pod from the informer (added or updated); confirms an assumed pod. */
  synchronized void addOrUpdatePod(Pod pod) {
    String uid = pod.getMetadata().getUid();
    String node = pod.getSpec().getNodeName();
    PodState s = pods.get(uid);
    if (s != null) {
      removeFromNode(uid, s.node);
    } else {
      s = new PodState();
      pods.put(uid, s);
    }
    s.pod = PodInfo.of(pod);
    s.node = node;
    s.assumed = false;
    s.deadline = 0;
    addToNode(s.pod, node);
  }

  synchronized void removePod(String uid) {
    PodState s = pods.remove(uid);
    if (s != null) {
      removeFromNode(uid, s.node);
    }
  }

  synchronized boolean isAssumed(String uid) {
    PodState s = pods.get(uid);
    return s != null && s.assumed;
  }

  synchronized boolean contains(String uid) {
    return pods.containsKey(uid);
  }

  /** Drops assumed pods whose confirmation is overdue; returns their keys. */
  synchronized List<String> expireAssumed() {
    long now = clock.millis();
    List<String> expired = new ArrayList<>();
    pods.entrySet()
        .removeIf(
            e -> {
              PodState s = e.getValue();
              if (s.assumed && s.deadline != 0 && s.deadline <= now) {
                removeFromNode(e.getKey(), s.node);
                expired.add(s.pod.key());
                return true;
              }
              return false;
            });
    return expired;
  }

  /**
   * The nodes whose Node object is known, with their pods; the same object until a change. Making
   * one after a change copies the node list (a few microseconds for thousands of nodes); the nodes
   * with affinity pods are known without looking at the others.
   */
  synchronized NodeSnapshot snapshot() {
    if (snapshotGeneration != generation) {
      snapshot = NodeSnapshot.of(known, views(withAffinity), views(withRequiredAntiAffinity));
      snapshotGeneration = generation;
    }
    return snapshot;
  }

  private List<NodeInfo> views(Set<String> names) {
    if (names.isEmpty()) {
      return List.of();
    }
    List<NodeInfo> l = new ArrayList<>(names.size());
    for (String name : names) {
      NodeInfo n = nodes.get(name);
      if (n != null && n.node() != null) {
        l.add(n);
      }
    }
    return l;
  }

  /** Records the new version of a node, in the map and in what snapshots are made of. */
  private void put(String name, NodeInfo info) {
    nodes.put(name, info);
    Integer slot = slots.get(name);
    if (info.node() == null) {
      if (slot != null) {
        removeSlot(name, slot);
      }
    } else if (slot == null) {
      slots.put(name, known.size());
      known.add(info);
    } else {
      known.set(slot, info);
    }
    track(withAffinity, name, !info.podsWithAffinity().isEmpty());
    track(withRequiredAntiAffinity, name, !info.podsWithRequiredAntiAffinity().isEmpty());
  }

  private void remove(String name) {
    nodes.remove(name);
    Integer slot = slots.get(name);
    if (slot != null) {
      removeSlot(name, slot);
    }
    withAffinity.remove(name);
    withRequiredAntiAffinity.remove(name);
  }

  private void removeSlot(String name, int slot) {
    slots.remove(name);
    NodeInfo last = known.remove(known.size() - 1);
    if (slot < known.size()) {
      known.set(slot, last);
      slots.put(last.name(), slot);
    }
  }

  private static void track(Set<String> set, String name, boolean member) {
    if (member) {
      set.add(name);
    } else {
      set.remove(name);
    }
  }

  synchronized int nodeCount() {
    return nodes.size();
  }

  synchronized int podCount() {
    return pods.size();
  }

  private void addToNode(PodInfo pod, String nodeName) {
    NodeInfo n = nodes.get(nodeName);
    put(
        nodeName,
        n == null
            ? NodeInfo.of(nodeName, null, List.of(pod), ++generation)
            : n.withPod(pod, ++generation));
  }

  private void removeFromNode(String uid, String nodeName) {
    NodeInfo n = nodes.get(nodeName);
    if (n == null) {
      return;
    }
    NodeInfo updated = n.withoutPod(uid, ++generation);
    if (updated.node() == null && updated.pods().isEmpty()) {
      remove(nodeName);
    } else {
      put(nodeName, updated);
    }
  }
}
