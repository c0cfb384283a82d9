package io.karavel.scheduler.internal;

import io.karavel.scheduler.spi.BindPlugin;
import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.Code;
import io.karavel.scheduler.spi.ConfigurablePlugin;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.EnqueueExtensions;
import io.karavel.scheduler.spi.FilterPlugin;
import io.karavel.scheduler.spi.FrameworkHandle;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeScores;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PermitPlugin;
import io.karavel.scheduler.spi.PermitResult;
import io.karavel.scheduler.spi.PluginException;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PostBindPlugin;
import io.karavel.scheduler.spi.PostFilterPlugin;
import io.karavel.scheduler.spi.PostFilterResult;
import io.karavel.scheduler.spi.PreBindPlugin;
import io.karavel.scheduler.spi.PreEnqueuePlugin;
import io.karavel.scheduler.spi.PreFilterExtensions;
import io.karavel.scheduler.spi.PreFilterPlugin;
import io.karavel.scheduler.spi.PreFilterResult;
import io.karavel.scheduler.spi.PreScorePlugin;
import io.karavel.scheduler.spi.QueueSortPlugin;
import io.karavel.scheduler.spi.ReservePlugin;
import io.karavel.scheduler.spi.ScoreExtensions;
import io.karavel.scheduler.spi.ScorePlugin;
import io.karavel.scheduler.spi.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One profile's plugins, resolved and ordered, and the code that runs them: the scheduling cycle
 * (PreFilter, parallel Filter over a share of the nodes, PostFilter, PreScore, parallel Score,
 * NormalizeScore, host selection, Reserve, Permit) and the binding cycle (PreBind, Bind, PostBind).
 * Immutable once built; a profile or plugin change builds a new Framework.
 */
final class Framework {
  private static final Logger LOG = LoggerFactory.getLogger(Framework.class);

  /** Below this many nodes every node is filtered (upstream's minFeasibleNodesToFind). */
  static final int MIN_FEASIBLE_NODES_TO_FIND = 100;

  static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

  /**
   * Filter and Score plugins are timed on one cycle in this many (upstream samples plugin metrics
   * the same way, at 10 %); the sampled calls and time count this many times. Timing every call
   * cost two clock reads per filter and node, more than most filters themselves.
   */
  static final int TIMING_SAMPLE = 10;

  /** A plugin as the profile runs it. */
  record Entry<T>(String name, T plugin, PluginMetrics.Counter counter) {}

  private final ProfileDefinition profile;
  private final Set<String> missing;
  private final String argsError;
  private final Map<ExtensionPoint, List<Entry<?>>> points = new EnumMap<>(ExtensionPoint.class);
  private final Map<String, List<ClusterEvent>> interests = new HashMap<>();
  private final java.util.function.Supplier<Parallelizer> parallelizer;
  private final AtomicInteger nextStartNodeIndex = new AtomicInteger();
  private final AtomicInteger cycles = new AtomicInteger();

  private Framework(
      ProfileDefinition profile,
      Function<String, Object> lookup,
      java.util.function.Supplier<Parallelizer> parallelizer,
      PluginMetrics metrics) {
    this.profile = profile;
    this.parallelizer = parallelizer;
    Set<String> absent = new LinkedHashSet<>();
    Map<String, Object> instances = new HashMap<>();
    String error = null;
    Set<String> names = new LinkedHashSet<>(profile.plugins());
    profile.overrides().values().forEach(names::addAll);
    for (String name : names) {
      Object service = lookup.apply(name);
      if (service == null) {
        absent.add(name);
        continue;
      }
      if (service instanceof ConfigurablePlugin c && profile.args().containsKey(name)) {
        try {
          service = c.withArgs(profile.args().get(name));
        } catch (RuntimeException e) {
          error = "invalid arguments of plugin " + name + ": " + e.getMessage();
        }
      }
      instances.put(name, service);
    }
    for (ExtensionPoint p : ExtensionPoint.values()) {
      List<String> listed = profile.overrides().getOrDefault(p, profile.plugins());
      List<Entry<?>> entries = new ArrayList<>();
      for (String name : listed) {
        Object o = instances.get(name);
        if (o == null) {
          continue;
        }
        if (!p.type.isInstance(o)) {
          if (profile.overrides().containsKey(p)) {
            error = "plugin " + name + " does not implement " + p.key;
          }
          continue;
        }
        entries.add(new Entry<>(name, o, metrics.counter(p.key, name)));
        if (p == ExtensionPoint.PRE_ENQUEUE
            || p == ExtensionPoint.PRE_FILTER
            || p == ExtensionPoint.FILTER
            || p == ExtensionPoint.RESERVE
            || p == ExtensionPoint.PERMIT) {
          interests.put(
              name,
              o instanceof EnqueueExtensions e
                  ? List.copyOf(e.eventsToRegister())
                  : List.of(ClusterEvent.WILDCARD_EVENT));
        }
      }
      points.put(p, List.copyOf(entries));
    }
    if (error == null && absent.isEmpty() && !profile.schedulerName().endsWith("/shadow")) {
      if (points.get(ExtensionPoint.QUEUE_SORT).size() != 1) {
        error = "a profile needs exactly one queueSort plugin";
      } else if (points.get(ExtensionPoint.BIND).isEmpty()) {
        error = "a profile needs at least one bind plugin";
      }
    }
    this.missing = Set.copyOf(absent);
    this.argsError = error;
  }

