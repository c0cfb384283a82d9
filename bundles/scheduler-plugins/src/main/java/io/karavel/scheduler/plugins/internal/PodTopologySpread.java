package io.karavel.scheduler.plugins.internal;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Pod topology spread as upstream's plugin of that name.
 *
 * <p>Filter, for {@code whenUnsatisfiable: DoNotSchedule}: a node fits when placing the pod there
 * keeps the number of matching pods in its topology domain at most {@code maxSkew} above the least
 * populated eligible domain (0 when fewer than {@code minDomains} domains exist). Eligible nodes
 * carry every constraint's topology key and, by {@code nodeAffinityPolicy} (default Honor) and
 * {@code nodeTaintsPolicy} (default Ignore), match the pod's node selector / affinity and tolerate
 * its taints. {@code matchLabelKeys} are honoured. AddPod/RemovePod update the counts for
 * preemption's and nominated pods' what-if runs by the same rules.
 *
 * <p>Score, for {@code ScheduleAnyway}: per constraint, the matching pods of the node's domain
 * times {@code log(domains + 2)} plus {@code maxSkew - 1}, summed; normalized so that the least
 * loaded node gets 100. Nodes lacking a topology key of the pod's own constraints get 0.
 *
 * <p>Pods without constraints of their own get the cluster default constraints ({@code
 * defaultingType} System: hostname maxSkew 3 and zone maxSkew 5, both ScheduleAnyway; List: {@code
 * defaultConstraints}) when they belong to a Service, ReplicationController, ReplicaSet or
 * StatefulSet, whose selectors select the pods counted. Those selectors come from {@link
 * InformedClusterObjects}; until its informers have synced, a pod's own controller (owner reference
 * of one of those kinds) is used instead: the pods with the same controller are counted.
 */
