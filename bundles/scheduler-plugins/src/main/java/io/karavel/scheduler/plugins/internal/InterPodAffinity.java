package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.karavel.client.LabelSelectors;
import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.ConfigurablePlugin;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.EnqueueExtensions;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeScores;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.Plugin;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreFilterExtensions;
import io.karavel.scheduler.spi.PreFilterPlugin;
import io.karavel.scheduler.spi.PreFilterResult;
import io.karavel.scheduler.spi.PreScorePlugin;
import io.karavel.scheduler.spi.ScoreExtensions;
import io.karavel.scheduler.spi.ScorePlugin;
import io.karavel.scheduler.spi.StateData;
import io.karavel.scheduler.spi.Status;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Inter-pod affinity as upstream's plugin of that name. Filter: every required {@code podAffinity}
 * term must find a matching pod in the node's domain of its {@code topologyKey} (unless no pod in
 * the cluster matches the terms yet and the pod matches them itself: the first of its group); no
 * required {@code podAntiAffinity} term may find one; and no existing pod's required anti-affinity
 * term may match the pod within that pod's domain. Score: the weights of the pod's preferred terms
 * (minus for anti-affinity) per domain of the pods they match, plus existing pods' preferred terms
 * matching the pod and their required affinity terms at {@code hardPodAffinityWeight}, normalized
 * between the lowest and the highest node to 0..100.
 *
 * <p>A term applies to the namespaces it lists and those its {@code namespaceSelector} selects
 * ({@code {}}: all); with neither, to its own pod's namespace. Namespace labels come from the
 * namespace informer of {@link InformedClusterObjects} when it runs.
 *
 * <p>Arguments: {@code hardPodAffinityWeight} (0..100, default 1), {@code
 * ignorePreferredTermsOfExistingPods} (default false).
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + InterPodAffinity.NAME)
public final class InterPodAffinity
    implements PreFilterPlugin,
        PodDeltaExtensions,
        FilterPlugin,
        PreScorePlugin,
        ScorePlugin,
        ScoreExtensions,
        EnqueueExtensions,
        ConfigurablePlugin {
  public static final String NAME = "InterPodAffinity";
  static final String AFFINITY_REASON = "node(s) didn't match pod affinity rules";
  static final String ANTI_AFFINITY_REASON = "node(s) didn't match pod anti-affinity rules";
  static final String EXISTING_ANTI_AFFINITY_REASON =
      "node(s) didn't satisfy existing pods anti-affinity rules";
  private static final String FILTER_KEY = "PreFilter" + NAME;
  private static final String SCORE_KEY = "PreScore" + NAME;

  private final ClusterObjectsRef objects;
  private final long hardPodAffinityWeight;
  private final boolean ignorePreferredTermsOfExistingPods;

  public InterPodAffinity() {
    this(new ClusterObjectsRef(ClusterObjects.NONE), Map.of());
  }

  /** For tests: a plugin reading namespace labels from {@code objects}. */
  InterPodAffinity(ClusterObjects objects, Map<String, String> args) {
    this(new ClusterObjectsRef(objects), args);
  }

  private InterPodAffinity(ClusterObjectsRef objects, Map<String, String> args) {
    this.objects = objects;
    this.hardPodAffinityWeight = Long.parseLong(args.getOrDefault("hardPodAffinityWeight", "1"));
    if (hardPodAffinityWeight < 0 || hardPodAffinityWeight > 100) {
      throw new IllegalArgumentException(
          "hardPodAffinityWeight must be in 0..100, not " + hardPodAffinityWeight);
    }
    this.ignorePreferredTermsOfExistingPods =
        Boolean.parseBoolean(args.getOrDefault("ignorePreferredTermsOfExistingPods", "false"));
  }

  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      policyOption = ReferencePolicyOption.GREEDY)
  void bindClusterObjects(ClusterObjects o) {
    objects.bind(o);
  }

  void unbindClusterObjects(ClusterObjects o) {
    objects.unbind(o);
  }

  @Override
  public Plugin withArgs(Map<String, String> args) {
    return new InterPodAffinity(objects, args);
  }

  // ---- matching ------------------------------------------------------------------------------

  /**
   * Whether {@code term}, written in a pod of namespace {@code ownerNamespace}, matches {@code
   * target}; {@code targetNamespaceLabels} is read only when the term has a namespaceSelector.
   */
  static boolean termMatches(
      PodAffinityTerm term, String ownerNamespace, Pod target, ClusterObjects objects) {
    String ns = target.getMetadata().getNamespace();
    List<String> namespaces = term.getNamespaces();
    boolean nsMatch;
    if ((namespaces == null || namespaces.isEmpty()) && term.getNamespaceSelector() == null) {
      nsMatch = ownerNamespace.equals(ns);
    } else {
      nsMatch =
          (namespaces != null && namespaces.contains(ns))
              || (term.getNamespaceSelector() != null
                  && LabelSelectors.matches(
                      term.getNamespaceSelector(), objects.namespaceLabels(ns)));
    }
    return nsMatch
        && LabelSelectors.matches(term.getLabelSelector(), target.getMetadata().getLabels());
  }

  private static boolean matchesAll(
      List<PodAffinityTerm> terms, String ownerNamespace, Pod target, ClusterObjects objects) {
    if (terms.isEmpty()) {
      return false;
    }
    for (PodAffinityTerm t : terms) {
      if (!termMatches(t, ownerNamespace, target, objects)) {
        return false;
      }
    }
    return true;
  }

  private static String namespace(PodInfo p) {
    return p.pod().getMetadata().getNamespace();
  }

  // ---- PreFilter / Filter --------------------------------------------------------------------

  /** What Filter needs; mutable only through AddPod/RemovePod on a caller-owned copy. */
  static final class FilterState implements StateData {
    final TopologyCounts existingAntiAffinity;
    final TopologyCounts affinity;
    final TopologyCounts antiAffinity;

    FilterState(TopologyCounts existing, TopologyCounts affinity, TopologyCounts anti) {
      this.existingAntiAffinity = existing;
      this.affinity = affinity;
      this.antiAffinity = anti;
    }

    @Override
    public StateData copy() {
      return new FilterState(existingAntiAffinity.copy(), affinity.copy(), antiAffinity.copy());
    }
  }

  @Override
  public PreFilterResult preFilter(CycleState state, PodInfo pod, NodeSnapshot snapshot) {
    boolean hasRequired =
        !pod.requiredAffinityTerms().isEmpty() || !pod.requiredAntiAffinityTerms().isEmpty();
    List<NodeInfo> withAnti = snapshot.havePodsWithRequiredAntiAffinity();
    if (!hasRequired && withAnti.isEmpty()) {
      return PreFilterResult.of(Status.skip());
    }
    ClusterObjects o = objects.get();
    FilterState s =
        new FilterState(new TopologyCounts(), new TopologyCounts(), new TopologyCounts());
    for (NodeInfo node : withAnti) {
      if (node.node() == null) {
        continue;
      }
      for (PodInfo existing : node.podsWithRequiredAntiAffinity()) {
        countExistingAntiAffinity(s, pod, existing, Matching.labels(node.node()), 1, o);
      }
    }
    if (hasRequired) {
      for (NodeInfo node : snapshot.nodes()) {
        if (node.node() == null) {
          continue;
        }
        Map<String, String> labels = Matching.labels(node.node());
        for (PodInfo existing : node.pods()) {
          countIncomingTerms(s, pod, existing, labels, 1, o);
        }
      }
    }
    state.write(FILTER_KEY, s);
    return PreFilterResult.success();
  }

  private static void countExistingAntiAffinity(
      FilterState s,
      PodInfo pod,
      PodInfo existing,
      Map<String, String> nodeLabels,
      long delta,
      ClusterObjects o) {
    for (PodAffinityTerm t : existing.requiredAntiAffinityTerms()) {
      if (termMatches(t, namespace(existing), pod.pod(), o)) {
        s.existingAntiAffinity.addForNode(t.getTopologyKey(), nodeLabels, delta);
      }
    }
  }

  private static void countIncomingTerms(
      FilterState s,
      PodInfo pod,
      PodInfo existing,
      Map<String, String> nodeLabels,
      long delta,
      ClusterObjects o) {
    List<PodAffinityTerm> affinity = pod.requiredAffinityTerms();
    if (matchesAll(affinity, namespace(pod), existing.pod(), o)) {
      for (PodAffinityTerm t : affinity) {
        s.affinity.addForNode(t.getTopologyKey(), nodeLabels, delta);
      }
    }
    for (PodAffinityTerm t : pod.requiredAntiAffinityTerms()) {
      if (termMatches(t, namespace(pod), existing.pod(), o)) {
        s.antiAffinity.addForNode(t.getTopologyKey(), nodeLabels, delta);
      }
    }
  }

  @Override
  public PreFilterExtensions preFilterExtensions() {
    return this;
  }

  @Override
  public Status update(CycleState state, PodInfo pod, PodInfo other, NodeInfo node, int delta) {
    FilterState s = state.read(FILTER_KEY);
    if (s == null || node.node() == null) {
      return Status.success();
    }
    ClusterObjects o = objects.get();
    Map<String, String> labels = Matching.labels(node.node());
    countExistingAntiAffinity(s, pod, other, labels, delta, o);
    countIncomingTerms(s, pod, other, labels, delta, o);
    return Status.success();
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    FilterState s = state.read(FILTER_KEY);
    if (s == null) {
      return Status.success();
    }
    Map<String, String> labels = Matching.labels(node.node());
    if (!satisfiesAffinity(s, pod, labels)) {
      return Status.unresolvable(AFFINITY_REASON);
    }
    if (!s.antiAffinity.isEmpty()) {
      List<PodAffinityTerm> anti = pod.requiredAntiAffinityTerms();
      for (int i = 0; i < anti.size(); i++) {
        PodAffinityTerm t = anti.get(i);
        if (s.antiAffinity.get(t.getTopologyKey(), labels.get(t.getTopologyKey())) > 0) {
          return Status.unschedulable(ANTI_AFFINITY_REASON);
        }
      }
    }
    if (!s.existingAntiAffinity.isEmpty() && s.existingAntiAffinity.anyPositive(labels)) {
      return Status.unschedulable(EXISTING_ANTI_AFFINITY_REASON);
    }
    return Status.success();
  }

  private boolean satisfiesAffinity(FilterState s, PodInfo pod, Map<String, String> labels) {
    List<PodAffinityTerm> terms = pod.requiredAffinityTerms();
    boolean podsExist = true;
    for (int i = 0; i < terms.size(); i++) {
      PodAffinityTerm t = terms.get(i);
      String value = labels.get(t.getTopologyKey());
      if (value == null) {
        return false; // every term's topology label must be on the node
      }
      if (s.affinity.get(t.getTopologyKey(), value) <= 0) {
        podsExist = false;
      }
    }
    if (podsExist) {
      return true;
    }
    // The first pod of a group with affinity to itself: nothing in the cluster matches the terms
    // yet, and the pod matches them, so it may start the group anywhere.
    return s.affinity.isEmpty() && matchesAll(terms, namespace(pod), pod.pod(), objects.get());
  }

  // ---- PreScore / Score ----------------------------------------------------------------------

  private record ScoreState(TopologyCounts scores) implements StateData {
    @Override
    public StateData copy() {
      return this;
    }
  }

  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
    if (nodes.isEmpty()) {
      return Status.skip();
    }
    boolean hasPreferred =
        !pod.preferredAffinityTerms().isEmpty() || !pod.preferredAntiAffinityTerms().isEmpty();
    if (ignorePreferredTermsOfExistingPods && !hasPreferred) {
      return Status.skip();
    }
    NodeSnapshot snapshot = state.snapshot();
    List<NodeInfo> all = hasPreferred ? snapshot.nodes() : snapshot.havePodsWithAffinity();
    if (all.isEmpty()) {
      return Status.skip();
    }
    ClusterObjects o = objects.get();
    TopologyCounts scores = new TopologyCounts();
    for (NodeInfo node : all) {
      if (node.node() == null) {
        continue;
      }
      Map<String, String> labels = Matching.labels(node.node());
      for (PodInfo existing : hasPreferred ? node.pods() : node.podsWithAffinity()) {
        scoreExisting(scores, pod, existing, labels, o);
      }
    }
    state.write(SCORE_KEY, new ScoreState(scores));
    return Status.success();
  }

  private void scoreExisting(
      TopologyCounts scores,
      PodInfo pod,
      PodInfo existing,
      Map<String, String> existingNodeLabels,
      ClusterObjects o) {
    // the incoming pod's preferred terms matching the existing pod ...
    addWeighted(scores, pod.preferredAffinityTerms(), pod, existing, existingNodeLabels, 1, o);
    addWeighted(scores, pod.preferredAntiAffinityTerms(), pod, existing, existingNodeLabels, -1, o);
    // ... and the existing pod's terms matching the incoming pod
    if (hardPodAffinityWeight > 0) {
      for (PodAffinityTerm t : existing.requiredAffinityTerms()) {
        if (termMatches(t, namespace(existing), pod.pod(), o)) {
          scores.addForNode(t.getTopologyKey(), existingNodeLabels, hardPodAffinityWeight);
        }
      }
    }
    addWeighted(scores, existing.preferredAffinityTerms(), existing, pod, existingNodeLabels, 1, o);
    addWeighted(
        scores, existing.preferredAntiAffinityTerms(), existing, pod, existingNodeLabels, -1, o);
  }

  /**
   * Adds {@code sign} times the weight of each of {@code owner}'s terms matching {@code target}.
   */
  private static void addWeighted(
      TopologyCounts scores,
      List<WeightedPodAffinityTerm> terms,
      PodInfo owner,
      PodInfo target,
      Map<String, String> existingNodeLabels,
      long sign,
      ClusterObjects o) {
    for (WeightedPodAffinityTerm w : terms) {
      PodAffinityTerm t = w.getPodAffinityTerm();
      if (t != null && termMatches(t, namespace(owner), target.pod(), o)) {
        scores.addForNode(t.getTopologyKey(), existingNodeLabels, sign * weight(w));
      }
    }
  }

  private static long weight(WeightedPodAffinityTerm w) {
    return w.getWeight() == null ? 0 : w.getWeight();
  }

  /** The raw score: may be negative; {@link #normalizeScore} maps it to 0..100. */
  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    ScoreState s = state.read(SCORE_KEY);
    if (s == null || s.scores().isEmpty()) {
      return 0;
    }
    return s.scores().sumFor(Matching.labels(node.node()));
  }

  @Override
  public ScoreExtensions scoreExtensions() {
    return this;
  }

  /** Linear between the lowest (0) and the highest (100) raw score; all 0 when they are equal. */
  @Override
  public Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < scores.size(); i++) {
      min = Math.min(min, scores.score(i));
      max = Math.max(max, scores.score(i));
    }
    long diff = max - min;
    for (int i = 0; i < scores.size(); i++) {
      long s = 0;
      if (diff > 0) {
        s = (long) (MAX_NODE_SCORE * ((double) (scores.score(i) - min) / diff));
      }
      scores.set(i, s);
    }
    return Status.success();
  }

  @Override
  public List<ClusterEvent> eventsToRegister() {
    return List.of(
        new ClusterEvent(
            ClusterEvent.Resource.ASSIGNED_POD,
            ClusterEvent.ADD | ClusterEvent.DELETE | ClusterEvent.UPDATE_POD_LABEL),
        // the pod's own labels decide whether it may be the first of its group
        new ClusterEvent(ClusterEvent.Resource.POD, ClusterEvent.UPDATE_POD_LABEL),
        new ClusterEvent(
            ClusterEvent.Resource.NODE, ClusterEvent.ADD | ClusterEvent.UPDATE_NODE_LABEL));
  }
}