  static Framework build(
      ProfileDefinition profile,
      Function<String, Object> lookup,
      java.util.function.Supplier<Parallelizer> parallelizer,
      PluginMetrics metrics) {
    return new Framework(profile, lookup, parallelizer, metrics);
  }

  ProfileDefinition profile() {
    return profile;
  }

  /** Why this profile cannot schedule, or null if it can. */
  String notRunnableReason() {
    if (!missing.isEmpty()) {
      return "profile "
          + profile.schedulerName()
          + " cannot run: plugin(s) not installed: "
          + String.join(", ", missing);
    }
    return argsError == null
        ? null
        : "profile " + profile.schedulerName() + " cannot run: " + argsError;
  }

  Set<String> missingPlugins() {
    return missing;
  }

  /** Names of the plugins at an extension point, in order. */
  List<String> pluginNames(ExtensionPoint p) {
    return points.get(p).stream().map(Entry::name).toList();
  }

  @SuppressWarnings("unchecked")
  private <T> List<Entry<T>> at(ExtensionPoint p) {
    return (List<Entry<T>>) (List<?>) points.get(p);
  }

  QueueSortPlugin queueSort() {
    List<Entry<QueueSortPlugin>> l = at(ExtensionPoint.QUEUE_SORT);
    return l.isEmpty() ? null : l.get(0).plugin();
  }

  /** Whether a pod rejected by {@code plugins} may become schedulable after {@code event}. */
  boolean interested(Set<String> plugins, ClusterEvent event) {
    if (plugins.isEmpty()) {
      return true;
    }
    for (String p : plugins) {
      for (ClusterEvent registered :
          interests.getOrDefault(p, List.of(ClusterEvent.WILDCARD_EVENT))) {
        if (registered.matches(event)) {
          return true;
        }
      }
    }
    return false;
  }

  // ------------------------------------------------------------------ PreEnqueue

  Status runPreEnqueue(PodInfo pod) {
    for (Entry<PreEnqueuePlugin> e : this.<PreEnqueuePlugin>at(ExtensionPoint.PRE_ENQUEUE)) {
      long t = System.nanoTime();
      Status s = call(() -> e.plugin().preEnqueue(pod));
      e.counter().add(System.nanoTime() - t);
      if (!s.isSuccess()) {
        return s.withPlugin(e.name());
      }
    }
    return Status.success();
  }

  // ------------------------------------------------------------------ scheduling cycle

  /** The outcome of filtering and scoring. */
  record ScheduleResult(
      String node, int evaluatedNodes, int feasibleNodes, Status status, Diagnosis diagnosis) {
    boolean ok() {
      return node != null;
    }
  }

