package io.karavel.nodesimulator.internal;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.karavel.client.KubeClientProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pools of simulated nodes through the API, as kubelets would: registers each Node Ready,
 * renews its Lease in {@code kube-node-lease}, reports its status now and then, marks the pods
 * bound to it Running after a delay and finishes their graceful deletion. No containers run. It
 * does nothing until a pool is started ({@code kube:simulate-nodes} or a pool configuration).
 * Timing changes ({@code config:edit io.karavel.nodesimulator}) apply live to running pools.
 */
@Component(service = NodeSimulator.class, configurationPid = NodeSimulatorConfig.PID)
@Designate(ocd = NodeSimulatorConfig.class)
public final class NodeSimulator {
  private static final Logger LOG = LoggerFactory.getLogger(NodeSimulator.class);
  private static final PatchContext MERGE = PatchContext.of(PatchType.JSON_MERGE);

  private final KubeClientProvider clients;
  private volatile NodeSimulatorConfig config;
  private final Map<String, SimulatedPool> pools = new ConcurrentHashMap<>();
  private final Map<String, SimulatedNode> nodes = new ConcurrentHashMap<>();

  /** Pods (by uid) whose Running status is scheduled or written; forgotten when they go. */
  private final Set<String> started = ConcurrentHashMap.newKeySet();

  /** Pods (by uid) whose deletion this simulator is finishing. */
  private final Set<String> deleting = ConcurrentHashMap.newKeySet();

  private final AtomicLong writes = new AtomicLong();
  private final AtomicLong failedWrites = new AtomicLong();
  private PodNetwork network;
  private ScheduledThreadPoolExecutor executor;
  private KubernetesClient client;
  private ApiPatcher patcher;
  private SharedIndexInformer<Pod> pods;

  @Activate
  public NodeSimulator(@Reference KubeClientProvider clients, NodeSimulatorConfig config) {
    this.clients = clients;
    this.config = config;
    this.network = new PodNetwork(config.podCidr(), config.nodeCidrMaskSize());
  }

  @Modified
  void modified(NodeSimulatorConfig config) {
    // Timers read the config at every run; the network keeps its subnets (only new pools would
    // see a new CIDR, and mixing two would be confusing): it changes when no pool runs.
    this.config = config;
    synchronized (this) {
      if (pools.isEmpty()) {
        network = new PodNetwork(config.podCidr(), config.nodeCidrMaskSize());
      }
      if (executor != null) {
        executor.setCorePoolSize(Math.max(1, config.writeThreads()));
      }
    }
  }

  @Deactivate
  synchronized void deactivate() {
    for (SimulatedPool p : pools.values()) {
      p.stop();
    }
    pools.clear();
    nodes.clear();
    stopMachinery();
  }

  // ------------------------------------------------------------------ pools

  /**
   * Starts a pool: registers its nodes (adopting nodes of the same names that exist already) and
   * keeps them alive until {@link #stop}. Returns when every node is registered.
   */
  public SimulatedPool start(PoolSpec spec) throws InterruptedException, TimeoutException {
    SimulatedPool pool;
    synchronized (this) {
      if (pools.containsKey(spec.name())) {
        throw new IllegalArgumentException("pool " + spec.name() + " runs already");
      }
      for (int i = 0; i < spec.count(); i++) {
        SimulatedNode other = nodes.get(spec.nodeName(i));
        if (other != null) {
          throw new IllegalArgumentException(
              "node " + spec.nodeName(i) + " belongs to pool " + other.pool.spec().name());
        }
      }
      startMachinery();
      pool = new SimulatedPool(spec, Instant.now());
      pools.put(spec.name(), pool);
      for (int i = 0; i < spec.count(); i++) {
        SimulatedNode n = new SimulatedNode(pool, i, network.assign(spec.nodeName(i)));
        pool.nodes.add(n);
        nodes.put(n.name, n);
      }
    }
    List<CompletableFuture<Void>> registrations = new ArrayList<>();
    for (SimulatedNode n : pool.nodes) {
      registrations.add(CompletableFuture.runAsync(() -> register(n), executor));
    }
    try {
      CompletableFuture.allOf(registrations.toArray(CompletableFuture[]::new)).get();
    } catch (java.util.concurrent.ExecutionException e) {
      stop(spec.name(), false);
      Throwable cause =
          e.getCause() instanceof java.util.concurrent.CompletionException ce
              ? ce.getCause()
              : e.getCause();
      throw new IllegalStateException(
          "pool " + spec.name() + " failed to register: " + cause, cause);
    }
    pool.registered = Instant.now();
    LOG.info(
        "simulated node pool {}: {} nodes registered in {} ms",
        spec.name(),
        spec.count(),
        Duration.between(pool.started, pool.registered).toMillis());
    // Pods bound before the pool existed (a restart) are picked up now.
    if (pods != null) {
      pods.getStore().list().forEach(this::podChanged);
    }
    return pool;
  }

