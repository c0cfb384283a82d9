package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.karavel.client.KubeClientProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A vendor plugin's whole life under load, on a booted all-in-one: while pods of the default and of
 * a vendor profile are created continuously, the vendor's feature is added ({@code
 * feature:repo-add} + {@code feature:install}), its Score plugin enabled in the profile (pods move
 * to the node it prefers), the bundle upgraded live to its second version ({@code bundle:update};
 * pods move to the node the new version prefers), then stopped (the profile's pods wait with a
 * FailedScheduling event naming the missing plugin) and started again (they are scheduled). The
 * nodes come from the node simulator bundle ({@code kube:simulate-nodes}). Across all of it every
 * pod is bound, to one node only, with exactly one Scheduled event.
 */
class LivePluginUpgradeIT {
  private static final String BUNDLE = "com.example.karavel.scheduler.nodelabel";
  private static final String BASE_PLUGINS =
      "PrioritySort,SchedulingGates,NodeUnschedulable,NodeName,TaintToleration,NodeAffinity,"
          + "NodePorts,NodeResourcesFit,NodeResourcesBalancedAllocation";

  private static KaravelCluster cluster;
  private static KarafConsole console;
  private static KubernetesClient client;
  private static Watch watch;

  /** Every node each pod was seen bound to, from a watch: more than one is a double binding. */
  private static final Map<String, Set<String>> boundTo = new ConcurrentHashMap<>();

  /**
   * The phase in which the watch first saw each pod bound. The upgrade's check needs it: a pod
   * created under v1 but scheduled once the update had begun was placed by whichever version ran.
   */
  private static final Map<String, String> boundIn = new ConcurrentHashMap<>();

  /** Pods created by the load, with the phase that was stable when each was created. */
  private static final Map<String, String> created = new ConcurrentHashMap<>();

