package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node simulator bundle driven from the Karaf shell of a booted all-in-one and checked with the
 * real kubectl: {@code kube:simulate-nodes} registers Ready nodes with capacity, labels, taints and
 * zones; their Leases in {@code kube-node-lease} are renewed; a pod scheduled onto them becomes
 * Running with a pod IP from the node's subnet; a graceful delete finishes; stopping the pool with
 * {@code --delete} removes the nodes.
 */
class NodeSimulatorShellIT {
  private static KaravelCluster cluster;
  private static KarafConsole console;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Kubectl.available(), "kubectl not installed");
    cluster = KaravelCluster.prepare();
    // Faster than a kubelet so the test sees renewals and reports within seconds.
    cluster.config(
        "io.karavel.nodesimulator",
        Map.of(
            "leaseRenewIntervalSeconds", "1",
            "nodeStatusReportSeconds", "2",
            "podRunningDelayMillis", "500"));
    console = KarafConsole.enable(cluster);
    cluster.launch();
    kubectl = new Kubectl(cluster.kubeconfig());
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String kubectl(String... args) throws Exception {
    Kubectl.Result r = kubectl.run(args);
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out();
  }

  private static String await(
      String what, Await.Probe probe, java.util.function.Predicate<String> ok) throws Exception {
    return Await.until(cluster, what, Duration.ofSeconds(60), probe, ok);
  }

  @Test
  void simulatedNodesFromTheShellLiveRunPodsAndGoAway() throws Exception {
    assertThat(console.run("kube:simulate-nodes --help"))
        .contains("simulate-nodes")
        .contains("--zones")
        .contains("--taints");
    assertThat(console.run("kube:simulated-nodes")).contains("No simulated node pools");

    String started =
        console.run(
            "kube:simulate-nodes --count 3 --prefix sim- --cpu 4 --memory 32Gi --pods 110"
                + " --labels tier=sim,team=e2e --taints dedicated=sim:NoSchedule --zones z1,z2");
    assertThat(started).contains("pool sim: 3 node(s) sim-0 .. sim-2 registered");

    // Nodes: Ready, capacity, labels, zones spread, taints, pod subnet.
    assertThat(
            kubectl(
                "get",
                "nodes",
                "-l",
                "node.karavel.io/simulated-pool=sim",
                "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.metadata.labels.topology\\.kubernetes\\.io/zone}"
                    + " {.status.conditions[?(@.type==\"Ready\")].status} {.status.capacity.cpu}"
                    + " {.status.capacity.memory} {.status.capacity.pods} {.spec.taints[0].key}"
                    + " {.metadata.labels.tier} {.spec.podCIDR}{\"\\n\"}{end}"))
        .contains("sim-0 z1 True 4 32Gi 110 dedicated sim 10.128.")
        .contains("sim-1 z2 True 4 32Gi 110 dedicated sim 10.128.")
        .contains("sim-2 z1 True 4 32Gi 110 dedicated sim 10.128.");
    assertThat(kubectl("get", "nodes", "sim-0")).contains("Ready");

    // Leases: one per node, renewed every second here.
    String first =
        kubectl(
            "get", "lease", "-n", "kube-node-lease", "sim-0", "-o", "jsonpath={.spec.renewTime}");
    assertThat(kubectl("get", "lease", "-n", "kube-node-lease", "-o", "name"))
        .contains("lease.coordination.k8s.io/sim-0")
        .contains("lease.coordination.k8s.io/sim-1")
        .contains("lease.coordination.k8s.io/sim-2");
    String renewed =
        await(
            "the Lease of sim-0 renewed",
            () ->
                kubectl(
                    "get",
                    "lease",
                    "-n",
                    "kube-node-lease",
                    "sim-0",
                    "-o",
                    "jsonpath={.spec.renewTime}"),
            t -> !t.equals(first));
    assertThat(Instant.parse(renewed)).isAfter(Instant.parse(first));
    // The Ready condition's heartbeat moves with the status reports.
    String hb0 =
        kubectl(
            "get",
            "node",
            "sim-1",
            "-o",
            "jsonpath={.status.conditions[?(@.type==\"Ready\")].lastHeartbeatTime}");
    await(
        "a status report of sim-1",
        () ->
            kubectl(
                "get",
                "node",
                "sim-1",
                "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].lastHeartbeatTime}"),
        t -> !t.equals(hb0));

    // A pod that tolerates the taint and wants zone z2 is scheduled onto sim-1 and runs.
    Kubectl.Result created =
        kubectl.runWithInput(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: on-sim
            spec:
              nodeSelector:
                topology.kubernetes.io/zone: z2
              tolerations:
              - {key: dedicated, operator: Equal, value: sim, effect: NoSchedule}
              containers:
              - name: app
                image: busybox
                resources:
                  requests: {cpu: 500m, memory: 1Gi}
            """,
            "apply",
            "-f",
            "-");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    String status =
        await(
            "pod on-sim Running",
            () ->
                kubectl(
                    "get",
                    "pod",
                    "on-sim",
                    "-o",
                    "jsonpath={.spec.nodeName} {.status.phase} {.status.podIP}"
                        + " {.status.containerStatuses[0].ready} {.status.conditions[?(@.type==\"Ready\")].status}"
                        + " {.status.startTime}"),
            s -> s.contains(" Running "));
    assertThat(status).matches("sim-1 Running 10\\.128\\.\\d+\\.2 true True \\S+Z");
    assertThat(kubectl("get", "pod", "on-sim")).contains("1/1").contains("Running");
    assertThat(console.run("kube:simulated-nodes"))
        .contains("sim")
        .contains("sim-0..sim-2")
        .containsPattern("z1,z2\\s*\\|\\s*dedicated=sim:NoSchedule\\s*\\|\\s*1\\s");

    // A graceful delete (30 s by default) is finished by the simulated kubelet at once.
    long t0 = System.nanoTime();
    kubectl("delete", "pod", "on-sim", "--timeout=20s");
    assertThat((System.nanoTime() - t0) / 1e9).as("seconds to delete").isLessThan(15);
    assertThat(kubectl.run("get", "pod", "on-sim").exitCode()).isNotZero();

    // Stop with --delete: the nodes and their Leases go.
    assertThat(console.run("kube:simulate-nodes-stop sim --delete")).contains("pool sim stopped");
    assertThat(kubectl("get", "nodes", "-l", "node.karavel.io/simulated-pool=sim", "-o", "name"))
        .isEmpty();
    await(
        "Leases of the pool deleted",
        () -> kubectl("get", "lease", "-n", "kube-node-lease", "-o", "name"),
        s -> !s.contains("sim-"));
    assertThat(console.run("kube:simulated-nodes")).contains("No simulated node pools");
  }
}