  /**
   * Stops a pool: no more renewals, status reports or pod updates for its nodes (their Leases
   * expire as if the kubelets died). With {@code delete} the Nodes, their Leases and the pods bound
   * to them are deleted too, as the pod garbage collector would do after the nodes go.
   *
   * @return false if there is no such pool
   */
  public boolean stop(String name, boolean delete) {
    SimulatedPool pool;
    synchronized (this) {
      pool = pools.remove(name);
      if (pool == null) {
        return false;
      }
      pool.stop();
      for (SimulatedNode n : pool.nodes) {
        nodes.remove(n.name, n);
      }
    }
    if (delete && client != null) {
      deleteNodes(pool);
    }
    synchronized (this) {
      for (SimulatedNode n : pool.nodes) {
        network.release(n.name);
      }
      if (pools.isEmpty()) {
        stopMachinery();
      }
    }
    return true;
  }

  private void deleteNodes(SimulatedPool pool) {
    Set<String> names = ConcurrentHashMap.newKeySet();
    pool.nodes.forEach(n -> names.add(n.name));
    List<CompletableFuture<Void>> work = new ArrayList<>();
    ScheduledThreadPoolExecutor ex = executor;
    for (SimulatedNode n : pool.nodes) {
      Runnable r =
          () -> {
            quietly(() -> client.nodes().withName(n.name).delete());
            quietly(
                () ->
                    client
                        .leases()
                        .inNamespace(SimulatedObjects.LEASE_NAMESPACE)
                        .withName(n.name)
                        .delete());
          };
      work.add(ex != null ? CompletableFuture.runAsync(r, ex) : CompletableFuture.runAsync(r));
    }
    if (pods != null) {
      for (Pod p : pods.getStore().list()) {
        if (names.contains(p.getSpec().getNodeName())) {
          quietly(
              () ->
                  client
                      .pods()
                      .inNamespace(p.getMetadata().getNamespace())
                      .withName(p.getMetadata().getName())
                      .withGracePeriod(0)
                      .delete());
        }
      }
    }
    CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
  }

  /** The running pools, by name. */
  public List<SimulatedPool> pools() {
    List<SimulatedPool> out = new ArrayList<>(pools.values());
    out.sort(Comparator.comparing(p -> p.spec().name()));
    return out;
  }

  /** Pods bound to the nodes of {@code pool} whose phase is Running, from the informer's cache. */
  public int runningPods(SimulatedPool pool) {
    SharedIndexInformer<Pod> informer = pods;
    if (informer == null) {
      return 0;
    }
    int n = 0;
    for (Pod p : informer.getStore().list()) {
      SimulatedNode node = nodes.get(String.valueOf(p.getSpec().getNodeName()));
      if (node != null
          && node.pool == pool
          && p.getStatus() != null
          && "Running".equals(p.getStatus().getPhase())) {
        n++;
      }
    }
    return n;
  }

  /** API writes made and failed since activation. */
  public long[] writes() {
    return new long[] {writes.get(), failedWrites.get()};
  }

  NodeSimulatorConfig config() {
    return config;
  }

  // ------------------------------------------------------------------ machinery

