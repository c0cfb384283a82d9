package io.karavel.scheduler.plugins.internal;

import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.ConfigurablePlugin;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.EnqueueExtensions;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreFilterPlugin;
import io.karavel.scheduler.spi.PreFilterResult;
import io.karavel.scheduler.spi.Resources;
import io.karavel.scheduler.spi.ScorePlugin;
import io.karavel.scheduler.spi.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Filters nodes without room for the pod's requests (pods, CPU, memory, ephemeral storage and
 * extended resources) and scores by a strategy: {@code LeastAllocated} (default), {@code
 * MostAllocated} or {@code RequestedToCapacityRatio}.
 *
 * <p>Arguments ({@code args.NodeResourcesFit.<key>} in a profile): {@code scoringStrategy}, {@code
 * resources} ({@code cpu=1,memory=1}), {@code shape} for RequestedToCapacityRatio ({@code
 * utilization=score} pairs, utilization 0..100, score 0..10, default {@code 0=10,100=0}), {@code
 * ignoredResources} and {@code ignoredResourceGroups} (comma separated names / prefixes before the
 * {@code /}).
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + NodeResourcesFit.NAME)
public final class NodeResourcesFit
    implements PreFilterPlugin, FilterPlugin, ScorePlugin, EnqueueExtensions, ConfigurablePlugin {
  public static final String NAME = "NodeResourcesFit";

  /** Upstream's scoring strategies. */
  enum Strategy {
    LeastAllocated,
    MostAllocated,
    RequestedToCapacityRatio
  }

  private final Strategy strategy;
  private final String[] resourceNames;
  private final int[] kinds;
  private final long[] weights;
  private final long[][] shape;
  private final Set<String> ignored;
  private final Set<String> ignoredGroups;

  public NodeResourcesFit() {
    this(Map.of());
  }

  NodeResourcesFit(Map<String, String> args) {
    this.strategy = Strategy.valueOf(args.getOrDefault("scoringStrategy", "LeastAllocated"));
    Map<String, Long> w = ResourceWeights.parse(args.getOrDefault("resources", "cpu=1,memory=1"));
    this.resourceNames = w.keySet().toArray(String[]::new);
    this.kinds = new int[resourceNames.length];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = ResourceWeights.kind(resourceNames[i]);
    }
    this.weights = w.values().stream().mapToLong(Long::longValue).toArray();
    this.shape = parseShape(args.getOrDefault("shape", "0=10,100=0"));
    this.ignored = csv(args.get("ignoredResources"));
    this.ignoredGroups = csv(args.get("ignoredResourceGroups"));
  }

  @Override
  public Plugin withArgs(Map<String, String> args) {
    return new NodeResourcesFit(args);
  }

  @Override
  public PreFilterResult preFilter(CycleState state, PodInfo pod, NodeSnapshot snapshot) {
    return PreFilterResult.success();
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    List<String> reasons = insufficient(pod.requests(), node);
    return reasons.isEmpty()
        ? Status.success()
        : Status.unschedulable(reasons.toArray(String[]::new));
  }

  /**
   * Upstream's {@code fitsRequest}: every resource the node lacks, in upstream's order. Filter
   * calls this for every node of every cycle and most nodes fit, so nothing is allocated for a node
   * that lacks nothing: the list is made at the first reason.
   */
  List<String> insufficient(Resources req, NodeInfo node) {
    List<String> reasons = List.of();
    Resources alloc = node.allocatable();
    Resources used = node.requested();
    if (node.pods().size() + 1 > alloc.pods()) {
      reasons = with(reasons, "Too many pods");
    }
    if (req.milliCpu() > 0 && req.milliCpu() > alloc.milliCpu() - used.milliCpu()) {
      reasons = with(reasons, "Insufficient cpu");
    }
    if (req.memory() > 0 && req.memory() > alloc.memory() - used.memory()) {
      reasons = with(reasons, "Insufficient memory");
    }
    if (req.ephemeralStorage() > 0
        && req.ephemeralStorage() > alloc.ephemeralStorage() - used.ephemeralStorage()) {
      reasons = with(reasons, "Insufficient ephemeral-storage");
    }
    List<String> lacking = null;
    for (Map.Entry<String, Long> e : req.scalar().entrySet()) {
      String name = e.getKey();
      if (!isIgnored(name) && e.getValue() > alloc.get(name) - used.get(name)) {
        if (lacking == null) {
          lacking = new ArrayList<>(2);
        }
        lacking.add(name);
      }
    }
    if (lacking != null) {
      lacking.sort(null); // extended resources by name, as upstream
      for (String name : lacking) {
        reasons = with(reasons, "Insufficient " + name);
      }
    }
    return reasons;
  }

  private static List<String> with(List<String> reasons, String reason) {
    List<String> r = reasons.isEmpty() ? new ArrayList<>(2) : reasons;
    r.add(reason);
    return r;
  }

  private boolean isIgnored(String name) {
    if (ignored.contains(name)) {
      return true;
    }
    int slash = name.indexOf('/');
    return slash > 0 && ignoredGroups.contains(name.substring(0, slash));
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    long nodeScore = 0;
    long weightSum = 0;
    for (int i = 0; i < resourceNames.length; i++) {
      String name = resourceNames[i];
      int kind = kinds[i];
      long podReq;
      long requested;
      if (kind == ResourceWeights.CPU || kind == ResourceWeights.MEMORY) {
        podReq = ResourceWeights.amount(pod.nonZeroRequests(), kind, name);
        requested = ResourceWeights.amount(node.nonZeroRequested(), kind, name) + podReq;
      } else {
        podReq = ResourceWeights.amount(pod.requests(), kind, name);
        if (podReq == 0 && kind != ResourceWeights.EPHEMERAL_STORAGE) {
          continue; // an extended resource the pod does not ask for is not scored
        }
        requested = ResourceWeights.amount(node.requested(), kind, name) + podReq;
      }
      long allocatable = ResourceWeights.amount(node.allocatable(), kind, name);
      if (allocatable == 0) {
        continue;
      }
      long s =
          switch (strategy) {
            case LeastAllocated ->
                requested > allocatable
                    ? 0
                    : (allocatable - requested) * MAX_NODE_SCORE / allocatable;
            case MostAllocated -> Math.min(requested, allocatable) * MAX_NODE_SCORE / allocatable;
            case RequestedToCapacityRatio ->
                brokenLinear(requested > allocatable ? 100 : requested * 100 / allocatable);
          };
      nodeScore += s * weights[i];
      weightSum += weights[i];
    }
    if (weightSum == 0) {
      return 0;
    }
    if (strategy == Strategy.RequestedToCapacityRatio) {
      return Math.round((double) nodeScore / weightSum);
    }
    return nodeScore / weightSum;
  }

  /** The shape's piecewise linear function, scores scaled from 0..10 to 0..100. */
  private long brokenLinear(long utilization) {
    for (int i = 0; i < shape.length; i++) {
      if (utilization <= shape[i][0]) {
        if (i == 0) {
          return shape[0][1];
        }
        long[] a = shape[i - 1];
        long[] b = shape[i];
        return a[1] + (b[1] - a[1]) * (utilization - a[0]) / (b[0] - a[0]);
      }
    }
    return shape[shape.length - 1][1];
  }

  private static long[][] parseShape(String spec) {
    List<long[]> points = new ArrayList<>();
    for (String part : spec.split(",")) {
      String[] kv = part.trim().split("=");
      if (kv.length != 2) {
        throw new IllegalArgumentException("shape point must be utilization=score: " + part);
      }
      long u = Long.parseLong(kv[0].trim());
      long s = Long.parseLong(kv[1].trim());
      if (u < 0 || u > 100 || s < 0 || s > 10) {
        throw new IllegalArgumentException("shape point out of range: " + part);
      }
      if (!points.isEmpty() && points.get(points.size() - 1)[0] >= u) {
        throw new IllegalArgumentException("shape utilization must increase: " + spec);
      }
      points.add(new long[] {u, s * (MAX_NODE_SCORE / 10)});
    }
    return points.toArray(long[][]::new);
  }

  private static Set<String> csv(String s) {
    if (s == null || s.isBlank()) {
      return Set.of();
    }
    return Set.of(s.trim().split("\\s*,\\s*"));
  }

  @Override
  public List<ClusterEvent> eventsToRegister() {
    return List.of(
        new ClusterEvent(
            ClusterEvent.Resource.ASSIGNED_POD,
            ClusterEvent.DELETE | ClusterEvent.UPDATE_POD_SCALE_DOWN),
        new ClusterEvent(
            ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_ALLOCATABLE));
  }
}
