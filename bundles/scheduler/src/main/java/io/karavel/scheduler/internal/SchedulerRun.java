package io.karavel.scheduler.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.karavel.scheduler.spi.ClusterEvent;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Resources;
import io.karavel.scheduler.spi.Status;
import io.karavel.scheduler.spi.WaitingPod;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler while it leads: informers on pods and nodes feed the cache and the queue; one
 * thread runs scheduling cycles; binding cycles run on a pool, so the next pod is scheduled while
 * the previous one is being bound. Everything it writes goes through the client (pods/binding,
 * events, pods/status). {@link #stop()} releases threads and watches.
 */
final class SchedulerRun {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerRun.class);

  /**
   * Events and pod status writes outstanding at once: a quarter of the default binding parallelism,
   * so that under load the API server serves the bindings first while the events still keep up with
   * a steady stream of pods (with 8 they fell behind: 1116 events for 3000 pods bound in 19 s); the
   * rest wait in a queue of {@link #MAX_WRITES_QUEUED}.
   */
  static final int MAX_WRITES_IN_FLIGHT = 16;

  static final int MAX_WRITES_QUEUED = 20_000;

  private final KubernetesClient client;
  private final SchedulerSettings settings;
  private final Supplier<Map<String, Framework>> frameworks;
  private final Clock clock = Clock.systemUTC();
  final SchedulerCache cache;
  final SchedulingQueue queue;
  final Nominator nominator = new Nominator();
  private final ExecutorService filterPool;
  private final ExecutorService bindPool;
  private final ScheduledExecutorService timer;
  private final PodReporter reporter;
  private final ApiWriter writer;
  private final Map<String, WaitingPodImpl> waiting = new ConcurrentHashMap<>();
  private final Parallelizer parallelizer;
  private SharedIndexInformer<Node> nodeInformer;
  private SharedIndexInformer<Pod> podInformer;
  private Thread loop;
  private volatile boolean running;

  final AtomicLong scheduled = new AtomicLong();
  final AtomicLong failedAttempts = new AtomicLong();
  final AtomicLong attemptNanos = new AtomicLong();

  /** CPU time of the scheduling thread in attempts (load-independent, unlike the wall clock). */
  final AtomicLong attemptCpuNanos = new AtomicLong();

  final AtomicLong attempts = new AtomicLong();

  SchedulerRun(
      KubernetesClient client,
      SchedulerSettings settings,
      Supplier<Map<String, Framework>> frameworks,
      String identity) {
    this.client = client;
    this.settings = settings;
    this.frameworks = frameworks;
    this.cache = new SchedulerCache(clock, settings.assumedPodTtl().toMillis());
    this.queue =
        new SchedulingQueue(
            clock,
            settings.initialBackoff(),
            settings.maxBackoff(),
            settings.maxInUnschedulable(),
            this::frameworkOf);
    AtomicInteger n = new AtomicInteger();
    this.filterPool =
        settings.parallelism() > 1
            ? Executors.newFixedThreadPool(
                settings.parallelism() - 1,
                r -> daemon(r, "karavel-scheduler-filter-" + n.incrementAndGet()))
            : null;
    this.parallelizer = new Parallelizer(filterPool, settings.parallelism());
    this.bindPool =
        Executors.newFixedThreadPool(
            settings.bindParallelism(),
            r -> daemon(r, "karavel-scheduler-bind-" + n.incrementAndGet()));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "karavel-scheduler-timer"));
    this.writer = new ApiWriter(client, MAX_WRITES_IN_FLIGHT, MAX_WRITES_QUEUED);
    this.reporter = new PodReporter(writer, identity);
  }

  private Supplier<Map<String, Framework>> shadows = Map::of;
  private Map<String, ShadowReport> shadowReports = new ConcurrentHashMap<>();

  /** Enables shadow mode: shadow frameworks by schedulerName, and where to report. */
  void shadows(Supplier<Map<String, Framework>> shadows, Map<String, ShadowReport> reports) {
    this.shadows = shadows;
    this.shadowReports = reports;
  }

  /** Events and pod status writes waiting to be sent, and dropped because too many waited. */
  long[] writes() {
    return new long[] {writer.queued(), writer.dropped()};
  }

  Parallelizer parallelizer() {
    return parallelizer;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  Framework frameworkOf(PodInfo pod) {
    return frameworks.get().get(schedulerName(pod.pod()));
  }

  static String schedulerName(Pod pod) {
    String n = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
    return n == null || n.isEmpty() ? ProfileDefinition.DEFAULT_SCHEDULER : n;
  }

  private boolean responsibleFor(Pod pod) {
    return frameworks.get().containsKey(schedulerName(pod));
  }

  private static boolean assigned(Pod pod) {
    return pod.getSpec() != null
        && pod.getSpec().getNodeName() != null
        && !pod.getSpec().getNodeName().isEmpty();
  }

  private static boolean terminal(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Starts informers, waits for their first list, then starts scheduling. */
  synchronized void start(Duration syncTimeout) throws InterruptedException {
    running = true;
    nodeInformer = client.nodes().runnableInformer(0);
    nodeInformer.addEventHandler(new NodeHandler());
    podInformer = client.pods().inAnyNamespace().runnableInformer(0);
    podInformer.addEventHandler(new PodHandler());
    nodeInformer.start();
    podInformer.start();
    long deadline = System.nanoTime() + syncTimeout.toNanos();
    while (running && !(nodeInformer.hasSynced() && podInformer.hasSynced())) {
      if (System.nanoTime() > deadline) {
        LOG.warn("informers not synced after {}; scheduling anyway", syncTimeout);
        break;
      }
      Thread.sleep(20);
    }
    if (!running) {
      return;
    }
    timer.scheduleWithFixedDelay(queue::flush, 1, 1, TimeUnit.SECONDS);
    timer.scheduleWithFixedDelay(this::expireAssumed, 5, 5, TimeUnit.SECONDS);
    loop = daemon(this::schedulingLoop, "karavel-scheduler");
    loop.start();
    LOG.info("scheduler started: {} nodes, {} pods cached", cache.nodeCount(), cache.podCount());
  }

  void stop() {
    running = false;
    queue.close();
    synchronized (this) {
      // waits for start() to finish, so no thread starts after this
    }
    if (nodeInformer != null) {
      nodeInformer.stop();
    }
    if (podInformer != null) {
      podInformer.stop();
    }
    waiting.values().forEach(w -> w.reject("", "scheduler stopped"));
    timer.shutdownNow();
    if (loop != null) {
      loop.interrupt();
      try {
        loop.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    bindPool.shutdown();
    try {
      bindPool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    bindPool.shutdownNow();
    writer.close(2000);
    if (filterPool != null) {
      filterPool.shutdownNow();
    }
  }

  /** Profiles or plugins changed: pick up pods of new profiles, retry the waiting ones. */
  void profilesChanged() {
    Framework def = frameworks.get().get(ProfileDefinition.DEFAULT_SCHEDULER);
    if (def == null) {
      def = frameworks.get().values().stream().findFirst().orElse(null);
    }
    queue.setQueueSort(def == null ? null : def.queueSort());
    if (podInformer != null) {
      for (Pod p : podInformer.getStore().list()) {
        if (!assigned(p)
            && !terminal(p)
            && responsibleFor(p)
            && !cache.contains(p.getMetadata().getUid())) {
          if (!queue.contains(p.getMetadata().getUid())) {
            queue.addOrUpdate(PodInfo.of(p));
          }
        }
      }
    }
    queue.reevaluateAll();
  }

  Optional<WaitingPod> waitingPod(String uid) {
    return Optional.ofNullable(waiting.get(uid));
  }

  List<WaitingPod> waitingPods() {
    return List.copyOf(waiting.values());
  }

  private void expireAssumed() {
    for (String key : cache.expireAssumed()) {
      LOG.warn("assumed pod {} was not confirmed by the informer in time; forgotten", key);
    }
  }

  // ------------------------------------------------------------------ the scheduling cycle

  private void schedulingLoop() {
    while (running) {
      try {
        Optional<SchedulingQueue.Entry> e = queue.pop(Duration.ofSeconds(1));
        if (e.isPresent()) {
          scheduleOne(e.get());
        }
      } catch (InterruptedException ie) {
        return;
      } catch (RuntimeException ex) {
        LOG.error("scheduling cycle failed", ex);
      }
    }
  }

  void scheduleOne(SchedulingQueue.Entry entry) {
    PodInfo pod = entry.pod;
    String uid = pod.uid();
    long start = System.nanoTime();
    long startCpu = threadCpuNanos();
    Framework fw = frameworkOf(pod);
    if (cache.contains(uid)) {
      queue.done(uid);
      return;
    }
    if (fw == null || fw.notRunnableReason() != null) {
      String why =
          fw == null
              ? "no profile serves schedulerName " + schedulerName(pod.pod())
              : fw.notRunnableReason();
      fail(pod, Set.of(ProfileDefinition.DEFAULT_SCHEDULER + "/profile"), "SchedulerError", why);
      return;
    }
    CycleState state = new CycleState(cache.snapshot(), fw.handle(nominator));
    Framework.ScheduleResult r = fw.schedule(state, pod);
    Framework shadow = shadows.get().get(fw.profile().schedulerName());
    if (shadow != null) {
      shadowReports
          .computeIfAbsent(fw.profile().schedulerName(), ShadowReport::new)
          .compare(shadow, state.snapshot(), pod, r.ok() ? r.node() : null);
    }
    if (!r.ok()) {
      String message = r.status().message();
      Set<String> rejectors = r.diagnosis().plugins();
      boolean error = r.status().code() == io.karavel.scheduler.spi.Code.ERROR;
      if (!error && fw.hasPostFilter() && !r.diagnosis().nodeToStatus.isEmpty()) {
        var pf = fw.runPostFilter(state, pod, Map.copyOf(r.diagnosis().nodeToStatus));
        if (!pf.status().reasons().isEmpty()) {
          message = message + " " + pf.status().message();
        }
        if (pf.status().isSuccess() && pf.nominatedNodeName() != null) {
          nominate(pod, pf.nominatedNodeName());
        }
      }
      if (state.snapshot().nodes().isEmpty()) {
        rejectors = Set.of("NoNodes");
      }
      fail(pod, error ? Set.of() : rejectors, error ? "SchedulerError" : "Unschedulable", message);
      record(start, startCpu, false);
      return;
    }
    String node = r.node();
    PodInfo assumed = assumedOn(pod, node);
    try {
      cache.assume(assumed, node);
    } catch (IllegalStateException ex) {
      queue.done(uid);
      return;
    }
    String nominatedInMemory = nominator.remove(uid);
    Status s = fw.runReserve(state, assumed, node);
    if (!s.isSuccess()) {
      unreserveAndFail(fw, state, pod, assumed, node, s);
      record(start, startCpu, false);
      return;
    }
    Framework.PermitOutcome permit = fw.runPermit(state, assumed, node);
    if (!permit.status().isSuccess() && !permit.status().isWait()) {
      unreserveAndFail(fw, state, pod, assumed, node, permit.status());
      record(start, startCpu, false);
      return;
    }
    WaitingPodImpl w = null;
    if (permit.status().isWait()) {
      w = new WaitingPodImpl(assumed, node, permit.waitingFor());
      waiting.put(uid, w);
    }
    record(start, startCpu, true);
    WaitingPodImpl waitingPod = w;
    bindPool.execute(
        () -> {
          if (bindingCycle(fw, state, pod, assumed, node, waitingPod, permit.timeout())) {
            clearNominationIfElsewhere(pod, nominatedInMemory, node);
          }
        });
  }

  /** The pod as the cache counts it once assumed: a copy bound to {@code node}. */
  static PodInfo assumedOn(PodInfo pod, String node) {
    return PodInfo.of(AssumedPods.boundTo(pod.pod(), node));
  }

  /** PostFilter nominated {@code node}: remembered for filtering and written to the pod status. */
  private void nominate(PodInfo pod, String node) {
    nominator.add(pod, node);
    if (!node.equals(statusNominated(pod.pod()))) {
      reporter.nominate(pod.pod(), node);
    }
  }

  /** A pod bound to another node than the one it was nominated to loses the nomination. */
  private void clearNominationIfElsewhere(PodInfo pod, String nominatedInMemory, String node) {
    String inStatus = statusNominated(pod.pod());
    if ((inStatus != null && !inStatus.equals(node))
        || (inStatus == null && nominatedInMemory != null && !nominatedInMemory.equals(node))) {
      reporter.nominate(pod.pod(), null);
    }
  }

  static String statusNominated(Pod pod) {
    String n = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
    return n == null || n.isEmpty() ? null : n;
  }

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  /** The calling thread's CPU time, or 0 where the JVM does not measure it. */
  private static long threadCpuNanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0;
  }

  private void record(long startNanos, long startCpuNanos, boolean ok) {
    attempts.incrementAndGet();
    attemptNanos.addAndGet(System.nanoTime() - startNanos);
    attemptCpuNanos.addAndGet(threadCpuNanos() - startCpuNanos);
    if (!ok) {
      failedAttempts.incrementAndGet();
    }
  }

  /** Returns whether the pod was bound. */
  private boolean bindingCycle(
      Framework fw,
      CycleState state,
      PodInfo pod,
      PodInfo assumed,
      String node,
      WaitingPodImpl w,
      Duration timeout) {
    String uid = pod.uid();
    try {
      if (w != null) {
        Status s;
        try {
          s = w.await(timeout);
        } finally {
          waiting.remove(uid);
        }
        if (!s.isSuccess()) {
          unreserveAndFail(fw, state, pod, assumed, node, s);
          return false;
        }
      }
      Status s = fw.runPreBind(state, assumed, node);
      if (s.isSuccess()) {
        s = fw.runBind(state, assumed, node);
      }
      if (!s.isSuccess()) {
        unreserveAndFail(
            fw,
            state,
            pod,
            assumed,
            node,
            Status.error("binding rejected: " + s.message()).withPlugin(s.plugin()));
        return false;
      }
      cache.finishBinding(uid);
      queue.done(uid);
      scheduled.incrementAndGet();
      reporter.scheduled(pod.pod(), node);
      fw.runPostBind(state, assumed, node);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unreserveAndFail(fw, state, pod, assumed, node, Status.error("scheduler stopped"));
    } catch (RuntimeException e) {
      LOG.error("binding cycle of {} failed", pod.key(), e);
      unreserveAndFail(fw, state, pod, assumed, node, Status.error(e));
    }
    return false;
  }

  private void unreserveAndFail(
      Framework fw, CycleState state, PodInfo pod, PodInfo assumed, String node, Status s) {
    fw.runUnreserve(state, assumed, node);
    cache.forget(pod.uid());
    boolean rejected = s.isRejected();
    fail(
        pod,
        rejected ? Set.of(s.plugin()) : Set.of(),
        rejected ? "Unschedulable" : "SchedulerError",
        rejected ? s.message() : s.message());
  }

  private void fail(PodInfo pod, Set<String> rejectors, String reason, String message) {
    queue.requeueFailed(pod.uid(), rejectors, message);
    if (running) {
      reporter.failed(pod.pod(), reason, message);
    }
  }

  // ------------------------------------------------------------------ informer handlers

  private final class NodeHandler implements ResourceEventHandler<Node> {
    @Override
    public void onAdd(Node node) {
      cache.addNode(node);
      queue.onEvent(new ClusterEvent(ClusterEvent.Resource.NODE, ClusterEvent.ADD));
    }

    @Override
    public void onUpdate(Node old, Node node) {
      cache.addNode(node);
      int actions = nodeChanges(old, node);
      if (actions != 0) {
        queue.onEvent(new ClusterEvent(ClusterEvent.Resource.NODE, actions));
      }
    }

    @Override
    public void onDelete(Node node, boolean unknownFinalState) {
      cache.removeNode(node.getMetadata().getName());
    }
  }

  /** Which of the update kinds plugins register for differ between two versions of a node. */
  static int nodeChanges(Node a, Node b) {
    int actions = 0;
    if (!Objects.equals(
        Resources.of(a.getStatus() == null ? null : a.getStatus().getAllocatable()),
        Resources.of(b.getStatus() == null ? null : b.getStatus().getAllocatable()))) {
      actions |= ClusterEvent.UPDATE_NODE_ALLOCATABLE;
    }
    if (!Objects.equals(a.getMetadata().getLabels(), b.getMetadata().getLabels())) {
      actions |= ClusterEvent.UPDATE_NODE_LABEL;
    }
    if (!Objects.equals(
            a.getSpec() == null ? null : a.getSpec().getTaints(),
            b.getSpec() == null ? null : b.getSpec().getTaints())
        || !Objects.equals(
            a.getSpec() == null ? null : a.getSpec().getUnschedulable(),
            b.getSpec() == null ? null : b.getSpec().getUnschedulable())) {
      actions |= ClusterEvent.UPDATE_NODE_TAINT;
    }
    if (!conditionStatuses(a).equals(conditionStatuses(b))) {
      actions |= ClusterEvent.UPDATE_NODE_CONDITION;
    }
    if (!Objects.equals(a.getMetadata().getAnnotations(), b.getMetadata().getAnnotations())) {
      actions |= ClusterEvent.UPDATE_NODE_ANNOTATION;
    }
    return actions;
  }

  private static Map<String, String> conditionStatuses(Node n) {
    Map<String, String> m = new java.util.HashMap<>();
    if (n.getStatus() != null && n.getStatus().getConditions() != null) {
      for (NodeCondition c : n.getStatus().getConditions()) {
        m.put(c.getType(), c.getStatus());
      }
    }
    return m;
  }

  private final class PodHandler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      if (assigned(pod)) {
        cache.addOrUpdatePod(pod);
        queue.delete(pod.getMetadata().getUid());
        nominator.remove(pod.getMetadata().getUid());
        queue.onEvent(new ClusterEvent(ClusterEvent.Resource.ASSIGNED_POD, ClusterEvent.ADD));
      } else if (!terminal(pod) && responsibleFor(pod)) {
        PodInfo info = PodInfo.of(pod);
        String nominated = statusNominated(pod);
        if (nominated != null) {
          nominator.add(info, nominated);
        }
        queue.addOrUpdate(info);
      }
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
      String uid = pod.getMetadata().getUid();
      if (assigned(pod)) {
        cache.addOrUpdatePod(pod);
        queue.delete(uid);
        nominator.remove(uid);
        int actions = assigned(old) ? podChanges(old, pod) : ClusterEvent.ADD;
        if (actions != 0) {
          queue.onEvent(new ClusterEvent(ClusterEvent.Resource.ASSIGNED_POD, actions));
        }
      } else if (terminal(pod)) {
        queue.delete(uid);
        nominator.remove(uid);
      } else if (!cache.isAssumed(uid) && responsibleFor(pod)) {
        String wasNominated = statusNominated(old);
        String nominated = statusNominated(pod);
        // A nomination cleared by someone else (a higher-priority preemptor took the node) makes
        // the pod worth another attempt at once, as a spec change does.
        boolean relevant =
            !Objects.equals(old.getSpec(), pod.getSpec())
                || !Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels())
                || !Objects.equals(
                    old.getMetadata().getAnnotations(), pod.getMetadata().getAnnotations())
                || (wasNominated != null && nominated == null);
        PodInfo info = PodInfo.of(pod);
        nominator.update(info, wasNominated, nominated);
        queue.addOrUpdate(info, relevant);
      }
    }

    @Override
    public void onDelete(Pod pod, boolean unknownFinalState) {
      String uid = pod.getMetadata().getUid();
      queue.delete(uid);
      nominator.remove(uid);
      WaitingPodImpl w = waiting.get(uid);
      if (w != null) {
        w.reject("", "pod deleted");
      }
      if (cache.contains(uid)) {
        cache.removePod(uid);
        queue.onEvent(new ClusterEvent(ClusterEvent.Resource.ASSIGNED_POD, ClusterEvent.DELETE));
      }
    }
  }

  static int podChanges(Pod a, Pod b) {
    int actions = 0;
    if (!Objects.equals(a.getMetadata().getLabels(), b.getMetadata().getLabels())) {
      actions |= ClusterEvent.UPDATE_POD_LABEL;
    }
    Resources ra = Resources.podRequests(a, false);
    Resources rb = Resources.podRequests(b, false);
    if (rb.milliCpu() < ra.milliCpu() || rb.memory() < ra.memory()) {
      actions |= ClusterEvent.UPDATE_POD_SCALE_DOWN;
    }
    return actions;
  }
}
