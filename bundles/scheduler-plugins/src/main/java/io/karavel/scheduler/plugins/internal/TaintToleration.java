package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.EnqueueExtensions;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeScores;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreScorePlugin;
import io.karavel.scheduler.spi.ScoreExtensions;
import io.karavel.scheduler.spi.ScorePlugin;
import io.karavel.scheduler.spi.StateData;
import io.karavel.scheduler.spi.Status;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * Filters out nodes with a {@code NoSchedule} or {@code NoExecute} taint the pod does not tolerate;
 * scores nodes by how few untolerated {@code PreferNoSchedule} taints they have.
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + TaintToleration.NAME)
public final class TaintToleration
    implements FilterPlugin, PreScorePlugin, ScorePlugin, ScoreExtensions, EnqueueExtensions {
  public static final String NAME = "TaintToleration";
  private static final String KEY = "PreScore" + NAME;

  private record PreferNoSchedule(List<Toleration> tolerations) implements StateData {
    @Override
    public StateData copy() {
      return this;
    }
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    List<Taint> taints = node.node().getSpec() == null ? null : node.node().getSpec().getTaints();
    if (taints == null) {
      return Status.success();
    }
    List<Toleration> tolerations = pod.pod().getSpec().getTolerations();
    for (Taint t : taints) {
      if (("NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
          && !Matching.tolerated(tolerations, t)) {
        return Status.unresolvable(
            "node(s) had untolerated taint {"
                + t.getKey()
                + ": "
                + Matching.nz(t.getValue())
                + "}");
      }
    }
    return Status.success();
  }

  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
    List<Toleration> all = Matching.nullSafe(pod.pod().getSpec().getTolerations());
    List<Toleration> prefer =
        all.stream()
            .filter(
                t ->
                    t.getEffect() == null
                        || t.getEffect().isEmpty()
                        || "PreferNoSchedule".equals(t.getEffect()))
            .toList();
    state.write(KEY, new PreferNoSchedule(prefer));
    return Status.success();
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    List<Taint> taints = node.node().getSpec() == null ? null : node.node().getSpec().getTaints();
    if (taints == null || taints.isEmpty()) {
      return 0;
    }
    PreferNoSchedule s = state.read(KEY);
    List<Toleration> tolerations = s == null ? List.of() : s.tolerations();
    long count = 0;
    for (Taint t : taints) {
      if ("PreferNoSchedule".equals(t.getEffect()) && !Matching.tolerated(tolerations, t)) {
        count++;
      }
    }
    return count;
  }

  @Override
  public ScoreExtensions scoreExtensions() {
    return this;
  }

  @Override
  public Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
    Scores.defaultNormalize(scores, true);
    return Status.success();
  }

  @Override
  public List<ClusterEvent> eventsToRegister() {
    return List.of(
        new ClusterEvent(
            ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_TAINT),
        new ClusterEvent(ClusterEvent.Resource.POD, ClusterEvent.UPDATE_POD_TOLERATIONS));
  }
}