  private static final List<Throwable> loadErrors = new CopyOnWriteArrayList<>();
  private static volatile String phase = "no-plugin";
  private static volatile boolean loading = true;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Kubectl.available(), "kubectl not installed");
    cluster = KaravelCluster.prepare();
    // The vendor's repository is this build's Maven repository (file:), nothing remote.
    Path mvnCfg = cluster.home().resolve("etc/org.ops4j.pax.url.mvn.cfg");
    String repo = Path.of(System.getProperty("karavel.maven.repository")).toUri().toString();
    Files.writeString(
        mvnCfg,
        Files.readString(mvnCfg)
            .replaceAll(
                "(?ms)^org\\.ops4j\\.pax\\.url\\.mvn\\.repositories\\s*=.*?(?=^org\\.ops4j)",
                "org.ops4j.pax.url.mvn.repositories=" + repo + "@id=vendor@snapshots\n"));
    cluster.config("io.karavel.nodesimulator", Map.of("podRunningDelayMillis", "200"));
    cluster.config("io.karavel.scheduler", Map.of("podInitialBackoffSeconds", "1"));
    console = KarafConsole.enable(cluster);
    writeProfile(false);
    cluster.launch();
    client = KubeClientProvider.fromKubeconfig(cluster.kubeconfig());
    // Least-allocated scoring prefers the two big nodes; v1 of the plugin prefers preferred-0, v2
    // fast-0.
    console.run("kube:simulate-nodes --name big --prefix big- --count 2 --cpu 16 --memory 64Gi");
    console.run(
        "kube:simulate-nodes --name preferred --prefix preferred- --cpu 4 --memory 8Gi"
            + " --labels example.com/preferred=true");
    console.run(
        "kube:simulate-nodes --name fast --prefix fast- --cpu 4 --memory 8Gi"
            + " --labels example.com/fast=true");
    watch =
        client
            .pods()
            .inNamespace("default")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, Pod pod) {
                    String node = pod.getSpec().getNodeName();
                    if (node != null && !node.isEmpty()) {
                      boundIn.putIfAbsent(pod.getMetadata().getName(), phase);
                      boundTo
                          .computeIfAbsent(
                              pod.getMetadata().getName(), k -> ConcurrentHashMap.newKeySet())
                          .add(node);
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                });
  }

  @AfterAll
  static void stop() throws Exception {
    loading = false;
    if (watch != null) {
      watch.close();
    }
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static void writeProfile(boolean withPlugin) throws Exception {
    String text =
        "schedulerName = vendor-scheduler\n"
            + "plugins = "
            + BASE_PLUGINS
            + (withPlugin ? ",NodeLabelPreference" : "")
            + ",DefaultBinder\n"
            + "weights = TaintToleration:3,NodeAffinity:2"
            + (withPlugin ? ",NodeLabelPreference:100" : "")
            + "\n";
    Files.writeString(cluster.home().resolve("etc/io.karavel.scheduler.profile-vendor.cfg"), text);
  }

  private static Pod pod(String name, String scheduler) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withSchedulerName(scheduler)
        .addNewContainer()
        .withName("c")
        .withImage("busybox")
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("16Mi")))
        .endResources()
        .endContainer()
        .endSpec()
        .build();
  }

  /** The load: a vendor pod and a default pod alternately, one every 300 ms. */
  private static Thread load() {
    Thread t =
        new Thread(
            () -> {
              int i = 0;
              while (loading) {
                String scheduler = i % 2 == 0 ? "vendor-scheduler" : "default-scheduler";
                String name = (i % 2 == 0 ? "vendor-" : "default-") + i;
                String tag = phase;
                try {
                  client.pods().inNamespace("default").resource(pod(name, scheduler)).create();
                  created.put(name, tag);
                } catch (RuntimeException e) {
                  loadErrors.add(e);
                }
                i++;
                try {
                  Thread.sleep(300);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "pod-load");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static final AtomicInteger probes = new AtomicInteger();

  /**
   * Creates vendor probe pods until one lands on a node whose name starts with {@code node} (the
   * change took effect); probes are checked for exactly-once binding at the end like every pod.
   */
  private static void awaitDecision(String node) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      String name = "probe-" + probes.incrementAndGet();
      client.pods().inNamespace("default").resource(pod(name, "vendor-scheduler")).create();
      created.put(name, "probe");
      last = awaitBound(name, Duration.ofSeconds(30));
      if (last.startsWith(node)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "vendor pods did not go to " + node + " (last: " + last + ")\n" + cluster.tail());
  }

  private static String nodeOf(String pod) {
    Pod p = client.pods().inNamespace("default").withName(pod).get();
    return p == null || p.getSpec().getNodeName() == null ? "" : p.getSpec().getNodeName();
  }

  private static String awaitBound(String pod, Duration timeout) throws Exception {
    return Await.until(cluster, pod + " bound", timeout, () -> nodeOf(pod), s -> !s.isEmpty());
  }

  private static List<Event> events() {
    return client.v1().events().inNamespace("default").list().getItems();
  }

  private static String failedScheduling(String pod) {
    return events().stream()
        .filter(e -> "FailedScheduling".equals(e.getReason()))
        .filter(e -> pod.equals(e.getInvolvedObject().getName()))
        .map(Event::getMessage)
        .collect(Collectors.joining("; "));
  }

  @Test
  void aVendorPluginIsInstalledEnabledUpgradedAndStoppedWhilePodsAreScheduled() throws Exception {
    Thread load = load();
    // No vendor plugin yet: vendor pods go where least-allocated scoring says, a big node too.
    awaitDecision("big-");
    phase = "no-plugin";
    Thread.sleep(3000);

    // The vendor's feature from its repository; then name the plugin in the profile.
    String version = System.getProperty("karavel.version", "0.1.0-SNAPSHOT");
    phase = "installing";
    console.run(
        "feature:repo-add mvn:io.karavel/scheduler-example-plugin/" + version + "/xml/features");
    console.run("feature:install example-scheduler-plugin");
    assertThat(console.run("bundle:list -s")).contains(BUNDLE).contains("Active");
    writeProfile(true);
    awaitDecision("preferred-0");
    phase = "v1";
    assertThat(console.run("kube:scheduler-plugins"))
        .contains("NodeLabelPreference")
        .contains("0.1.0");
    Thread.sleep(4000);

    // Upgrade in place to the second build: same bundle, new version, another default label.
    String id = console.run("bundle:id " + BUNDLE).trim();
    assertThat(id).matches("\\d+");
    Path upgrade =
        Path.of(
            System.getProperty(
                "karavel.example.plugin.upgrade",
                "target/plugins/scheduler-example-plugin-upgrade.jar"));
    phase = "upgrading";
    Thread.sleep(2000); // pods tagged v1 are about all scheduled before the change
    phase = "updating";
    console.run("bundle:update " + id + " " + upgrade.toUri());
    awaitDecision("fast-0");
    phase = "v2";
    assertThat(console.run("bundle:headers " + id)).contains("Bundle-Version = 0.2.0");
    assertThat(console.run("kube:scheduler-plugins"))
        .contains("NodeLabelPreference")
        .contains("0.2.0");
    Thread.sleep(4000);

    // Stop it: the profile's pods wait, each with an event naming the missing plugin.
    phase = "stopping";
    Thread.sleep(2000);
    console.run("bundle:stop " + id);
    String probe = "probe-stopped";
    client.pods().inNamespace("default").resource(pod(probe, "vendor-scheduler")).create();
    created.put(probe, "probe");
    Await.until(
        cluster,
        "FailedScheduling of " + probe,
        Duration.ofSeconds(60),
        () -> failedScheduling(probe),
        s -> s.contains("not installed: NodeLabelPreference"));
    phase = "stopped";
    Thread.sleep(4000);
    phase = "restarting";
    List<String> waiting =
        created.entrySet().stream()
            .filter(e -> e.getValue().equals("stopped") && e.getKey().startsWith("vendor-"))
            .map(Map.Entry::getKey)
            .toList();
    assertThat(waiting).as("vendor pods created while the plugin was stopped").isNotEmpty();
    for (String pod : waiting) {
      assertThat(nodeOf(pod)).as(pod + " waits").isEmpty();
      Await.until(
          cluster,
          "FailedScheduling of " + pod,
          Duration.ofSeconds(30),
          () -> failedScheduling(pod),
          s ->
              s.contains(
                  "profile vendor-scheduler cannot run: plugin(s) not installed: NodeLabelPreference"));
    }

    // Start it again: the waiting pods are scheduled where v2 says.
    console.run("bundle:start " + id);
    awaitDecision("fast-0");
    phase = "restarted";
    Thread.sleep(2000);
    loading = false;
    load.join(5000);
    assertThat(loadErrors).as("pod creations that failed").isEmpty();

    // Every pod is bound (none lost or stuck), to one node only, with exactly one Scheduled event.
    for (String pod : created.keySet()) {
      awaitBound(pod, Duration.ofSeconds(60));
    }
    Map<String, Integer> scheduledEvents = new HashMap<>();
    for (Event e : events()) {
      if ("Scheduled".equals(e.getReason())) {
        scheduledEvents.merge(
            e.getInvolvedObject().getName(), e.getCount() == null ? 1 : e.getCount(), Integer::sum);
      }
    }
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : created.entrySet()) {
      String pod = e.getKey();
      String node = nodeOf(pod);
      Set<String> seen = boundTo.getOrDefault(pod, Set.of());
      if (seen.size() != 1) {
        problems.add(pod + " seen bound to " + seen);
      }
      if (scheduledEvents.getOrDefault(pod, 0) != 1) {
        problems.add(pod + " has " + scheduledEvents.getOrDefault(pod, 0) + " Scheduled events");
      }
      if (!pod.startsWith("vendor-")) {
        continue;
      }
      // A pod created under v1 is held to v1's choice if it was bound before the update began
      // (the watch sees a binding after it is stored, so "before" is certain); one the scheduler
      // reached only later (a slow cycle, a busy machine) was placed by either version.
      boolean beforeUpdate = Set.of("v1", "upgrading").contains(boundIn.get(pod));
      String expected =
          switch (e.getValue()) {
            case "v1" -> beforeUpdate ? "preferred-0" : null;
            case "v2", "stopped", "restarted" -> "fast-0";
            // Before the plugin, least-allocated scores of these small pods tie on near-empty
            // nodes (a probe landing on a big node showed it); during a change either side is
            // right.
            default -> null;
          };
      if (expected != null && !node.startsWith(expected)) {
        problems.add(pod + " (" + e.getValue() + ") on " + node + ", expected " + expected);
      }
      if (node.startsWith("big-")
          && !e.getValue().equals("no-plugin")
          && !e.getValue().equals("installing")) {
        problems.add(pod + " (" + e.getValue() + ") fell back to " + node);
      }
    }
    assertThat(problems).as("pods lost, bound twice or placed wrongly").isEmpty();
    Map<String, Long> perPhase =
        created.entrySet().stream()
            .filter(e -> e.getKey().startsWith("vendor-"))
            .collect(Collectors.groupingBy(Map.Entry::getValue, Collectors.counting()));
    List<String> v1Late =
        created.entrySet().stream()
            .filter(e -> e.getKey().startsWith("vendor-") && e.getValue().equals("v1"))
            .map(Map.Entry::getKey)
            .filter(pod -> !Set.of("v1", "upgrading").contains(boundIn.get(pod)))
            .toList();
    System.out.println(
        "vendor pods per phase: "
            + perPhase
            + "; pods in all: "
            + created.size()
            + "; v1 pods bound only once the update had begun: "
            + v1Late);
    assertThat(perPhase.keySet()).contains("no-plugin", "v1", "v2", "stopped");
    assertThat(v1Late.size())
        .as("v1 pods held to v1's choice (bound before the update)")
        .isLessThan(perPhase.get("v1").intValue());
  }
}