  private void startMachinery() throws InterruptedException, TimeoutException {
    if (executor == null) {
      executor = new ScheduledThreadPoolExecutor(Math.max(1, config.writeThreads()), threads());
      executor.setRemoveOnCancelPolicy(true);
    }
    if (client == null) {
      client = clients.awaitClient(Duration.ofSeconds(30));
      patcher = new ApiPatcher(client, config.maxInFlightWrites());
    }
    NodeSimulatorConfig c = config;
    if (pods == null && (c.markPodsRunning() || c.finishPodDeletion())) {
      SharedIndexInformer<Pod> informer = client.pods().inAnyNamespace().runnableInformer(0);
      informer.addEventHandler(
          new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
              podChanged(pod);
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
              podChanged(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean unknownFinalState) {
              podGone(pod);
            }
          });
      informer.start();
      pods = informer;
    }
  }

  private void stopMachinery() {
    if (pods != null) {
      pods.stop();
      pods = null;
    }
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
    started.clear();
    deleting.clear();
    client = null; // owned by the provider
    patcher = null;
  }

  private static java.util.concurrent.ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "karavel-node-simulator-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  // ------------------------------------------------------------------ nodes

  private void register(SimulatedNode n) {
    Instant now = Instant.now();
    Node node = SimulatedObjects.node(n.pool.spec(), n.index, n.subnet, now);
    Node stored;
    try {
      stored = client.nodes().resource(node).create();
      writes.incrementAndGet();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // A node of that name exists (an earlier run): take it over and report Ready.
      stored =
          client
              .nodes()
              .withName(n.name)
              .subresource("status")
              .patch(MERGE, json(Map.of("status", node.getStatus())));
      writes.incrementAndGet();
    }
    n.uid = stored.getMetadata().getUid();
    n.readySince = now;
    Lease lease =
        SimulatedObjects.lease(n.name, n.uid, config.leaseDurationSeconds(), Instant.now());
    try {
      client.leases().inNamespace(SimulatedObjects.LEASE_NAMESPACE).resource(lease).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      client
          .leases()
          .inNamespace(SimulatedObjects.LEASE_NAMESPACE)
          .withName(n.name)
          .patch(MERGE, json(Map.of("spec", lease.getSpec())));
    }
    writes.incrementAndGet();
    // Spread the nodes' timers over the interval, as independent kubelets would be.
    scheduleRenewal(n, jitter(config.leaseRenewIntervalSeconds()));
    scheduleStatusReport(n, jitter(config.nodeStatusReportSeconds()));
  }

  private static long jitter(int seconds) {
    return seconds <= 0 ? 0 : ThreadLocalRandom.current().nextLong(seconds * 1000L) + 1;
  }

  private void scheduleRenewal(SimulatedNode n, long delayMillis) {
    int interval = config.leaseRenewIntervalSeconds();
    ScheduledThreadPoolExecutor ex = executor;
    if (interval <= 0 || n.pool.stopped || ex == null) {
      return;
    }
    n.leaseTask =
        ex.schedule(
            () -> {
              renewLease(n);
              scheduleRenewal(n, config.leaseRenewIntervalSeconds() * 1000L);
            },
            delayMillis,
            TimeUnit.MILLISECONDS);
  }

  private void renewLease(SimulatedNode n) {
    ApiPatcher p = patcher;
    if (n.pool.stopped || p == null) {
      return;
    }
    patch(p, ApiPatcher.leasePath(n.name), SimulatedObjects.leaseRenewal(Instant.now()))
        .thenAccept(
            code -> {
              if (code == 200) {
                n.leaseRenewals.incrementAndGet();
                return;
              }
              ScheduledThreadPoolExecutor ex = executor;
              if (code == 404 && ex != null && !n.pool.stopped) {
                // Someone deleted the Lease: register it again, as the kubelet does.
                ex.execute(
                    () ->
                        quietly(
                            () ->
                                client
                                    .leases()
                                    .inNamespace(SimulatedObjects.LEASE_NAMESPACE)
                                    .resource(
                                        SimulatedObjects.lease(
                                            n.name,
                                            n.uid,
                                            config.leaseDurationSeconds(),
                                            Instant.now()))
                                    .create()));
              } else {
                LOG.debug("renewing the Lease of {} failed: HTTP {}", n.name, code);
              }
            });
  }

  /** Sends a merge patch counted in writes or failedWrites; completes with the status code. */
  private CompletableFuture<Integer> patch(ApiPatcher p, String path, String json) {
    return p.mergePatch(path, json)
        .thenApply(
            code -> {
              (code == 200 ? writes : failedWrites).incrementAndGet();
              return code;
            });
  }

  private void scheduleStatusReport(SimulatedNode n, long delayMillis) {
    int interval = config.nodeStatusReportSeconds();
    ScheduledThreadPoolExecutor ex = executor;
    if (interval <= 0 || n.pool.stopped || ex == null) {
      return;
    }
    n.statusTask =
        ex.schedule(
            () -> {
              reportStatus(n);
              scheduleStatusReport(n, config.nodeStatusReportSeconds() * 1000L);
            },
            delayMillis,
            TimeUnit.MILLISECONDS);
  }

  private void reportStatus(SimulatedNode n) {
    ApiPatcher p = patcher;
    if (n.pool.stopped || p == null) {
      return;
    }
    String patch =
        json(
            Map.of(
                "status",
                Map.of("conditions", SimulatedObjects.conditions(Instant.now(), n.readySince))));
    patch(p, ApiPatcher.nodeStatusPath(n.name), patch)
        .thenAccept(
            code -> {
              if (code == 200) {
                n.statusReports.incrementAndGet();
              } else {
                LOG.debug("status report of {} failed: HTTP {}", n.name, code);
              }
            });
  }

  // ------------------------------------------------------------------ pods

  void podChanged(Pod pod) {
    String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    SimulatedNode node = nodeName == null ? null : nodes.get(nodeName);
    if (node == null || node.pool.stopped) {
      return;
    }
    NodeSimulatorConfig c = config;
    String uid = pod.getMetadata().getUid();
    ScheduledThreadPoolExecutor ex = executor;
    if (ex == null) {
      return;
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      if (c.finishPodDeletion() && deleting.add(uid)) {
        ex.execute(() -> finishDeletion(pod));
      }
      return;
    }
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if (c.markPodsRunning()
        && (phase == null || phase.isEmpty() || "Pending".equals(phase))
        && started.add(uid)) {
      ex.schedule(
          () -> markRunning(node, key(pod), uid),
          Math.max(0, c.podRunningDelayMillis()),
          TimeUnit.MILLISECONDS);
    }
  }

  private void podGone(Pod pod) {
    String uid = pod.getMetadata().getUid();
    started.remove(uid);
    deleting.remove(uid);
    SimulatedNode node = nodes.get(String.valueOf(pod.getSpec().getNodeName()));
    if (node != null && node.subnet != null) {
      node.subnet.releasePod(uid);
    }
  }

  private void markRunning(SimulatedNode node, String key, String uid) {
    SharedIndexInformer<Pod> informer = pods;
    if (informer == null || node.pool.stopped) {
      return;
    }
    Pod pod = informer.getStore().getByKey(key);
    if (pod == null
        || !uid.equals(pod.getMetadata().getUid())
        || pod.getMetadata().getDeletionTimestamp() != null) {
      return; // gone or going: nothing to start
    }
    String ip = node.subnet == null ? null : node.subnet.podAddress(uid);
    String hostIp = node.subnet == null ? null : node.subnet.nodeAddress();
    ApiPatcher p = patcher;
    if (p == null) {
      return;
    }
    String patch = json(Map.of("status", SimulatedObjects.running(pod, ip, hostIp, Instant.now())));
    patch(
            p,
            ApiPatcher.podStatusPath(pod.getMetadata().getNamespace(), pod.getMetadata().getName()),
            patch)
        .thenAccept(
            code -> {
              if (code == 200) {
                return;
              }
              LOG.debug("marking {} Running failed: HTTP {}", key, code);
              // Try again on the pod's next change, or a second later (not if it is gone).
              started.remove(uid);
              ScheduledThreadPoolExecutor ex = executor;
              if (ex != null && code != 404) {
                ex.schedule(
                    () -> {
                      SharedIndexInformer<Pod> inf = pods;
                      Pod latest = inf == null ? null : inf.getStore().getByKey(key);
                      if (latest != null) {
                        podChanged(latest);
                      }
                    },
                    1,
                    TimeUnit.SECONDS);
              }
            });
  }

  private void finishDeletion(Pod pod) {
    try {
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .withName(pod.getMetadata().getName())
          .withGracePeriod(0)
          .delete();
      writes.incrementAndGet();
    } catch (RuntimeException e) {
      failedWrites.incrementAndGet();
      deleting.remove(pod.getMetadata().getUid());
      LOG.debug("finishing the deletion of {} failed: {}", key(pod), e.toString());
    }
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  private String json(Object o) {
    return client.getKubernetesSerialization().asJson(o);
  }

  private static void quietly(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.debug("ignored: {}", e.toString());
    }
  }

  /** The nodes of all pools. */
  Collection<SimulatedNode> nodes() {
    return nodes.values();
  }
}
