package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.EnqueueExtensions;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreFilterPlugin;
import io.karavel.scheduler.spi.PreFilterResult;
import io.karavel.scheduler.spi.StateData;
import io.karavel.scheduler.spi.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/**
 * The hard part of pod topology spread: {@code topologySpreadConstraints} with {@code
 * whenUnsatisfiable: DoNotSchedule}. A node fits when placing the pod there keeps the number of
 * matching pods in its topology domain at most {@code maxSkew} above the least populated eligible
 * domain (0 when fewer than {@code minDomains} domains exist). Eligible nodes carry every
 * constraint's topology key and, by {@code nodeAffinityPolicy} (default Honor) and {@code
 * nodeTaintsPolicy} (default Ignore), match the pod's node selector / affinity and tolerate its
 * taints. {@code matchLabelKeys} are honoured. Not yet: ScheduleAnyway scoring and the cluster
 * default constraints.
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + PodTopologySpread.NAME)
public final class PodTopologySpread implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  public static final String NAME = "PodTopologySpread";
  static final String REASON = "node(s) didn't match pod topology spread constraints";
  static final String MISSING_LABEL =
      "node(s) didn't match pod topology spread constraints (missing required label)";
  private static final String KEY = "PreFilter" + NAME;
  private static final NodeAffinity NODE_AFFINITY = new NodeAffinity();

  /** One constraint with its counts per topology value and the smallest count. */
  private record Counted(
      TopologySpreadConstraint constraint,
      LabelSelector selector,
      Map<String, Integer> counts,
      int min,
      boolean selfMatch) {}

  private record State(List<Counted> constraints) implements StateData {
    @Override
    public StateData copy() {
      return this;
    }
  }

  @Override
  public PreFilterResult preFilter(CycleState state, PodInfo pod, NodeSnapshot snapshot) {
    List<TopologySpreadConstraint> hard = new ArrayList<>();
    for (TopologySpreadConstraint c :
        Matching.nullSafe(pod.pod().getSpec().getTopologySpreadConstraints())) {
      if ("DoNotSchedule".equals(c.getWhenUnsatisfiable())) {
        hard.add(c);
      }
    }
    if (hard.isEmpty()) {
      return PreFilterResult.of(Status.skip());
    }
    Map<String, String> podLabels = labels(pod.pod());
    List<Counted> counted = new ArrayList<>();
    for (TopologySpreadConstraint c : hard) {
      LabelSelector selector = withMatchLabelKeys(c, podLabels);
      Map<String, Integer> counts = new HashMap<>();
      for (NodeInfo node : snapshot.nodes()) {
        if (!eligible(state, pod, node, c, hard)) {
          continue;
        }
        String value = Matching.labels(node.node()).get(c.getTopologyKey());
        int n = 0;
        for (PodInfo p : node.pods()) {
          Pod other = p.pod();
          if (other.getMetadata().getDeletionTimestamp() == null
              && pod.pod().getMetadata().getNamespace().equals(other.getMetadata().getNamespace())
              && Matching.matches(selector, labels(other))) {
            n++;
          }
        }
        counts.merge(value, n, Integer::sum);
      }
      int min = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
      Integer minDomains = c.getMinDomains();
      if (minDomains != null && counts.size() < minDomains) {
        min = 0;
      }
      counted.add(new Counted(c, selector, counts, min, Matching.matches(selector, podLabels)));
    }
    state.write(KEY, new State(counted));
    return PreFilterResult.success();
  }

  private static boolean eligible(
      CycleState state,
      PodInfo pod,
      NodeInfo node,
      TopologySpreadConstraint c,
      List<TopologySpreadConstraint> all) {
    Map<String, String> labels = Matching.labels(node.node());
    for (TopologySpreadConstraint other : all) {
      if (!labels.containsKey(other.getTopologyKey())) {
        return false;
      }
    }
    if (!"Ignore".equals(c.getNodeAffinityPolicy())
        && !NODE_AFFINITY.filter(state, pod, node).isSuccess()) {
      return false;
    }
    if ("Honor".equals(c.getNodeTaintsPolicy()) && node.node().getSpec() != null) {
      for (Taint t : Matching.nullSafe(node.node().getSpec().getTaints())) {
        if (("NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
            && !Matching.tolerated(pod.pod().getSpec().getTolerations(), t)) {
          return false;
        }
      }
    }
    return true;
  }

  private static LabelSelector withMatchLabelKeys(
      TopologySpreadConstraint c, Map<String, String> podLabels) {
    LabelSelector base = c.getLabelSelector();
    List<String> keys = Matching.nullSafe(c.getMatchLabelKeys());
    if (base == null || keys.isEmpty()) {
      return base;
    }
    LabelSelectorBuilder b = new LabelSelectorBuilder(base);
    for (String k : keys) {
      if (podLabels.containsKey(k)) {
        b.addToMatchExpressions(new LabelSelectorRequirement(k, "In", List.of(podLabels.get(k))));
      }
    }
    return b.build();
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    State s = state.read(KEY);
    if (s == null) {
      return Status.success();
    }
    Map<String, String> labels = Matching.labels(node.node());
    for (Counted c : s.constraints()) {
      String value = labels.get(c.constraint().getTopologyKey());
      if (value == null) {
        return Status.unresolvable(MISSING_LABEL);
      }
      int skew = c.counts().getOrDefault(value, 0) + (c.selfMatch() ? 1 : 0) - c.min();
      if (skew > c.constraint().getMaxSkew()) {
        return Status.unschedulable(REASON);
      }
    }
    return Status.success();
  }

  private static Map<String, String> labels(Pod p) {
    Map<String, String> l = p.getMetadata().getLabels();
    return l == null ? Map.of() : l;
  }

  @Override
  public List<ClusterEvent> eventsToRegister() {
    return List.of(
        new ClusterEvent(
            ClusterEvent.Resource.ASSIGNED_POD,
            ClusterEvent.ADD | ClusterEvent.DELETE | ClusterEvent.UPDATE_POD_LABEL),
        new ClusterEvent(
            ClusterEvent.Resource.NODE,
            ClusterEvent.ADD
                | ClusterEvent.DELETE
                | ClusterEvent.UPDATE_NODE_LABEL
                | ClusterEvent.UPDATE_NODE_TAINT));
  }
}
