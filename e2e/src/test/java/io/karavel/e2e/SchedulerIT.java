package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.KubeClientProvider;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The scheduler in the real all-in-one: simulated nodes, pods created with the real kubectl, and
 * decisions checked through kubectl ({@code spec.nodeName}, events, the PodScheduled condition).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerIT {
  private static KaravelCluster cluster;
  private static Kubectl kubectl;
  private static KubernetesClient client;
  private static NodeSimulator nodes;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(Kubectl.available(), "kubectl not installed");
    cluster = KaravelCluster.start();
    kubectl = new Kubectl(cluster.kubeconfig());
    client = KubeClientProvider.fromKubeconfig(cluster.kubeconfig());
    nodes = new NodeSimulator(client, 2);
    nodes.add("node-a", Map.of("cpu", "4", "memory", "8Gi"), Map.of("zone", "a"), List.of());
    nodes.add("node-b", Map.of("cpu", "2", "memory", "4Gi"), Map.of("zone", "b"), List.of());
    nodes.add(
        "node-gpu",
        Map.of("cpu", "8", "memory", "16Gi", "nvidia.com/gpu", "2"),
        Map.of("zone", "c"),
        List.of(new Taint("NoSchedule", "dedicated", null, "gpu")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (nodes != null) {
      nodes.close();
    }
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String pod(String name, String cpu, String extra) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
        spec:
          containers:
          - name: c
            image: busybox
            resources:
              requests:
                cpu: "%s"
              limits:
                cpu: "%s"
        %s
        """
        .formatted(name, cpu, cpu, extra.indent(2).stripTrailing());
  }

  private static void create(String yaml) throws Exception {
    Kubectl.Result r = kubectl.runWithInput(yaml, "apply", "-f", "-");
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  private static String jsonpath(String pod, String path) throws Exception {
    Kubectl.Result r = kubectl.run("get", "pod", pod, "-o", "jsonpath={" + path + "}");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out();
  }

  private static String await(
      String what, Duration timeout, Await.Probe probe, java.util.function.Predicate<String> done)
      throws Exception {
    return Await.until(cluster, what, timeout, probe, done);
  }

  private static String nodeOf(String pod) throws Exception {
    return await(
        "pod " + pod + " bound",
        Duration.ofSeconds(30),
        () -> jsonpath(pod, ".spec.nodeName"),
        s -> !s.isEmpty());
  }

  @Test
  @Order(1)
  void theSchedulerHoldsItsLease() throws Exception {
    String holder =
        await(
            "scheduler lease",
            Duration.ofSeconds(30),
            () -> {
              var r =
                  kubectl.run(
                      "get",
                      "lease",
                      "-n",
                      "kube-system",
                      "kube-scheduler",
                      "-o",
                      "jsonpath={.spec.holderIdentity}");
              return r.exitCode() == 0 ? r.out() : "";
            },
            s -> !s.isEmpty());
    assertThat(holder).contains("_");
  }

  @Test
  @Order(2)
  void podsLandWhereResourcesTaintsAndAffinityAllow() throws Exception {
    create(pod("plain", "1", ""));
    create(pod("in-zone-b", "500m", "nodeSelector:\n  zone: b"));
    create(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: gpu
        spec:
          containers:
          - name: c
            image: busybox
            resources:
              requests:
                cpu: "1"
                nvidia.com/gpu: "1"
              limits:
                cpu: "1"
                nvidia.com/gpu: "1"
          tolerations:
          - key: dedicated
            operator: Equal
            value: gpu
            effect: NoSchedule
        """);
    create(
        pod(
            "prefers-a",
            "100m",
            """
            affinity:
              nodeAffinity:
                requiredDuringSchedulingIgnoredDuringExecution:
                  nodeSelectorTerms:
                  - matchExpressions:
                    - key: zone
                      operator: In
                      values: [a, b]
                preferredDuringSchedulingIgnoredDuringExecution:
                - weight: 100
                  preference:
                    matchExpressions:
                    - key: zone
                      operator: In
                      values: [a]
            """));
    assertThat(nodeOf("plain")).isIn("node-a", "node-b");
    assertThat(nodeOf("in-zone-b")).isEqualTo("node-b");
    assertThat(nodeOf("gpu")).isEqualTo("node-gpu");
    assertThat(nodeOf("prefers-a")).isEqualTo("node-a");
    assertThat(jsonpath("plain", ".status.conditions[?(@.type==\"PodScheduled\")].status"))
        .isEqualTo("True");
    String events =
        await(
            "Scheduled event",
            Duration.ofSeconds(15),
            () ->
                kubectl
                    .run(
                        "get",
                        "events",
                        "--field-selector",
                        "involvedObject.name=in-zone-b,reason=Scheduled",
                        "-o",
                        "jsonpath={.items[*].message}")
                    .out(),
            s -> !s.isEmpty());
    assertThat(events).isEqualTo("Successfully assigned default/in-zone-b to node-b");
  }

  @Test
  @Order(3)
  void anUnschedulablePodGetsFailedSchedulingAndLandsWhenANodeAppears() throws Exception {
    // 6 CPUs: node-a (4, minus what is used) and node-b (2) are too small, node-gpu is tainted.
    create(pod("big", "6", ""));
    String message =
        await(
            "FailedScheduling event",
            Duration.ofSeconds(30),
            () ->
                kubectl
                    .run(
                        "get",
                        "events",
                        "--field-selector",
                        "involvedObject.name=big,reason=FailedScheduling",
                        "-o",
                        "jsonpath={.items[0].message}")
                    .out(),
            s -> !s.isEmpty());
    assertThat(message)
        .isEqualTo(
            "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu},"
                + " 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not"
                + " helpful for scheduling, 2 No preemption victims found for incoming pod.");
    String condition =
        await(
            "PodScheduled=False",
            Duration.ofSeconds(15),
            () -> jsonpath("big", ".status.conditions[?(@.type==\"PodScheduled\")].reason"),
            s -> !s.isEmpty());
    assertThat(condition).isEqualTo("Unschedulable");
    assertThat(jsonpath("big", ".spec.nodeName")).isEmpty();
    Kubectl.Result describe = kubectl.run("describe", "pod", "big");
    assertThat(describe.out()).contains("FailedScheduling").contains("2 Insufficient cpu");

    // A new node is a cluster event NodeResourcesFit registered for: the pod is retried at once.
    nodes.add("node-large", Map.of("cpu", "16", "memory", "32Gi"), Map.of("zone", "d"), List.of());
    assertThat(nodeOf("big")).isEqualTo("node-large");
    assertThat(jsonpath("big", ".status.conditions[?(@.type==\"PodScheduled\")].status"))
        .isEqualTo("True");
    assertThat(jsonpath("big", ".status.conditions[?(@.type==\"PodScheduled\")].reason")).isEmpty();
  }

  @Test
  @Order(4)
  void podsForAnotherSchedulerAreLeftAlone() throws Exception {
    create(pod("other", "100m", "schedulerName: somebody-else"));
    Thread.sleep(3000);
    assertThat(jsonpath("other", ".spec.nodeName")).isEmpty();
  }

  @Test
  @Order(5)
  void manyPodsAreEachBoundOnceWithinCapacity() throws Exception {
    long loopbackBefore = loopbackRequests();
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      yaml.append(pod("many-" + i, "100m", "")).append("---\n");
    }
    create(yaml.toString());
    await(
        "40 pods bound",
        Duration.ofSeconds(60),
        () ->
            String.valueOf(
                client.pods().inNamespace("default").list().getItems().stream()
                    .filter(p -> p.getMetadata().getName().startsWith("many-"))
                    .filter(
                        p ->
                            p.getSpec().getNodeName() != null
                                && !p.getSpec().getNodeName().isEmpty())
                    .count()),
        s -> s.equals("40"));
    long scheduledEvents =
        client.v1().events().inNamespace("default").list().getItems().stream()
            .filter(e -> "Scheduled".equals(e.getReason()))
            .filter(e -> e.getInvolvedObject().getName().startsWith("many-"))
            .count();
    assertThat(scheduledEvents).as("one Scheduled event per pod: none bound twice").isEqualTo(40);
    // The in-process scheduler bound them and reported them over the loopback transport (this
    // test, kubectl and the simulator use HTTPS).
    assertThat(loopbackRequests() - loopbackBefore)
        .as("in-process bindings and events")
        .isGreaterThanOrEqualTo(80);
    // The simulator keeps the node leases fresh.
    ZonedDateTime renewed = nodes.leaseRenewTime("node-a");
    assertThat(renewed).isAfter(ZonedDateTime.now().minusSeconds(10));
  }

  @Test
  @Order(6)
  void requiredAntiAffinityOnHostnamePutsReplicasOnDifferentNodes() throws Exception {
    // Two nodes of their own (pool: anti); the replicas may only run there and repel each other
    // per hostname, so two land on different nodes and the third cannot be placed.
    nodes.add("pool-1", Map.of("cpu", "4", "memory", "8Gi"), Map.of("pool", "anti"), List.of());
    nodes.add("pool-2", Map.of("cpu", "4", "memory", "8Gi"), Map.of("pool", "anti"), List.of());
    String replica =
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          labels:
            app: anti
        spec:
          nodeSelector:
            pool: anti
          containers:
          - name: c
            image: busybox
            resources:
              requests:
                cpu: 100m
          affinity:
            podAntiAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
              - topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    app: anti
        """;
    create(replica.formatted("anti-1"));
    String first = nodeOf("anti-1");
    create(replica.formatted("anti-2"));
    String second = nodeOf("anti-2");
    assertThat(List.of(first, second)).containsExactlyInAnyOrder("pool-1", "pool-2");

    create(replica.formatted("anti-3"));
    String message = failedScheduling("anti-3");
    int all = client.nodes().list().getItems().size();
    assertThat(message)
        .startsWith("0/" + all + " nodes are available: ")
        .contains("2 node(s) didn't match pod anti-affinity rules")
        .contains("1 node(s) had untolerated taint {dedicated: gpu}")
        .contains((all - 3) + " node(s) didn't match Pod's node affinity/selector");
    assertThat(jsonpath("anti-3", ".spec.nodeName")).isEmpty();

    // A pod without terms of its own but labelled app=anti is kept off both nodes by the
    // replicas' anti-affinity.
    create(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: anti-plain
          labels:
            app: anti
        spec:
          nodeSelector:
            pool: anti
          containers:
          - name: c
            image: busybox
        """);
    assertThat(failedScheduling("anti-plain"))
        .contains("2 node(s) didn't satisfy existing pods anti-affinity rules");
  }

  @Test
  @Order(7)
  void podAffinityNamespaceSelectorReadsNamespaceLabels() throws Exception {
    // db pods in two namespaces, bound directly: team-x's on pool-2, team-y's on pool-1. A pod
    // whose affinity term selects namespaces labelled team=x must follow team-x's pod to pool-2.
    create(
        """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: team-x
          labels:
            team: x
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: team-y
          labels:
            team: "y"
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: db
          namespace: team-x
          labels:
            app: ns-db
        spec:
          nodeName: pool-2
          containers:
          - name: c
            image: busybox
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: db
          namespace: team-y
          labels:
            app: ns-db
        spec:
          nodeName: pool-1
          containers:
          - name: c
            image: busybox
        """);
    create(
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: follows-team-x
        spec:
          nodeSelector:
            pool: anti
          containers:
          - name: c
            image: busybox
          affinity:
            podAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
              - topologyKey: kubernetes.io/hostname
                namespaceSelector:
                  matchLabels:
                    team: x
                labelSelector:
                  matchLabels:
                    app: ns-db
        """);
    assertThat(nodeOf("follows-team-x")).isEqualTo("pool-2");
  }

  /** The API server's count of requests from components in its own process. */
  private static long loopbackRequests() throws Exception {
    Kubectl.Result r = kubectl.run("get", "--raw", "/metrics");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    String prefix = "karavel_apiserver_loopback_requests_total ";
    return r.out()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToLong(l -> Long.parseLong(l.substring(prefix.length()).strip()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix.strip() + " in /metrics"));
  }

  private static String failedScheduling(String pod) throws Exception {
    return await(
        "FailedScheduling event of " + pod,
        Duration.ofSeconds(30),
        () ->
            kubectl
                .run(
                    "get",
                    "events",
                    "--field-selector",
                    "involvedObject.name=" + pod + ",reason=FailedScheduling",
                    "-o",
                    "jsonpath={.items[0].message}")
                .out(),
        s -> !s.isEmpty());
  }
}
