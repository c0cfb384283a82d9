package io.karavel.scheduler.internal;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.karavel.scheduler.plugins.internal.ImageLocality;
import io.karavel.scheduler.plugins.internal.InterPodAffinity;
import io.karavel.scheduler.plugins.internal.NodeAffinity;
import io.karavel.scheduler.plugins.internal.NodeName;
import io.karavel.scheduler.plugins.internal.NodePorts;
import io.karavel.scheduler.plugins.internal.NodeResourcesBalancedAllocation;
import io.karavel.scheduler.plugins.internal.NodeResourcesFit;
import io.karavel.scheduler.plugins.internal.NodeUnschedulable;
import io.karavel.scheduler.plugins.internal.PodTopologySpread;
import io.karavel.scheduler.plugins.internal.PrioritySort;
import io.karavel.scheduler.plugins.internal.SchedulingGates;
import io.karavel.scheduler.plugins.internal.TaintToleration;
import io.karavel.scheduler.preemption.internal.DefaultPreemption;
import io.karavel.scheduler.preemption.internal.PreemptionApi;
import io.karavel.scheduler.spi.BindPlugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Pods, nodes, the default plugins and a recording binder for the scheduler's tests. */
final class TestPods {
  private static final AtomicInteger SEQ = new AtomicInteger();

  private TestPods() {}

  static Node node(String name, String cpu, String memory) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(new HashMap<>(Map.of("kubernetes.io/hostname", name)))
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withAllocatable(
            Map.of(
                "cpu",
                new Quantity(cpu),
                "memory",
                new Quantity(memory),
                "pods",
                new Quantity("110")))
        .endStatus()
        .build();
  }

  static PodBuilder podBuilder(String cpu, String memory) {
    int n = SEQ.incrementAndGet();
    Map<String, Quantity> req = new HashMap<>();
    if (cpu != null) {
      req.put("cpu", new Quantity(cpu));
    }
    if (memory != null) {
      req.put("memory", new Quantity(memory));
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName("pod-" + n)
        .withNamespace("default")
        .withUid("uid-" + n)
        .endMetadata()
        .withNewSpec()
        .withContainers(
            new ContainerBuilder()
                .withName("c")
                .withImage("busybox")
                .withNewResources()
                .withRequests(req)
                .endResources()
                .build())
        .endSpec();
  }

  static PodInfo pod(String cpu, String memory) {
    return PodInfo.of(podBuilder(cpu, memory).build());
  }

  /** Records bindings instead of calling the API. */
  static final class RecordingBinder implements BindPlugin {
    final List<String> bound = new CopyOnWriteArrayList<>();
    final RecordingPreemptionApi preemption = new RecordingPreemptionApi();

    @Override
    public Status bind(io.karavel.scheduler.spi.CycleState state, PodInfo pod, String nodeName) {
      bound.add(pod.key() + "->" + nodeName);
      return Status.success();
    }
  }

  /** Records what DefaultPreemption would write through the API. */
  static final class RecordingPreemptionApi implements PreemptionApi {
    final List<String> preempted = new CopyOnWriteArrayList<>();
    final List<String> cleared = new CopyOnWriteArrayList<>();

    @Override
    public List<io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget>
        podDisruptionBudgets() {
      return List.of();
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

  /** The default plugins by name, with a recording binder as DefaultBinder. */
  static Map<String, Object> defaultPlugins(RecordingBinder binder) {
    Map<String, Object> m = new HashMap<>();
    m.put("PrioritySort", new PrioritySort());
    m.put("SchedulingGates", new SchedulingGates());
    m.put("NodeUnschedulable", new NodeUnschedulable());
    m.put("NodeName", new NodeName());
    m.put("TaintToleration", new TaintToleration());
    m.put("NodeAffinity", new NodeAffinity());
    m.put("NodePorts", new NodePorts());
    m.put("NodeResourcesFit", new NodeResourcesFit());
    m.put("PodTopologySpread", new PodTopologySpread());
    m.put("InterPodAffinity", new InterPodAffinity());
    m.put("NodeResourcesBalancedAllocation", new NodeResourcesBalancedAllocation());
    m.put("ImageLocality", new ImageLocality());
    m.put(
        "DefaultPreemption",
        new DefaultPreemption(binder.preemption, () -> null, Map.of(), n -> 0));
    m.put("DefaultBinder", binder);
    return m;
  }

  /** A clock tests move by hand. */
  static final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(long millis) {
      now = now.plusMillis(millis);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