@Component(service = Plugin.class, property = Plugin.NAME + "=" + PodTopologySpread.NAME)
public final class PodTopologySpread
    implements PreFilterPlugin,
        PodDeltaExtensions,
        FilterPlugin,
        PreScorePlugin,
        ScorePlugin,
        ScoreExtensions,
        EnqueueExtensions,
        ConfigurablePlugin {
  public static final String NAME = "PodTopologySpread";
  static final String REASON = "node(s) didn't match pod topology spread constraints";
  static final String MISSING_LABEL =
      "node(s) didn't match pod topology spread constraints (missing required label)";
  static final String HOSTNAME = "kubernetes.io/hostname";
  static final String ZONE = "topology.kubernetes.io/zone";
  static final String DO_NOT_SCHEDULE = "DoNotSchedule";
  static final String SCHEDULE_ANYWAY = "ScheduleAnyway";
  private static final String KEY = "PreFilter" + NAME;
  private static final String SCORE_KEY = "PreScore" + NAME;
  private static final NodeAffinity NODE_AFFINITY = new NodeAffinity();
  private static final Set<String> OWNER_KINDS =
      Set.of("ReplicationController", "ReplicaSet", "StatefulSet");

  /** A cluster default constraint: no selector of its own. */
  record DefaultConstraint(String topologyKey, int maxSkew, String whenUnsatisfiable) {}

  static final List<DefaultConstraint> SYSTEM_DEFAULTS =
      List.of(
          new DefaultConstraint(HOSTNAME, 3, SCHEDULE_ANYWAY),
          new DefaultConstraint(ZONE, 5, SCHEDULE_ANYWAY));

  /** Which pods a constraint counts, besides being in the pod's namespace and not terminating. */
  private interface PodMatcher {
    boolean matches(Pod other);
  }

  /** A constraint ready to count: the pod's own or a default one. */
  private record Constraint(
      String topologyKey,
      int maxSkew,
      Integer minDomains,
      String nodeAffinityPolicy,
      String nodeTaintsPolicy,
      PodMatcher selector) {}

  /**
   * One hard constraint: the matching pods per eligible domain (domains with none count as 0) and
   * how many domains hold each count, so that the smallest count stays exact under AddPod/RemovePod
   * whichever domains change. (Upstream keeps only the two lowest domains, exact as long as a
   * what-if run changes one domain only; the histogram holds for any sequence.)
   */
  private static final class Counted {
    final Constraint constraint;
    final int self;
    final Map<String, Integer> counts;
    final TreeMap<Integer, Integer> domainsByCount;

    Counted(Constraint constraint, int self, Map<String, Integer> counts) {
      this(constraint, self, counts, new TreeMap<>());
      counts.values().forEach(n -> domainsByCount.merge(n, 1, Integer::sum));
    }

    private Counted(
        Constraint constraint,
        int self,
        Map<String, Integer> counts,
        TreeMap<Integer, Integer> domainsByCount) {
      this.constraint = constraint;
      this.self = self;
      this.counts = counts;
      this.domainsByCount = domainsByCount;
    }

    int count(String value) {
      Integer n = counts.get(value);
      return n == null ? 0 : n;
    }

    /** The global minimum: the smallest domain count, 0 with fewer domains than minDomains. */
    int min() {
      Integer minDomains = constraint.minDomains();
      if (domainsByCount.isEmpty() || (minDomains != null && counts.size() < minDomains)) {
        return 0;
      }
      return domainsByCount.firstKey();
    }

    void add(String value, int delta) {
      Integer before = counts.get(value);
      int after = (before == null ? 0 : before) + delta;
      if (before != null) {
        domainsByCount.computeIfPresent(before, (k, n) -> n == 1 ? null : n - 1);
      }
      counts.put(value, after);
      domainsByCount.merge(after, 1, Integer::sum);
    }

    Counted copy() {
      return new Counted(constraint, self, new HashMap<>(counts), new TreeMap<>(domainsByCount));
    }
  }

  /**
   * What Filter needs; changed only by AddPod/RemovePod on a caller-owned copy. A copy shares the
   * counts until either side changes them (most what-if runs change nothing: the pods they add or
   * remove rarely match a constraint), so cloning the cycle state stays cheap with many domains.
   */
  private static final class State implements StateData {
    /**
     * The hard constraints, as PreFilter found them; {@code constraints[i]} counts {@code
     * hard.get(i)}.
     */
    final List<Constraint> hard;

    private Counted[] constraints;
    private volatile boolean shared;

    State(List<Constraint> hard, Counted[] constraints) {
      this.hard = hard;
      this.constraints = constraints;
    }

    @Override
    public StateData copy() {
      shared = true;
      State c = new State(hard, constraints);
      c.shared = true;
      return c;
    }

    /** The constraints, copied first if a copy of this state shares them. */
    Counted[] forUpdate() {
      if (shared) {
        Counted[] own = new Counted[constraints.length];
        for (int i = 0; i < own.length; i++) {
          own[i] = constraints[i].copy();
        }
        constraints = own;
        shared = false;
      }
      return constraints;
    }
  }

  /** Soft constraints with counts per domain, normalizing weights and the ignored nodes. */
  private record ScoreState(
      List<Constraint> constraints,
      List<Map<String, Integer>> counts,
      double[] weights,
      Set<String> ignored)
      implements StateData {
    @Override
    public StateData copy() {
      return this;
    }
  }

  private final ClusterObjectsRef objects;
  private final boolean systemDefaulted;
  private final List<DefaultConstraint> defaults;

  public PodTopologySpread() {
    this(new ClusterObjectsRef(ClusterObjects.NONE), Map.of());
  }

  /** For tests: a plugin reading owners' selectors from {@code objects}. */
  PodTopologySpread(ClusterObjects objects, Map<String, String> args) {
    this(new ClusterObjectsRef(objects), args);
  }

  private PodTopologySpread(ClusterObjectsRef objects, Map<String, String> args) {
    this.objects = objects;
    String type = args.getOrDefault("defaultingType", "System");
    String list = args.getOrDefault("defaultConstraints", "").trim();
    switch (type) {
      case "System" -> {
        if (!list.isEmpty()) {
          throw new IllegalArgumentException(
              "defaultConstraints must be empty when defaultingType is System");
        }
        systemDefaulted = true;
        defaults = SYSTEM_DEFAULTS;
      }
      case "List" -> {
        systemDefaulted = false;
        defaults = parseDefaults(list);
      }
      default ->
          throw new IllegalArgumentException("defaultingType must be System or List, not " + type);
    }
  }

  /** {@code topologyKey:maxSkew:whenUnsatisfiable} entries separated by commas. */
  static List<DefaultConstraint> parseDefaults(String list) {
    List<DefaultConstraint> l = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String entry : list.split(",")) {
      String e = entry.trim();
      if (e.isEmpty()) {
        continue;
      }
      String[] parts = e.split(":");
      if (parts.length != 3) {
        throw new IllegalArgumentException(
            "default constraint '" + e + "' is not topologyKey:maxSkew:whenUnsatisfiable");
      }
      int skew;
      try {
        skew = Integer.parseInt(parts[1].trim());
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException("maxSkew of '" + e + "' is not a number");
      }
      String when = parts[2].trim();
      if (skew <= 0) {
        throw new IllegalArgumentException("maxSkew of '" + e + "' must be greater than 0");
      }
      if (!DO_NOT_SCHEDULE.equals(when) && !SCHEDULE_ANYWAY.equals(when)) {
        throw new IllegalArgumentException(
            "whenUnsatisfiable of '" + e + "' must be DoNotSchedule or ScheduleAnyway");
      }
      if (!seen.add(parts[0].trim() + ":" + when)) {
        throw new IllegalArgumentException("duplicate default constraint '" + e + "'");
      }
      l.add(new DefaultConstraint(parts[0].trim(), skew, when));
    }
    return List.copyOf(l);
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
    return new PodTopologySpread(objects, args);
  }

  // ---- constraints ---------------------------------------------------------------------------

  /** The pod's constraints of that kind, or the defaults when it has none of its own. */
  private List<Constraint> constraints(PodInfo pod, String whenUnsatisfiable) {
    List<TopologySpreadConstraint> own =
        Matching.nullSafe(pod.pod().getSpec().getTopologySpreadConstraints());
    String ns = pod.pod().getMetadata().getNamespace();
    List<Constraint> l = new ArrayList<>();
    if (!own.isEmpty()) {
      Map<String, String> podLabels = labels(pod.pod());
      for (TopologySpreadConstraint c : own) {
        if (whenUnsatisfiable.equals(c.getWhenUnsatisfiable())) {
          LabelSelector selector = withMatchLabelKeys(c, podLabels);
          l.add(
              new Constraint(
                  c.getTopologyKey(),
                  c.getMaxSkew() == null ? 1 : c.getMaxSkew(),
                  c.getMinDomains(),
                  c.getNodeAffinityPolicy(),
                  c.getNodeTaintsPolicy(),
                  other ->
                      inNamespace(other, ns) && LabelSelectors.matches(selector, labels(other))));
        }
      }
      return l;
    }
    PodMatcher selector = null;
    for (DefaultConstraint d : defaults) {
      if (!whenUnsatisfiable.equals(d.whenUnsatisfiable())) {
        continue;
      }
      if (selector == null) {
        selector = defaultSelector(pod.pod());
        if (selector == null) {
          return List.of();
        }
      }
      l.add(new Constraint(d.topologyKey(), d.maxSkew(), null, null, null, selector));
    }
    return l;
  }

  /**
   * The selector of the default constraints: the owners' selectors ANDed (as upstream merges them),
   * or, without synced informers, the pods sharing the pod's controller. Null: no owner.
   */
  private PodMatcher defaultSelector(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    ClusterObjects o = objects.get();
    if (o.synced()) {
      List<LabelSelector> selectors = o.ownerSelectors(pod);
      if (selectors.isEmpty()) {
        return null;
      }
      return other -> {
        if (!inNamespace(other, ns)) {
          return false;
        }
        for (LabelSelector s : selectors) {
          if (!LabelSelectors.matches(s, labels(other))) {
            return false;
          }
        }
        return true;
      };
    }
    OwnerReference controller = InformedClusterObjects.controllerOf(pod);
    if (controller == null
        || !OWNER_KINDS.contains(controller.getKind())
        || controller.getUid() == null) {
      return null;
    }
    String uid = controller.getUid();
    return other -> {
      if (!inNamespace(other, ns)) {
        return false;
      }
      OwnerReference c = InformedClusterObjects.controllerOf(other);
      return c != null && uid.equals(c.getUid());
    };
  }

  private static boolean inNamespace(Pod other, String ns) {
    return other.getMetadata().getDeletionTimestamp() == null
        && ns.equals(other.getMetadata().getNamespace());
  }

  private static int countMatching(List<PodInfo> pods, PodMatcher selector) {
    int n = 0;
    for (PodInfo p : pods) {
      if (selector.matches(p.pod())) {
        n++;
      }
    }
    return n;
  }

  private static boolean hasAllKeys(Map<String, String> nodeLabels, List<Constraint> all) {
    for (Constraint c : all) {
      if (!nodeLabels.containsKey(c.topologyKey())) {
        return false;
      }
    }
    return true;
  }

  /** Whether the node's pods count for {@code c}, by its node inclusion policies. */
  private static boolean included(CycleState state, PodInfo pod, NodeInfo node, Constraint c) {
    return included(
        pod, node, c, !honorsNodeAffinity(c) || NODE_AFFINITY.filter(state, pod, node).isSuccess());
  }

  /**
   * As {@link #included(CycleState, PodInfo, NodeInfo, Constraint)}, with whether the node passes
   * the pod's required node affinity already known ({@code fitsNodeAffinity}, read only when {@code
   * c} honors node affinity).
   */
  private static boolean included(
      PodInfo pod, NodeInfo node, Constraint c, boolean fitsNodeAffinity) {
    if (honorsNodeAffinity(c) && !fitsNodeAffinity) {
      return false;
    }
    if ("Honor".equals(c.nodeTaintsPolicy()) && node.node().getSpec() != null) {
      for (Taint t : Matching.nullSafe(node.node().getSpec().getTaints())) {
        if (("NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))
            && !Matching.tolerated(pod.pod().getSpec().getTolerations(), t)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean honorsNodeAffinity(Constraint c) {
    return !"Ignore".equals(c.nodeAffinityPolicy());
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

  // ---- PreFilter / Filter --------------------------------------------------------------------

  @Override
  public PreFilterResult preFilter(CycleState state, PodInfo pod, NodeSnapshot snapshot) {
    List<Constraint> hard = constraints(pod, DO_NOT_SCHEDULE);
    if (hard.isEmpty()) {
      return PreFilterResult.of(Status.skip());
    }
    // One pass over the nodes for every constraint: a node's labels, keys and node affinity are
    // looked at once, not once per constraint.
    boolean anyHonorsNodeAffinity = false;
    List<Map<String, Integer>> countsOf = new ArrayList<>(hard.size());
    for (Constraint c : hard) {
      anyHonorsNodeAffinity |= honorsNodeAffinity(c);
      countsOf.add(new HashMap<>());
    }
    for (NodeInfo node : snapshot.nodes()) {
      if (node.node() == null) {
        continue;
      }
      Map<String, String> labels = Matching.labels(node.node());
      if (!hasAllKeys(labels, hard)) {
        continue;
      }
      boolean fitsNodeAffinity =
          !anyHonorsNodeAffinity || NODE_AFFINITY.filter(state, pod, node).isSuccess();
      for (int i = 0; i < hard.size(); i++) {
        Constraint c = hard.get(i);
        if (included(pod, node, c, fitsNodeAffinity)) {
          countsOf
              .get(i)
              .merge(
                  labels.get(c.topologyKey()),
                  countMatching(node.pods(), c.selector()),
                  Integer::sum);
        }
      }
    }
    Counted[] counted = new Counted[hard.size()];
    for (int i = 0; i < hard.size(); i++) {
      Constraint c = hard.get(i);
      counted[i] = new Counted(c, c.selector().matches(pod.pod()) ? 1 : 0, countsOf.get(i));
    }
    state.write(KEY, new State(hard, counted));
    return PreFilterResult.success();
  }

  @Override
  public PreFilterExtensions preFilterExtensions() {
    return this;
  }

  /**
   * Counts {@code other} in (delta 1) or out (-1) of its node's domains, for each constraint whose
   * selector matches it (same namespace, not terminating: the pods PreFilter counts), when the node
   * carries every constraint's key and passes the constraint's node inclusion policies.
   */
  @Override
  public Status update(CycleState state, PodInfo pod, PodInfo other, NodeInfo node, int delta) {
    State s = state.read(KEY);
    if (s == null || node.node() == null) {
      return Status.success();
    }
    Map<String, String> labels = Matching.labels(node.node());
    if (!hasAllKeys(labels, s.hard)) {
      return Status.success();
    }
    Counted[] constraints = s.constraints;
    boolean fitsNodeAffinity = true;
    boolean affinityKnown = false;
    for (int i = 0; i < constraints.length; i++) {
      Constraint c = constraints[i].constraint;
      if (!c.selector().matches(other.pod())) {
        continue;
      }
      if (honorsNodeAffinity(c) && !affinityKnown) {
        fitsNodeAffinity = NODE_AFFINITY.filter(state, pod, node).isSuccess();
        affinityKnown = true;
      }
      if (included(pod, node, c, fitsNodeAffinity)) {
        s.forUpdate()[i].add(labels.get(c.topologyKey()), delta);
      }
    }
    return Status.success();
  }

  @Override
  public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
    State s = state.read(KEY);
    if (s == null) {
      return Status.success();
    }
    Map<String, String> labels = Matching.labels(node.node());
    for (Counted c : s.constraints) {
      String value = labels.get(c.constraint.topologyKey());
      if (value == null) {
        return Status.unresolvable(MISSING_LABEL);
      }
      int skew = c.count(value) + c.self - c.min();
      if (skew > c.constraint.maxSkew()) {
        return Status.unschedulable(REASON);
      }
    }
    return Status.success();
  }

  // ---- PreScore / Score ----------------------------------------------------------------------

  @Override
  public Status preScore(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
    if (nodes.isEmpty()) {
      return Status.skip();
    }
    List<Constraint> soft = constraints(pod, SCHEDULE_ANYWAY);
    if (soft.isEmpty()) {
      return Status.skip();
    }
    // With the pod's own constraints (or listed defaults) a node must carry every key to be
    // scored; with the system defaults a node is scored by the keys it has.
    boolean requireAll =
        !Matching.nullSafe(pod.pod().getSpec().getTopologySpreadConstraints()).isEmpty()
            || !systemDefaulted;
    Set<String> ignored = new HashSet<>();
    List<Map<String, Integer>> counts = new ArrayList<>(soft.size());
    for (int i = 0; i < soft.size(); i++) {
      counts.add(new HashMap<>());
    }
    for (NodeInfo node : nodes) {
      Map<String, String> labels = Matching.labels(node.node());
      if (requireAll && !hasAllKeys(labels, soft)) {
        ignored.add(node.name());
        continue;
      }
      for (int i = 0; i < soft.size(); i++) {
        String key = soft.get(i).topologyKey();
        if (!HOSTNAME.equals(key)) {
          // a node without the key (system defaults only) makes one domain of its own, as upstream
          counts.get(i).putIfAbsent(labels.getOrDefault(key, ""), 0);
        }
      }
    }
    double[] weights = new double[soft.size()];
    for (int i = 0; i < soft.size(); i++) {
      int size =
          HOSTNAME.equals(soft.get(i).topologyKey())
              ? nodes.size() - ignored.size()
              : counts.get(i).size();
      weights[i] = Math.log(size + 2);
    }
    for (NodeInfo node : state.snapshot().nodes()) {
      if (node.node() == null) {
        continue;
      }
      Map<String, String> labels = Matching.labels(node.node());
      if (requireAll && !hasAllKeys(labels, soft)) {
        continue;
      }
      for (int i = 0; i < soft.size(); i++) {
        Constraint c = soft.get(i);
        if (HOSTNAME.equals(c.topologyKey())) {
          continue; // counted on the scored node itself
        }
        Map<String, Integer> m = counts.get(i);
        String value = labels.getOrDefault(c.topologyKey(), "");
        if (m.containsKey(value) && included(state, pod, node, c)) {
          m.merge(value, countMatching(node.pods(), c.selector()), Integer::sum);
        }
      }
    }
    state.write(SCORE_KEY, new ScoreState(soft, counts, weights, ignored));
    return Status.success();
  }

  @Override
  public long score(CycleState state, PodInfo pod, NodeInfo node) {
    ScoreState s = state.read(SCORE_KEY);
    if (s == null || s.ignored().contains(node.name())) {
      return 0;
    }
    Map<String, String> labels = Matching.labels(node.node());
    double score = 0;
    for (int i = 0; i < s.constraints().size(); i++) {
      Constraint c = s.constraints().get(i);
      String value = labels.get(c.topologyKey());
      if (value == null) {
        continue;
      }
      long count;
      if (HOSTNAME.equals(c.topologyKey())) {
        count = countMatching(node.pods(), c.selector());
      } else {
        Integer n = s.counts().get(i).get(value);
        count = n == null ? 0 : n;
      }
      score += count * s.weights()[i] + (c.maxSkew() - 1);
    }
    return Math.round(score);
  }

  @Override
  public ScoreExtensions scoreExtensions() {
    return this;
  }

  /**
   * The least loaded scored node gets 100, the others {@code 100 * (max + min - score) / max};
   * ignored nodes 0; when every score is 0, all scored nodes get 100.
   */
  @Override
  public Status normalizeScore(CycleState state, PodInfo pod, NodeScores scores) {
    ScoreState s = state.read(SCORE_KEY);
    if (s == null) {
      return Status.success();
    }
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < scores.size(); i++) {
      if (s.ignored().contains(scores.node(i).name())) {
        continue;
      }
      min = Math.min(min, scores.score(i));
      max = Math.max(max, scores.score(i));
    }
    for (int i = 0; i < scores.size(); i++) {
      if (s.ignored().contains(scores.node(i).name())) {
        scores.set(i, 0);
      } else if (max == 0) {
        scores.set(i, MAX_NODE_SCORE);
      } else {
        scores.set(i, MAX_NODE_SCORE * (max + min - scores.score(i)) / max);
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