  ScheduleResult schedule(CycleState state, PodInfo pod) {
    NodeSnapshot snapshot = state.snapshot();
    Diagnosis diagnosis = new Diagnosis();
    int all = snapshot.nodes().size();
    if (all == 0) {
      return new ScheduleResult(null, 0, 0, Status.unschedulable(Diagnosis.NO_NODES), diagnosis);
    }
    // PreFilter
    Set<String> allowed = null;
    for (Entry<PreFilterPlugin> e : this.<PreFilterPlugin>at(ExtensionPoint.PRE_FILTER)) {
      long t = System.nanoTime();
      PreFilterResult r;
      try {
        r = e.plugin().preFilter(state, pod, snapshot);
      } catch (RuntimeException ex) {
        r = PreFilterResult.of(statusOf(ex));
      }
      e.counter().add(System.nanoTime() - t);
      Status s = r.status().withPlugin(e.name());
      if (s.isSkip()) {
        state.skipFilterPlugins().add(e.name());
        continue;
      }
      if (!s.isSuccess()) {
        if (s.isRejected()) {
          for (NodeInfo n : snapshot.nodes()) {
            diagnosis.nodeToStatus.put(n.name(), s);
          }
          diagnosis.unschedulablePlugins.add(e.name());
          diagnosis.preFilterMessage = s.message();
          return new ScheduleResult(
              null,
              0,
              0,
              Status.of(s.code(), diagnosis.message(all)).withPlugin(e.name()),
              diagnosis);
        }
        return new ScheduleResult(null, 0, 0, s, diagnosis);
      }
      if (r.nodeNames() != null) {
        if (allowed == null) {
          allowed = new HashSet<>(r.nodeNames());
        } else {
          allowed.retainAll(r.nodeNames());
        }
      }
    }
    List<NodeInfo> candidates = snapshot.nodes();
    if (allowed != null) {
      List<NodeInfo> l = new ArrayList<>(allowed.size());
      Status excluded =
          Status.unresolvable("node(s) didn't satisfy plugin(s) restricting the candidate nodes");
      for (NodeInfo n : candidates) {
        if (allowed.contains(n.name())) {
          l.add(n);
        } else {
          diagnosis.nodeToStatus.put(n.name(), excluded);
        }
      }
      candidates = l;
    }
    // The node preemption nominated is tried first (upstream's evaluateNominatedNode).
    String nominated = nominatedNodeOf(state, pod);
    if (nominated != null && (allowed == null || allowed.contains(nominated))) {
      NodeInfo n = snapshot.get(nominated);
      if (n != null) {
        Status s =
            runFiltersWithNominatedPods(
                activeFilters(state), state, pod, n, nominator(state), false);
        if (s.isSuccess()) {
          return new ScheduleResult(nominated, 1, 1, Status.success(), diagnosis);
        }
        if (s.code() == Code.ERROR) {
          return new ScheduleResult(null, 1, 0, s, diagnosis);
        }
      }
    }
    // Filter
    boolean timed = timedCycle();
    List<NodeInfo> feasible = findFeasible(state, pod, candidates, diagnosis, timed);
    if (diagnosis.errorStatus != null) {
      return new ScheduleResult(null, candidates.size(), 0, diagnosis.errorStatus, diagnosis);
    }
    if (feasible.isEmpty()) {
      return new ScheduleResult(
          null, candidates.size(), 0, Status.unschedulable(diagnosis.message(all)), diagnosis);
    }
    if (feasible.size() == 1) {
      return new ScheduleResult(
          feasible.get(0).name(), candidates.size(), 1, Status.success(), diagnosis);
    }
    // PreScore, Score
    try {
      long[] totals = score(state, pod, feasible, timed);
      return new ScheduleResult(
          selectHost(feasible, totals),
          candidates.size(),
          feasible.size(),
          Status.success(),
          diagnosis);
    } catch (PluginException e) {
      return new ScheduleResult(null, candidates.size(), feasible.size(), e.status(), diagnosis);
    }
  }

