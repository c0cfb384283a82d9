package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.EnqueueExtensions;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeScores;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreFilterPlugin;
import io.karavel.scheduler.spi.PreFilterResult;
import io.karavel.scheduler.spi.PreScorePlugin;
import io.karavel.scheduler.spi.ScoreExtensions;
import io.karavel.scheduler.spi.ScorePlugin;
import io.karavel.scheduler.spi.Status;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * {@code spec.nodeSelector} and required node affinity as a filter, preferred node affinity as a
 * score (sum of the weights of the matching terms, normalized to the best node).
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + NodeAffinity.NAME)
public final class NodeAffinity
    implements PreFilterPlugin,
        FilterPlugin,
        PreScorePlugin,
        ScorePlugin,
        ScoreExtensions,
        EnqueueExtensions {
  public static final String NAME = "NodeAffinity";
  static final String REASON = "node(s) didn't match Pod's node affinity/selector";

  /**
   * When every term of the required affinity pins {@code metadata.name} with {@code In}, only those
   * nodes are candidates (upstream's PreFilterResult).
   */
  @Override
  public PreFilterResult preFilter(CycleState state, PodInfo pod, NodeSnapshot snapshot) {
    NodeSelector required = required(pod);
    if (required == null) {
      return PreFilterResult.success();
    }
    List<NodeSelectorTerm> terms = Matching.nullSafe(required.getNodeSelectorTerms());
    if (terms.isEmpty()) {
      return PreFilterResult.of(Status.unresolvable(REASON));
    }
    Set<String> names = new HashSet<>();
    for (NodeSelectorTerm term : terms) {
      Set<String> termNames = null;
      for (NodeSelectorRequirement r : Matching.nullSafe(term.getMatchFields())) {
        if ("metadata.name".equals(r.getKey()) && "In".equals(r.getOperator())) {
          Set<String> v = new HashSet<>(Matching.nullSafe(r.getValues()));
          if (termNames == null) {
            termNames = v;
          } else {
            termNames.retainAll(v);
          }
        }
      }
      if (termNames == null) {
        return PreFilterResult.success();
      }
      names.addAll(termNames);
    }
    if (names.isEmpty()) {
      return PreFilterResult.of(Status.unresolvable(REASON));
    }
    return PreFilterResult.nodes(names);
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    Node n = node.node();
    Map<String, String> selector = pod.pod().getSpec().getNodeSelector();
    if (selector != null && !selector.isEmpty()) {
      Map<String, String> labels = Matching.labels(n);
      for (Map.Entry<String, String> e : selector.entrySet()) {
        if (!e.getValue().equals(labels.get(e.getKey()))) {
          return Status.unresolvable(REASON);
        }
      }
    }
    NodeSelector required = required(pod);
    if (required != null && !Matching.matches(required, n)) {
      return Status.unresolvable(REASON);
    }
    return Status.success();
  }

  /** Nothing to score without preferred terms: Skip, as upstream's PreScore. */
  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
    Affinity a = pod.pod().getSpec().getAffinity();
    return a == null
            || a.getNodeAffinity() == null
            || Matching.nullSafe(
                    a.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())
                .isEmpty()
        ? Status.skip()
        : Status.success();
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    Affinity a = pod.pod().getSpec().getAffinity();
    if (a == null || a.getNodeAffinity() == null) {
      return 0;
    }
    long sum = 0;
    for (PreferredSchedulingTerm t :
        Matching.nullSafe(
            a.getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution())) {
      if (t.getWeight() != null
          && t.getWeight() != 0
          && t.getPreference() != null
          && Matching.matches(t.getPreference(), node.node())) {
        sum += t.getWeight();
      }
    }
    return sum;
  }

  @Override
  public ScoreExtensions scoreExtensions() {
    return this;
  }

  @Override
  public Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
    Scores.defaultNormalize(scores, false);
    return Status.success();
  }

  private static NodeSelector required(PodInfo pod) {
    Affinity a = pod.pod().getSpec().getAffinity();
    return a == null || a.getNodeAffinity() == null
        ? null
        : a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
  }

  @Override
  public List<ClusterEvent> eventsToRegister() {
    return List.of(
        new ClusterEvent(
            ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_LABEL));
  }
}
