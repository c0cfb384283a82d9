package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeScores;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreScorePlugin;
import io.karavel.scheduler.spi.ScorePlugin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Pods, nodes and a tiny framework driver for plugin tests. */
final class Fixtures {
  private static final AtomicInteger SEQ = new AtomicInteger();

  private Fixtures() {}

  static Map<String, Quantity> quantities(String... kv) {
    Map<String, Quantity> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], new Quantity(kv[i + 1]));
    }
    return m;
  }

  static NodeBuilder nodeBuilder(String name, String... allocatable) {
    Map<String, Quantity> alloc = quantities(allocatable);
    alloc.putIfAbsent("pods", new Quantity("110"));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withAllocatable(alloc)
        .withCapacity(alloc)
        .endStatus();
  }

  static Node node(String name, String... allocatable) {
    return nodeBuilder(name, allocatable).build();
  }

  /** A pod whose single container requests {@code requests} (name, quantity pairs). */
  static PodBuilder podBuilder(String... requests) {
    int n = SEQ.incrementAndGet();
    return new PodBuilder()
        .withNewMetadata()
        .withName("p" + n)
        .withNamespace("default")
        .withUid("uid-" + n)
        .endMetadata()
        .withNewSpec()
        .withContainers(
            new ContainerBuilder()
                .withName("c")
                .withImage("busybox")
                .withNewResources()
                .withRequests(quantities(requests))
                .endResources()
                .build())
        .endSpec();
  }

  /** A pod labelled {@code app=web} with these topology spread constraints. */
  static Pod spreadPod(TopologySpreadConstraint... constraints) {
    return podBuilder()
        .editMetadata()
        .withLabels(Map.of("app", "web"))
        .endMetadata()
        .editSpec()
        .withTopologySpreadConstraints(constraints)
        .endSpec()
        .build();
  }

  /** A constraint on pods labelled {@code app=web}. */
  static TopologySpreadConstraint spreadWeb(String key, int maxSkew, String whenUnsatisfiable) {
    return new TopologySpreadConstraintBuilder()
        .withTopologyKey(key)
        .withMaxSkew(maxSkew)
        .withWhenUnsatisfiable(whenUnsatisfiable)
        .withLabelSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build())
        .build();
  }

  static PodInfo pod(String... requests) {
    return PodInfo.of(podBuilder(requests).build());
  }

  static NodeInfo nodeInfo(Node node, Pod... pods) {
    return NodeInfo.of(
        node.getMetadata().getName(),
        node,
        java.util.Arrays.stream(pods).map(PodInfo::of).toList(),
        1);
  }

  /** A node labelled with its hostname and, unless {@code zone} is null, {@code zoneKey=zone}. */
  static NodeInfo zonedNode(String name, String zoneKey, String zone, Pod... pods) {
    Map<String, String> labels = new HashMap<>(Map.of("kubernetes.io/hostname", name));
    if (zone != null) {
      labels.put(zoneKey, zone);
    }
    return nodeInfo(
        nodeBuilder(name, "cpu", "8").editMetadata().withLabels(labels).endMetadata().build(),
        pods);
  }

  static CycleState state(NodeInfo... nodes) {
    return new CycleState(NodeSnapshot.of(List.of(nodes)));
  }

  /** Runs PreScore (if any), Score and NormalizeScore of one plugin over the nodes. */
  static long[] scores(ScorePlugin plugin, PodInfo pod, NodeInfo... nodes) {
    CycleState state = state(nodes);
    if (plugin instanceof PreScorePlugin pre) {
      pre.preScore(state, pod, List.of(nodes));
    }
    long[] s = new long[nodes.length];
    for (int i = 0; i < nodes.length; i++) {
      s[i] = plugin.score(state, pod, nodes[i]);
    }
    if (plugin.scoreExtensions() != null) {
      plugin.scoreExtensions().normalizeScore(state, pod, new NodeScores(nodes, s));
    }
    return s;
  }
}
