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
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written framework handle for preemption's tests: the real NodeResourcesFit filter, no
 * PreFilter extensions, nominated pods from a map (added when of equal or higher priority, then the
 * filters run again without them); plus builders of nodes and pods and a recording API.
 */
final class FakeFramework implements FrameworkHandle {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private final FilterPlugin fit = new NodeResourcesFit();
  final Map<String, List<PodInfo>> nominated = new HashMap<>();

  @Override
  public String profileName() {
    return "default-scheduler";
  }

  @Override
  public Status runFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node) {
    NodeInfo with = node;
    for (PodInfo p : nominated.getOrDefault(node.name(), List.of())) {
      if (p.priority() >= pod.priority() && !p.uid().equals(pod.uid())) {
        with = with.withPod(p, with.generation() + 1);
      }
    }
    Status s = fit.filter(state, pod, with);
    return s.isSuccess() && with != node ? fit.filter(state, pod, node) : s;
  }

  @Override
  public Status runPreFilterExtensionAddPod(
      CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
    return Status.success();
  }

  @Override
  public Status runPreFilterExtensionRemovePod(
      CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
    return Status.success();
  }

  @Override
  public List<PodInfo> nominatedPodsForNode(String nodeName) {
    return nominated.getOrDefault(nodeName, List.of());
  }

  CycleState state(NodeInfo... nodes) {
    return new CycleState(NodeSnapshot.of(List.of(nodes)), this);
  }

  static NodeInfo node(String name, String cpu, PodInfo... pods) {
    Node n =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
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
