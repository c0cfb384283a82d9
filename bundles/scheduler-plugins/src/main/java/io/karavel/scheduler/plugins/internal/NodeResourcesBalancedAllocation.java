package io.karavel.scheduler.plugins.internal;

import io.karavel.scheduler.spi.ConfigurablePlugin;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreScorePlugin;
import io.karavel.scheduler.spi.ScorePlugin;
import io.karavel.scheduler.spi.Status;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * Prefers nodes whose resource utilization stays balanced once the pod is added: score = (1 -
 * standard deviation of the requested/allocatable fractions) × 100. Skips pods that request none of
 * the resources. Argument {@code resources} ({@code cpu=1,memory=1}); weights are not used, as
 * upstream.
 */
@Component(
    service = Plugin.class,
    property = Plugin.NAME + "=" + NodeResourcesBalancedAllocation.NAME)
public final class NodeResourcesBalancedAllocation
    implements PreScorePlugin, ScorePlugin, ConfigurablePlugin {
  public static final String NAME = "NodeResourcesBalancedAllocation";

  private final String[] resources;
  private final int[] kinds;

  public NodeResourcesBalancedAllocation() {
    this(Map.of());
  }

  NodeResourcesBalancedAllocation(Map<String, String> args) {
    resources =
        ResourceWeights.parse(args.getOrDefault("resources", "cpu=1,memory=1"))
            .keySet()
            .toArray(String[]::new);
    kinds = new int[resources.length];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = ResourceWeights.kind(resources[i]);
    }
  }

  @Override
  public Plugin withArgs(Map<String, String> args) {
    return new NodeResourcesBalancedAllocation(args);
  }

  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
    for (String r : resources) {
      if (pod.requests().get(r) != 0) {
        return Status.success();
      }
    }
    return Status.skip();
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    // two resources (the default) need no array: the standard deviation of two is half the gap
    double f0 = 0;
    double f1 = 0;
    double[] fractions = resources.length > 2 ? new double[resources.length] : null;
    int n = 0;
    double sum = 0;
    for (int i = 0; i < resources.length; i++) {
      String r = resources[i];
      int kind = kinds[i];
      long podReq = ResourceWeights.amount(pod.requests(), kind, r);
      if ((kind == ResourceWeights.SCALAR || kind == ResourceWeights.PODS) && podReq == 0) {
        continue;
      }
      long alloc = ResourceWeights.amount(node.allocatable(), kind, r);
      if (alloc == 0) {
        continue;
      }
      double f =
          Math.min(
              1.0, (double) (ResourceWeights.amount(node.requested(), kind, r) + podReq) / alloc);
      if (n == 0) {
        f0 = f;
      } else if (n == 1) {
        f1 = f;
      }
      if (fractions != null) {
        fractions[n] = f;
      }
      n++;
      sum += f;
    }
    double std = 0;
    if (n == 2) {
      std = Math.abs((f0 - f1) / 2);
    } else if (n > 2) {
      double mean = sum / n;
      double var = 0;
      for (int i = 0; i < n; i++) {
        var += (fractions[i] - mean) * (fractions[i] - mean);
      }
      std = Math.sqrt(var / n);
    }
    return (long) ((1 - std) * MAX_NODE_SCORE);
  }
}