  /** How many feasible nodes to look for among {@code numAllNodes} (upstream's formula). */
  int numFeasibleNodesToFind(int numAllNodes) {
    int percentage = profile.percentageOfNodesToScore();
    if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) {
      return numAllNodes;
    }
    if (percentage == 0) {
      percentage = 50 - numAllNodes / 125;
      if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) {
        percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
      }
    }
    int n = (int) ((long) numAllNodes * percentage / 100);
    return Math.max(n, MIN_FEASIBLE_NODES_TO_FIND);
  }

  private List<NodeInfo> findFeasible(
      CycleState state, PodInfo pod, List<NodeInfo> nodes, Diagnosis diagnosis, boolean timed) {
    int n = nodes.size();
    if (n == 0) {
      return List.of();
    }
    List<Entry<FilterPlugin>> filters = activeFilters(state);
    Nominator nominator = nominator(state);
    int toFind = numFeasibleNodesToFind(n);
    NodeInfo[] found = new NodeInfo[toFind];
    AtomicInteger foundCount = new AtomicInteger();
    AtomicInteger processed = new AtomicInteger();
    int start = Math.floorMod(nextStartNodeIndex.get(), n);
    parallelizer
        .get()
        .until(
            n,
            i -> {
              NodeInfo node = nodes.get((start + i) % n);
              Status s = runFiltersWithNominatedPods(filters, state, pod, node, nominator, timed);
              processed.incrementAndGet();
              if (s.isSuccess()) {
                int idx = foundCount.incrementAndGet();
                if (idx > toFind) {
                  foundCount.decrementAndGet();
                  processed.decrementAndGet();
                } else {
                  found[idx - 1] = node;
                }
              } else if (s.code() == Code.ERROR) {
                diagnosis.errorStatus = s;
                return false;
              } else {
                diagnosis.nodeToStatus.put(node.name(), s);
                diagnosis.unschedulablePlugins.add(s.plugin());
              }
              return foundCount.get() < toFind;
            });
    nextStartNodeIndex.set((start + processed.get()) % n);
    int count = Math.min(foundCount.get(), toFind);
    List<NodeInfo> result = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      result.add(found[i]);
    }
    return result;
  }

  /**
   * Runs the filters on one node; stops at the first that does not succeed. {@code timed}: count
   * each call and its time, {@link #TIMING_SAMPLE} times.
   */
  Status runFilters(
      List<Entry<FilterPlugin>> filters,
      CycleState state,
      PodInfo pod,
      NodeInfo node,
      boolean timed) {
    for (int i = 0, size = filters.size(); i < size; i++) {
      Entry<FilterPlugin> e = filters.get(i);
      long t = timed ? System.nanoTime() : 0;
      Status s;
      try {
        s = e.plugin().filter(state, pod, node);
      } catch (RuntimeException ex) {
        s = statusOf(ex);
      }
      if (timed) {
        e.counter().add(TIMING_SAMPLE, (System.nanoTime() - t) * TIMING_SAMPLE);
      }
      if (!s.isSuccess()) {
        return s.withPlugin(e.name());
      }
    }
    return Status.success();
  }

  /** Runs every filter of the profile on one node (used by PostFilter plugins' dry runs). */
  Status runFilters(CycleState state, PodInfo pod, NodeInfo node) {
    return runFilters(activeFilters(state), state, pod, node, false);
  }

  /** Whether this cycle's filters and scores are timed: one in {@link #TIMING_SAMPLE}. */
  private boolean timedCycle() {
    return cycles.getAndIncrement() % TIMING_SAMPLE == 0;
  }

  private List<Entry<FilterPlugin>> activeFilters(CycleState state) {
    List<Entry<FilterPlugin>> all = this.<FilterPlugin>at(ExtensionPoint.FILTER);
    if (state.skipFilterPlugins().isEmpty()) {
      return all;
    }
    List<Entry<FilterPlugin>> filters = new ArrayList<>(all);
    filters.removeIf(e -> state.skipFilterPlugins().contains(e.name()));
    return filters;
  }

  /**
   * Upstream's two-pass rule: when pods of equal or higher priority are nominated to the node, the
   * filters run with them added (node and a copy of the state) and, if the pod fits, again without
   * them, so that the pod fits whether or not the nominated pods arrive.
   */
  Status runFiltersWithNominatedPods(
      List<Entry<FilterPlugin>> filters,
      CycleState state,
      PodInfo pod,
      NodeInfo node,
      Nominator nominator,
      boolean timed) {
    List<PodInfo> nominated = nominator == null ? List.of() : nominator.podsFor(node.name());
    if (nominated.isEmpty()) {
      return runFilters(filters, state, pod, node, timed);
    }
    CycleState withNominated = null;
    NodeInfo nodeWithNominated = node;
    for (PodInfo p : nominated) {
      if (p.priority() < pod.priority() || p.uid().equals(pod.uid())) {
        continue;
      }
      if (withNominated == null) {
        withNominated = state.copy();
      }
      nodeWithNominated = nodeWithNominated.withPod(p, node.generation());
      Status s = runPreFilterAddPod(withNominated, pod, p, nodeWithNominated);
      if (!s.isSuccess()) {
        return s;
      }
    }
    if (withNominated == null) {
      return runFilters(filters, state, pod, node, timed);
    }
    Status s = runFilters(filters, withNominated, pod, nodeWithNominated, timed);
    if (!s.isSuccess()) {
      return s;
    }
    return runFilters(filters, state, pod, node, timed);
  }

  Status runPreFilterAddPod(CycleState state, PodInfo pod, PodInfo toAdd, NodeInfo node) {
    return runPreFilterExtensions(state, ext -> ext.addPod(state, pod, toAdd, node));
  }

  Status runPreFilterRemovePod(CycleState state, PodInfo pod, PodInfo toRemove, NodeInfo node) {
    return runPreFilterExtensions(state, ext -> ext.removePod(state, pod, toRemove, node));
  }

  /** Calls {@code op} on the extensions of every PreFilter plugin not skipped, in order. */
  private Status runPreFilterExtensions(
      CycleState state, Function<PreFilterExtensions, Status> op) {
    for (Entry<PreFilterPlugin> e : this.<PreFilterPlugin>at(ExtensionPoint.PRE_FILTER)) {
      PreFilterExtensions ext = extensions(e, state);
      if (ext != null) {
        Status s = call(() -> op.apply(ext));
        if (!s.isSuccess()) {
          return s.withPlugin(e.name());
        }
      }
    }
    return Status.success();
  }

  private static PreFilterExtensions extensions(Entry<PreFilterPlugin> e, CycleState state) {
    if (state.skipFilterPlugins().contains(e.name())) {
      return null;
    }
    try {
      return e.plugin().preFilterExtensions();
    } catch (RuntimeException ex) {
      LOG.warn("preFilterExtensions of {} failed", e.name(), ex);
      return null;
    }
  }

  /** The framework handle a cycle of this profile gets, over {@code nominator} (may be null). */
  FrameworkHandle handle(Nominator nominator) {
    return new Handle(nominator);
  }

  /** The cycle's nominator, or null when there is none or it holds no nomination (fast path). */
  private static Nominator nominator(CycleState state) {
    return state.framework() instanceof Handle h && h.nominator != null && !h.nominator.isEmpty()
        ? h.nominator
        : null;
  }

  private static String nominatedNodeOf(CycleState state, PodInfo pod) {
    Nominator n = nominator(state);
    String node = n == null ? null : n.nominatedNode(pod.uid());
    if (node == null) {
      return SchedulerRun.statusNominated(pod.pod());
    }
    return node.isEmpty() ? null : node;
  }

  /** {@link FrameworkHandle} of one cycle: this profile's plugins and the run's nominator. */
  private final class Handle implements FrameworkHandle {
    private final Nominator nominator;

    Handle(Nominator nominator) {
      this.nominator = nominator;
    }

    @Override
    public String profileName() {
      return profile.schedulerName();
    }

    @Override
    public Status runFilterPluginsWithNominatedPods(CycleState state, PodInfo pod, NodeInfo node) {
      return runFiltersWithNominatedPods(activeFilters(state), state, pod, node, nominator, false);
    }

    @Override
    public Status runPreFilterExtensionAddPod(
        CycleState state, PodInfo podToSchedule, PodInfo podToAdd, NodeInfo node) {
      return runPreFilterAddPod(state, podToSchedule, podToAdd, node);
    }

    @Override
    public Status runPreFilterExtensionRemovePod(
        CycleState state, PodInfo podToSchedule, PodInfo podToRemove, NodeInfo node) {
      return runPreFilterRemovePod(state, podToSchedule, podToRemove, node);
    }

    @Override
    public List<PodInfo> nominatedPodsForNode(String nodeName) {
      return nominator == null ? List.of() : nominator.podsFor(nodeName);
    }
  }

  private long[] score(CycleState state, PodInfo pod, List<NodeInfo> feasible, boolean timed) {
    for (Entry<PreScorePlugin> e : this.<PreScorePlugin>at(ExtensionPoint.PRE_SCORE)) {
      long t = System.nanoTime();
      Status s = call(() -> e.plugin().preScore(state, pod, feasible));
      e.counter().add(System.nanoTime() - t);
      if (s.isSkip()) {
        state.skipScorePlugins().add(e.name());
      } else if (!s.isSuccess()) {
        throw new PluginException(s.withPlugin(e.name()));
      }
    }
    int n = feasible.size();
    NodeInfo[] nodes = feasible.toArray(NodeInfo[]::new);
    List<Entry<ScorePlugin>> all = this.<ScorePlugin>at(ExtensionPoint.SCORE);
    List<Entry<ScorePlugin>> active = new ArrayList<>(all.size());
    for (Entry<ScorePlugin> e : all) {
      if (!state.skipScorePlugins().contains(e.name())) {
        active.add(e);
      }
    }
    int k = active.size();
    long[][] scores = new long[k][n];
    Status[] failure = new Status[1];
    // One pass over the nodes runs every Score plugin (one hand-over to the helper threads per
    // cycle, not one per plugin); a plugin's time is its calls' time plus its NormalizeScore.
    parallelizer
        .get()
        .until(
            n,
            i -> {
              for (int j = 0; j < k; j++) {
                Entry<ScorePlugin> e = active.get(j);
                long t = timed ? System.nanoTime() : 0;
                try {
                  scores[j][i] = e.plugin().score(state, pod, nodes[i]);
                } catch (RuntimeException ex) {
                  failure[0] = statusOf(ex).withPlugin(e.name());
                  return false;
                }
                if (timed) {
                  e.counter().nanos().add((System.nanoTime() - t) * TIMING_SAMPLE);
                }
              }
              return true;
            });
    if (failure[0] != null) {
      throw new PluginException(failure[0]);
    }
    long[] totals = new long[n];
    for (int j = 0; j < k; j++) {
      Entry<ScorePlugin> e = active.get(j);
      long[] pluginScores = scores[j];
      long t = System.nanoTime();
      ScoreExtensions ext = e.plugin().scoreExtensions();
      if (ext != null) {
        Status s = call(() -> ext.normalizeScore(state, pod, new NodeScores(nodes, pluginScores)));
        if (!s.isSuccess()) {
          throw new PluginException(s.withPlugin(e.name()));
        }
      }
      e.counter().add(System.nanoTime() - t);
      int weight = profile.weight(e.name());
      for (int i = 0; i < n; i++) {
        long v = pluginScores[i];
        if (v < ScorePlugin.MIN_NODE_SCORE || v > ScorePlugin.MAX_NODE_SCORE) {
          throw new PluginException(
              Status.error(
                      "plugin "
                          + e.name()
                          + " returns an invalid score "
                          + v
                          + ", it should in the range of [0, 100] after normalizing")
                  .withPlugin(e.name()));
        }
        totals[i] += v * weight;
      }
    }
    return totals;
  }

  /** The node with the highest total; ties broken uniformly at random (reservoir sampling). */
  static String selectHost(List<NodeInfo> nodes, long[] totals) {
    int best = 0;
    int ties = 1;
    for (int i = 1; i < totals.length; i++) {
      if (totals[i] > totals[best]) {
        best = i;
        ties = 1;
      } else if (totals[i] == totals[best]) {
        ties++;
        if (ThreadLocalRandom.current().nextInt(ties) == 0) {
          best = i;
        }
      }
    }
    return nodes.get(best).name();
  }

  // ------------------------------------------------------------------ PostFilter

  PostFilterResult runPostFilter(CycleState state, PodInfo pod, Map<String, Status> nodeStatus) {
    PostFilterResult last = PostFilterResult.of(Status.unschedulable());
    for (Entry<PostFilterPlugin> e : this.<PostFilterPlugin>at(ExtensionPoint.POST_FILTER)) {
      long t = System.nanoTime();
      PostFilterResult r;
      try {
        r = e.plugin().postFilter(state, pod, nodeStatus);
      } catch (RuntimeException ex) {
        r = PostFilterResult.of(statusOf(ex));
      }
      e.counter().add(System.nanoTime() - t);
      r = new PostFilterResult(r.status().withPlugin(e.name()), r.nominatedNodeName());
      if (r.status().isSuccess() || r.status().code() == Code.UNSCHEDULABLE_AND_UNRESOLVABLE) {
        return r;
      }
      last = r;
    }
    return last;
  }

  boolean hasPostFilter() {
    return !points.get(ExtensionPoint.POST_FILTER).isEmpty();
  }

  // ------------------------------------------------------------------ Reserve, Permit

  Status runReserve(CycleState state, PodInfo pod, String node) {
    for (Entry<ReservePlugin> e : this.<ReservePlugin>at(ExtensionPoint.RESERVE)) {
      long t = System.nanoTime();
      Status s = call(() -> e.plugin().reserve(state, pod, node));
      e.counter().add(System.nanoTime() - t);
      if (!s.isSuccess()) {
        return s.withPlugin(e.name());
      }
    }
    return Status.success();
  }

  /** Calls every Reserve plugin's unreserve, in reverse order; never fails. */
  void runUnreserve(CycleState state, PodInfo pod, String node) {
    List<Entry<ReservePlugin>> l = this.<ReservePlugin>at(ExtensionPoint.RESERVE);
    for (int i = l.size() - 1; i >= 0; i--) {
      Entry<ReservePlugin> e = l.get(i);
      try {
        e.plugin().unreserve(state, pod, node);
      } catch (RuntimeException ex) {
        LOG.warn("unreserve of {} failed for {}", e.name(), pod.key(), ex);
      }
    }
  }

  /** Permit: a rejection, success, or wait with the plugins waited for and the smallest timeout. */
  record PermitOutcome(Status status, Set<String> waitingFor, Duration timeout) {}

  PermitOutcome runPermit(CycleState state, PodInfo pod, String node) {
    Set<String> waiting = new LinkedHashSet<>();
    Duration timeout = null;
    for (Entry<PermitPlugin> e : this.<PermitPlugin>at(ExtensionPoint.PERMIT)) {
      long t = System.nanoTime();
      PermitResult r;
      try {
        r = e.plugin().permit(state, pod, node);
      } catch (RuntimeException ex) {
        r = PermitResult.reject(statusOf(ex));
      }
      e.counter().add(System.nanoTime() - t);
      Status s = r.status().withPlugin(e.name());
      if (s.isWait()) {
        waiting.add(e.name());
        if (timeout == null || r.timeout().compareTo(timeout) < 0) {
          timeout = r.timeout();
        }
      } else if (!s.isSuccess()) {
        return new PermitOutcome(s, Set.of(), Duration.ZERO);
      }
    }
    return waiting.isEmpty()
        ? new PermitOutcome(Status.success(), Set.of(), Duration.ZERO)
        : new PermitOutcome(Status.of(Code.WAIT), waiting, timeout);
  }

  // ------------------------------------------------------------------ binding cycle

  Status runPreBind(CycleState state, PodInfo pod, String node) {
    for (Entry<PreBindPlugin> e : this.<PreBindPlugin>at(ExtensionPoint.PRE_BIND)) {
      long t = System.nanoTime();
      Status s = call(() -> e.plugin().preBind(state, pod, node));
      e.counter().add(System.nanoTime() - t);
      if (!s.isSuccess() && !s.isSkip()) {
        return s.withPlugin(e.name());
      }
    }
    return Status.success();
  }

  Status runBind(CycleState state, PodInfo pod, String node) {
    for (Entry<BindPlugin> e : this.<BindPlugin>at(ExtensionPoint.BIND)) {
      long t = System.nanoTime();
      Status s = call(() -> e.plugin().bind(state, pod, node));
      e.counter().add(System.nanoTime() - t);
      if (!s.isSkip()) {
        return s.withPlugin(e.name());
      }
    }
    return Status.error("no bind plugin bound the pod").withPlugin("");
  }

  void runPostBind(CycleState state, PodInfo pod, String node) {
    for (Entry<PostBindPlugin> e : this.<PostBindPlugin>at(ExtensionPoint.POST_BIND)) {
      long t = System.nanoTime();
      try {
        e.plugin().postBind(state, pod, node);
      } catch (RuntimeException ex) {
        LOG.warn("postBind of {} failed for {}", e.name(), pod.key(), ex);
      }
      e.counter().add(System.nanoTime() - t);
    }
  }

  private static Status call(java.util.function.Supplier<Status> call) {
    try {
      Status s = call.get();
      return s == null ? Status.error("plugin returned no status") : s;
    } catch (RuntimeException e) {
      return statusOf(e);
    }
  }

  private static Status statusOf(RuntimeException e) {
    return e instanceof PluginException p ? p.status() : Status.error(e);
  }
}
