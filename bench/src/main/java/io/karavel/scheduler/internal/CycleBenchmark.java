package io.karavel.scheduler.internal;

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
import io.karavel.scheduler.spi.BindPlugin;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduling cycle without the API server ({@code karavel-bench.jar cycle}): the scheduler's
 * own cache, framework and default plugins (the default profile, with a binder that records instead
 * of calling {@code pods/binding}) schedule K synthetic pods onto N synthetic nodes of upstream's
 * SchedulingBasic shape, one after the other as the scheduling thread does: snapshot, PreFilter,
 * Filter, PreScore, Score, Reserve, Permit, assume; the informer's confirmation of the binding is
 * replayed {@code lag} pods later. It prints attempts per second, the process CPU per attempt and
 * each plugin's time. It lives in the scheduler's internal package because it drives the
 * scheduler's package-private classes directly; it is not part of any bundle.
 */
public final class CycleBenchmark {
  /** The options of {@code cycle}. */
  public record Options(
      int nodes, int initPods, int pods, String variant, int parallelism, int rounds, int lag) {

    /** Parses {@code --nodes N --init-pods M --pods K --variant V --parallelism P ...}. */
    public static Options parse(String[] args) {
      int nodes = 500;
      int init = 500;
      int pods = 1000;
      String variant = "basic";
      int parallelism = Scheduler.defaultParallelism();
      int rounds = 5;
      int lag = 100;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String v = i + 1 < args.length ? args[i + 1] : null;
        switch (a) {
          case "--nodes" -> nodes = Integer.parseInt(need(a, v));
          case "--init-pods" -> init = Integer.parseInt(need(a, v));
          case "--pods" -> pods = Integer.parseInt(need(a, v));
          case "--variant" -> variant = need(a, v);
          case "--parallelism" -> parallelism = Integer.parseInt(need(a, v));
          case "--rounds" -> rounds = Integer.parseInt(need(a, v));
          case "--lag" -> lag = Integer.parseInt(need(a, v));
          default -> throw new IllegalArgumentException("unknown option of cycle: " + a);
        }
        i++;
      }
      if (!List.of("basic", "node-affinity", "topology-spread").contains(variant)) {
        throw new IllegalArgumentException(
            "variant " + variant + " is not available (basic, node-affinity, topology-spread)");
      }
      if (nodes < 1 || pods < 1 || init < 0 || parallelism < 1 || rounds < 1 || lag < 0) {
        throw new IllegalArgumentException("sizes must be positive");
      }
      return new Options(nodes, init, pods, variant, parallelism, rounds, lag);
    }

