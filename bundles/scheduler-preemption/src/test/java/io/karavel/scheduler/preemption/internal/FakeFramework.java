package io.karavel.scheduler.preemption.internal;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.karavel.scheduler.plugins.internal.NodeResourcesFit;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.FrameworkHandle;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreFilterExtensions;
import io.karavel.scheduler.spi.PreFilterPlugin;
import io.karavel.scheduler.spi.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A hand-written framework handle for preemption's tests: real plugins (NodeResourcesFit unless
 * others are given) run as the scheduler's framework runs them (PreFilter, Skip honoured, Filter in
 * order, AddPod/RemovePod of the PreFilter extensions), nominated pods from a map (added to a copy
 * of the state when of equal or higher priority, then the filters run again without them); plus
 * builders of nodes and pods and a recording API.
 */
final class FakeFramework implements FrameworkHandle {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private final List<Plugin> plugins;
  final Map<String, List<PodInfo>> nominated = new HashMap<>();

  FakeFramework() {
    this(new NodeResourcesFit());
  }

  FakeFramework(Plugin... plugins) {
    this.plugins = List.of(plugins);
  }

  private static String name(Plugin p) {
    return p.getClass().getSimpleName();
  }

  @Override
  public String profileName() {
    return "default-scheduler";
  }

  @Override
  public Status runFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node) {
    CycleState withNominated = null;
    NodeInfo with = node;
    for (PodInfo p : nominated.getOrDefault(node.name(), List.of())) {
      if (p.priority() >= pod.priority() && !p.uid().equals(pod.uid())) {
        withNominated = withNominated == null ? state.copy() : withNominated;
        with = with.withPod(p, with.generation() + 1);
        Status s = runPreFilterExtensionAddPod(withNominated, pod, p, with);
        if (!s.isSuccess()) {
          return s;
        }
      }
    }
    if (withNominated == null) {
      return filter(state, pod, node);
    }
    Status s = filter(withNominated, pod, with);
    return s.isSuccess() ? filter(state, pod, node) : s;
  }

  private Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    for (Plugin p : plugins) {
      if (p instanceof FilterPlugin f && !state.skipFilterPlugins().contains(name(p))) {
        Status s = f.filter(state, pod, node);
        if (!s.isSuccess()) {
          return s;
        }
      }
    }
    return Status.success();
  }

  @Override
  public Status runPreFilterExtensionAddPod(
      CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
    return runExtensions(state, ext -> ext.addPod(state, podToSchedule, podToAdd, node));
  }

  @Override
  public Status runPreFilterExtensionRemovePod(
      CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
    return runExtensions(state, ext -> ext.removePod(state, podToSchedule, podToRemove, node));
  }

  private Status runExtensions(CycleState state, Function<PreFilterExtensions, Status> op) {
    for (Plugin p : plugins) {
      if (p instanceof PreFilterPlugin pre && !state.skipFilterPlugins().contains(name(p))) {
        PreFilterExtensions ext = pre.preFilterExtensions();
        Status s = ext == null ? Status.success() : op.apply(ext);
        if (!s.isSuccess()) {
          return s;
        }
      }
    }
    return Status.success();
  }

  /**
   * A cycle for {@code pod} over the nodes, its PreFilters run (a Skip skips the plugin's Filter
   * and extensions, as in the scheduler).
   */
  CycleState cycle(PodInfo pod, NodeInfo... nodes) {
    CycleState state = state(nodes);
    for (Plugin p : plugins) {
      if (p instanceof PreFilterPlugin pre) {
        Status s = pre.preFilter(state, pod, state.snapshot()).status();
        if (s.isSkip()) {
          state.skipFilterPlugins().add(name(p));
        } else if (!s.isSuccess()) {
          throw new IllegalStateException(name(p) + ": " + s.message());
        }
      }
    }
    return state;
  }

  /** Why each node of the cycle rejects the pod (nodes that fit are left out). */
  Map<String, Status> rejections(CycleState state, PodInfo pod) {
    Map<String, Status> m = new HashMap<>();
    for (NodeInfo n : state.snapshot().nodes()) {
      Status s = runFilterPluginsWithNominatedPods(state, pod, n);
      if (!s.isSuccess()) {
        m.put(n.name(), s);
      }
    }
    return m;
  }

  @Override
  public List<PodInfo> nominatedPodsForNode(String nodeName) {
    return nominated.getOrDefault(nodeName, List.of());
  }

  CycleState state(NodeInfo... nodes) {
    return new CycleState(NodeSnapshot.of(List.of(nodes)), this);
  }

  static NodeInfo node(String name, String cpu, PodInfo... pods) {
    return node(name, cpu, Map.of(), pods);
  }

  /** A node labelled with its hostname and {@code topology.kubernetes.io/zone=zone}. */
  static NodeInfo zonedNode(String name, String zone, String cpu, PodInfo... pods) {
    return node(
        name,
        cpu,
        Map.of("kubernetes.io/hostname", name, "topology.kubernetes.io/zone", zone),
        pods);
  }

  private static NodeInfo node(
      String name, String cpu, Map<String, String> labels, PodInfo... pods) {
    Node n =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withNewStatus()
            .withAllocatable(
                Map.of(
                    "cpu",
                    new Quantity(cpu),
                    "memory",
                    new Quantity("64Gi"),
                    "pods",
                    new Quantity("110")))
            .endStatus()
            .build();
    return NodeInfo.of(name, n, List.of(pods), 1);
  }

  /** A pod of {@code cpu} at {@code priority}, started at {@code start} (null: not started). */
  static PodInfo pod(String name, int priority, String cpu, String start, String... labels) {
    Map<String, String> l = new HashMap<>();
    for (int i = 0; i + 1 < labels.length; i += 2) {
      l.put(labels[i], labels[i + 1]);
    }
    Pod p =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("default")
            .withUid(name + "-" + SEQ.incrementAndGet())
            .withLabels(l)
            .endMetadata()
            .withNewSpec()
            .withPriority(priority)
            .withContainers(
                new ContainerBuilder()
                    .withName("c")
                    .withImage("busybox")
                    .withNewResources()
                    .withRequests(Map.of("cpu", new Quantity(cpu)))
                    .endResources()
                    .build())
            .endSpec()
            .withNewStatus()
            .withStartTime(start)
            .endStatus()
            .build();
    return PodInfo.of(p);
  }

  static PodDisruptionBudget pdb(String app, int allowed, String... disrupted) {
    Map<String, String> d = new HashMap<>();
    for (String s : disrupted) {
      d.put(s, "2026-01-01T00:00:00Z");
    }
    return new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName("pdb-" + app)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .withMatchLabels(Map.of("app", app))
        .endSelector()
        .endSpec()
        .withNewStatus()
        .withDisruptionsAllowed(allowed)
        .withDisruptedPods(d)
        .endStatus()
        .build();
  }

  /** Records what preemption would write. */
  static final class RecordingApi implements PreemptionApi {
    final List<PodDisruptionBudget> pdbs = new ArrayList<>();
    final List<String> preempted = new CopyOnWriteArrayList<>();
    final List<String> cleared = new CopyOnWriteArrayList<>();

    @Override
    public List<PodDisruptionBudget> podDisruptionBudgets() {
      return pdbs;
    }

    @Override
    public void preempt(Pod victim, Pod preemptor, String node, String schedulerName) {
      preempted.add(victim.getMetadata().getName() + "@" + node);
    }

    @Override
    public void clearNomination(Pod pod) {
      cleared.add(pod.getMetadata().getName());
    }
  }
}
