package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.KubeClientProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A vendor scheduling plugin installed, used and removed while the scheduler runs: a profile that
 * names the plugin waits (its pods get a FailedScheduling event saying so) until the bundle is
 * dropped into {@code deploy/}; then its pods land where the plugin says; removing the bundle makes
 * new pods wait again, and reinstalling schedules them. The default profile schedules all along,
 * and every pod is bound exactly once.
 */
class LivePluginIT {
  private static final String PROFILE =
      """
      schedulerName = vendor-scheduler
      plugins = PrioritySort,SchedulingGates,NodeUnschedulable,NodeName,TaintToleration,\
      NodeAffinity,NodePorts,NodeResourcesFit,NodeResourcesBalancedAllocation,NodeLabelPreference,\
      DefaultBinder
      weights = TaintToleration:3,NodeAffinity:2,NodeLabelPreference:100
      args.NodeLabelPreference.key = example.com/preferred
      args.NodeLabelPreference.value = true
      """;

  private static KaravelCluster cluster;
  private static Kubectl kubectl;
  private static KubernetesClient client;
  private static KarafConsole console;
  private static Path pluginJar;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Kubectl.available(), "kubectl not installed");
    pluginJar =
        Path.of(
            System.getProperty(
                "karavel.example.plugin", "target/plugins/scheduler-example-plugin.jar"));
    assertThat(pluginJar).exists();
    cluster = KaravelCluster.prepare();
    console = KarafConsole.enable(cluster);
    cluster.launch();
    kubectl = new Kubectl(cluster.kubeconfig());
    client = KubeClientProvider.fromKubeconfig(cluster.kubeconfig());
    // Simulated nodes from the node simulator bundle. Least-allocated scoring prefers the big
    // nodes; the vendor plugin prefers the labelled one.
    console.run("kube:simulate-nodes --name big --prefix big- --count 2 --cpu 16 --memory 32Gi");
    console.run(
        "kube:simulate-nodes --name preferred --prefix preferred- --cpu 4 --memory 8Gi"
            + " --labels example.com/preferred=true");
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static void pod(String name, String scheduler) throws Exception {
    String yaml =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
        spec:
          schedulerName: %s
          containers:
          - name: c
            image: busybox
            resources:
              requests: {cpu: 100m, memory: 64Mi}
        """
            .formatted(name, scheduler);
    Kubectl.Result r = kubectl.runWithInput(yaml, "apply", "-f", "-");
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  private static String nodeOf(String pod) throws Exception {
    return kubectl.run("get", "pod", pod, "-o", "jsonpath={.spec.nodeName}").out();
  }

  private static String awaitBound(String pod) throws Exception {
    return await("pod " + pod + " bound", () -> nodeOf(pod), s -> !s.isEmpty());
  }

  private static String failedEvents(String pod) throws Exception {
    return kubectl
        .run(
            "get",
            "events",
            "--field-selector",
            "involvedObject.name=" + pod + ",reason=FailedScheduling",
            "-o",
            "jsonpath={.items[*].message}")
        .out();
  }

  private static String await(
      String what, Await.Probe probe, java.util.function.Predicate<String> done) throws Exception {
    return Await.until(cluster, what, Duration.ofSeconds(60), probe, done);
  }

  @Test
  void aVendorPluginIsInstalledUsedRemovedAndReinstalledWhileTheSchedulerRuns() throws Exception {
    pod("default-1", "default-scheduler");
    assertThat(awaitBound("default-1")).startsWith("big-");

    // The profile names a plugin that is not installed: its pods wait with a clear event.
    Files.writeString(
        cluster.home().resolve("etc/io.karavel.scheduler.profile-vendor.cfg"), PROFILE);
    pod("vendor-1", "vendor-scheduler");
    String waiting =
        await(
            "FailedScheduling for the missing plugin",
            () -> failedEvents("vendor-1"),
            s -> !s.isEmpty());
    assertThat(waiting)
        .contains(
            "profile vendor-scheduler cannot run: plugin(s) not installed: NodeLabelPreference");
    assertThat(nodeOf("vendor-1")).isEmpty();
    pod("default-2", "default-scheduler");
    assertThat(awaitBound("default-2"))
        .as("the default profile keeps scheduling")
        .startsWith("big-");

    // Install the vendor bundle live: the waiting pod is scheduled where the plugin prefers.
    Path deployed = cluster.home().resolve("deploy/scheduler-example-plugin.jar");
    Files.copy(pluginJar, deployed);
    assertThat(awaitBound("vendor-1")).isEqualTo("preferred-0");
    pod("vendor-2", "vendor-scheduler");
    assertThat(awaitBound("vendor-2")).isEqualTo("preferred-0");

    // Remove it: new pods of the profile wait again (none is lost), the default profile goes on.
    Files.delete(deployed);
    Thread.sleep(3000); // fileinstall polls every second
    pod("vendor-3", "vendor-scheduler");
    pod("default-3", "default-scheduler");
    assertThat(awaitBound("default-3")).startsWith("big-");
    await(
        "vendor-3 waits for the plugin",
        () -> failedEvents("vendor-3"),
        s -> s.contains("not installed: NodeLabelPreference"));
    assertThat(nodeOf("vendor-3")).isEmpty();

    // Reinstall: the waiting pod is scheduled.
    Files.copy(pluginJar, deployed);
    assertThat(awaitBound("vendor-3")).isEqualTo("preferred-0");

    for (String pod :
        List.of("default-1", "default-2", "default-3", "vendor-1", "vendor-2", "vendor-3")) {
      long scheduled =
          client.v1().events().inNamespace("default").list().getItems().stream()
              .filter(e -> "Scheduled".equals(e.getReason()))
              .filter(e -> pod.equals(e.getInvolvedObject().getName()))
              .count();
      assertThat(scheduled).as("Scheduled events of " + pod).isEqualTo(1);
    }
  }
}