    private static String need(String option, String value) {
      if (value == null) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      return value;
    }
  }

  private final Options o;
  private final AtomicInteger seq = new AtomicInteger();

  private CycleBenchmark(Options o) {
    this.o = o;
  }

  /** Runs {@code rounds} rounds (the first one warms the JIT up) and prints their figures. */
  public static void run(Options o) {
    new CycleBenchmark(o).runAll();
  }

  private void runAll() {
    System.out.printf(
        "Scheduling cycle benchmark (%s, no API server): %d nodes, %d initial pods, %d measured"
            + " pods, parallelism %d, %d rounds (round 1 warms up)%n",
        o.variant(), o.nodes(), o.initPods(), o.pods(), o.parallelism(), o.rounds());
    ExecutorService pool =
        o.parallelism() > 1
            ? Executors.newFixedThreadPool(
                o.parallelism() - 1,
                r -> {
                  Thread t = new Thread(r, "cycle-filter");
                  t.setDaemon(true);
                  return t;
                })
            : null;
    Parallelizer parallelizer = new Parallelizer(pool, o.parallelism());
    List<double[]> results = new ArrayList<>();
    PluginMetrics last = null;
    for (int round = 1; round <= o.rounds(); round++) {
      PluginMetrics metrics = new PluginMetrics();
      double[] r = round(parallelizer, metrics);
      System.out.printf(
          Locale.ROOT,
          "round %d: %d attempts in %.3f s: %.0f attempts/s, mean attempt %.1f µs, process CPU"
              + " %.1f µs per attempt, %d unschedulable%n",
          round,
          (long) r[0],
          r[1],
          r[0] / r[1],
          r[1] * 1e6 / r[0],
          r[2] * 1e6 / r[0],
          (long) r[3]);
      if (round > 1 || o.rounds() == 1) {
        results.add(r);
      }
      last = metrics;
    }
    double attempts = 0;
    double seconds = 0;
    double cpu = 0;
    for (double[] r : results) {
      attempts += r[0];
      seconds += r[1];
      cpu += r[2];
    }
    System.out.println();
    System.out.println("per plugin (last round): calls, mean µs per call, total ms");
    last.snapshot()
        .forEach(
            (k, v) ->
                System.out.printf(
                    Locale.ROOT,
                    "  %-44s %9d %9.2f %9.1f%n",
                    k,
                    v[0],
                    v[0] == 0 ? 0.0 : v[1] / 1e3 / v[0],
                    v[1] / 1e6));
    System.out.printf(
        Locale.ROOT,
        "process CPU per attempt: %.1f µs (%.2f CPU seconds per 1000 pods)%n",
        cpu * 1e6 / attempts,
        cpu / attempts * 1000);
    System.out.printf(Locale.ROOT, "attempts/s: %.0f%n", attempts / seconds);
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** One round on a fresh cache: {attempts, seconds, CPU seconds, unschedulable}. */
  private double[] round(Parallelizer parallelizer, PluginMetrics metrics) {
    SchedulerCache cache = new SchedulerCache(Clock.systemUTC(), 0);
    for (int i = 0; i < o.nodes(); i++) {
      cache.addNode(node(i));
    }
    Framework fw =
        Framework.build(
            ProfileDefinition.from(
                Map.of(
                    "plugins",
                    ProfileDefinition.DEFAULT_PLUGINS
                        .replace("DefaultPreemption,", "")
                        .replace("DefaultBinder", "RecordingBinder"))),
            plugins()::get,
            () -> parallelizer,
            metrics);
    if (fw.notRunnableReason() != null) {
      throw new IllegalStateException(fw.notRunnableReason());
    }
    Nominator nominator = new Nominator();
    ArrayDeque<Pod> unconfirmed = new ArrayDeque<>();
    int[] unschedulable = new int[1];
    for (int i = 0; i < o.initPods(); i++) {
      scheduleOne(cache, fw, nominator, pod(), unconfirmed, unschedulable);
    }
    List<PodInfo> measured = new ArrayList<>(o.pods());
    for (int i = 0; i < o.pods(); i++) {
      measured.add(pod());
    }
    unschedulable[0] = 0;
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    for (PodInfo p : measured) {
      scheduleOne(cache, fw, nominator, p, unconfirmed, unschedulable);
    }
    long t1 = System.nanoTime();
    long cpu1 = os.getProcessCpuTime();
    return new double[] {o.pods(), (t1 - t0) / 1e9, (cpu1 - cpu0) / 1e9, unschedulable[0]};
  }

  /**
   * What {@code SchedulerRun.scheduleOne} does for a pod that fits, without the API: the binding
   * succeeds at once and the informer confirms it {@code lag} pods later.
   */
  private void scheduleOne(
      SchedulerCache cache,
      Framework fw,
      Nominator nominator,
      PodInfo pod,
      ArrayDeque<Pod> unconfirmed,
      int[] unschedulable) {
    CycleState state = new CycleState(cache.snapshot(), fw.handle(nominator));
    Framework.ScheduleResult r = fw.schedule(state, pod);
    if (!r.ok()) {
      unschedulable[0]++;
      return;
    }
    PodInfo assumed = SchedulerRun.assumedOn(pod, r.node());
    cache.assume(assumed, r.node());
    if (!fw.runReserve(state, assumed, r.node()).isSuccess()
        || !fw.runPermit(state, assumed, r.node()).status().isSuccess()) {
      throw new IllegalStateException("reserve or permit failed");
    }
    fw.runBind(state, assumed, r.node());
    cache.finishBinding(pod.uid());
    unconfirmed.add(assumed.pod());
    while (unconfirmed.size() > o.lag()) {
      cache.addOrUpdatePod(unconfirmed.poll());
    }
  }

  private static Map<String, Object> plugins() {
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
    m.put("RecordingBinder", (BindPlugin) (state, pod, node) -> Status.success());
    return m;
  }

  /** A node as {@code bench scheduler} registers it: 4 CPU, 32 GiB, 110 pods, zone i % 5. */
  private static Node node(int i) {
    String name = "sim-" + i;
    Map<String, Quantity> alloc =
        Map.of(
            "cpu", new Quantity("4"), "memory", new Quantity("32Gi"), "pods", new Quantity("110"));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid("node-uid-" + i)
        .withLabels(
            Map.of(
                "kubernetes.io/hostname", name,
                "zone", "z" + (i % 5),
                "topology.kubernetes.io/zone", "z" + (i % 5)))
        .endMetadata()
        .withNewSpec()
        .endSpec()
        .withNewStatus()
        .withCapacity(alloc)
        .withAllocatable(alloc)
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .withReason("KubeletReady")
        .endCondition()
        .endStatus()
        .build();
  }

  /** A pod as {@code bench scheduler} creates it: 100m / 500Mi, label app=bench. */
  private PodInfo pod() {
    int n = seq.incrementAndGet();
    Map<String, Quantity> req =
        Map.of("cpu", new Quantity("100m"), "memory", new Quantity("500Mi"));
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName("pod-" + n)
            .withNamespace("bench")
            .withUid("pod-uid-" + n)
            .withResourceVersion(Integer.toString(n))
            .withLabels(Map.of("app", "bench"))
            .endMetadata()
            .withNewSpec()
            .withSchedulerName(ProfileDefinition.DEFAULT_SCHEDULER)
            .withPriority(0)
            .addNewContainer()
            .withName("pause")
            .withImage("registry.k8s.io/pause:3.10")
            .withNewResources()
            .withRequests(req)
            .withLimits(req)
            .endResources()
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Pending")
            .endStatus();
    if (o.variant().equals("node-affinity")) {
      b.editSpec()
          .withNewAffinity()
          .withNewNodeAffinity()
          .withNewRequiredDuringSchedulingIgnoredDuringExecution()
          .addNewNodeSelectorTerm()
          .addNewMatchExpression()
          .withKey("topology.kubernetes.io/zone")
          .withOperator("In")
          .withValues("z0", "z1")
          .endMatchExpression()
          .endNodeSelectorTerm()
          .endRequiredDuringSchedulingIgnoredDuringExecution()
          .endNodeAffinity()
          .endAffinity()
          .endSpec();
    } else if (o.variant().equals("topology-spread")) {
      b.editSpec()
          .addNewTopologySpreadConstraint()
          .withMaxSkew(1)
          .withTopologyKey("topology.kubernetes.io/zone")
          .withWhenUnsatisfiable("DoNotSchedule")
          .withNewLabelSelector()
          .withMatchLabels(Map.of("app", "bench"))
          .endLabelSelector()
          .endTopologySpreadConstraint()
          .endSpec();
    }
    return PodInfo.of(b.build());
  }
}
