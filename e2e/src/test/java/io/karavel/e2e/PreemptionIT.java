package io.karavel.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.karavel.client.KubeClientProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Priority and preemption in the real all-in-one, driven with the real kubectl: the Priority
 * admission plugin (system classes, spec.priority from a class, upstream's Forbidden for an unknown
 * class), DefaultPreemption on simulated nodes full of low-priority pods (nominatedNodeName,
 * victims deleted with Preempted events, the preemptor bound), a non-preempting class that does not
 * preempt, and a PodDisruptionBudget-protected victim avoided when another candidate exists.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreemptionIT {
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
    nodes.add("pre-a", Map.of("cpu", "2", "memory", "4Gi"), Map.of("pool", "pre"), List.of());
    nodes.add("pre-b", Map.of("cpu", "2", "memory", "4Gi"), Map.of("pool", "pre"), List.of());
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

  private static String pod(
      String name, String priorityClass, String cpu, String labels, String nodeSelector) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          labels: {%s}
        spec:
          priorityClassName: %s
          terminationGracePeriodSeconds: 0
          nodeSelector: {%s}
          containers:
          - name: c
            image: busybox
            resources:
              requests:
                cpu: "%s"
        """
        .formatted(name, labels, priorityClass, nodeSelector, cpu);
  }

  private static Kubectl.Result apply(String yaml) throws Exception {
    return kubectl.runWithInput(yaml, "apply", "-f", "-");
  }

  private static void create(String yaml) throws Exception {
    Kubectl.Result r = apply(yaml);
    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  private static String jsonpath(String kind, String name, String path) throws Exception {
    Kubectl.Result r = kubectl.run("get", kind, name, "-o", "jsonpath={" + path + "}");
    return r.exitCode() == 0 ? r.out() : "<" + r.stderr().trim() + ">";
  }

  private static String await(
      String what, Duration timeout, Await.Probe probe, Predicate<String> done) throws Exception {
    return Await.until(cluster, what, timeout, probe, done);
  }

  /** Events as lines {@code involvedObject|reason|message}. */
  private static List<String> events() throws Exception {
    Kubectl.Result r =
        kubectl.run(
            "get",
            "events",
            "-o",
            "jsonpath={range .items[*]}{.involvedObject.name}|{.reason}|{.message}{\"\\n\"}{end}");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out().lines().toList();
  }

  /** Waits for a FailedScheduling event of {@code pod} whose message contains {@code text}. */
  private static void awaitFailedScheduling(String pod, String text) throws Exception {
    await(
        "FailedScheduling of " + pod + " with: " + text,
        Duration.ofSeconds(30),
        () -> String.join("\n", events()),
        s -> s.lines().anyMatch(l -> l.startsWith(pod + "|FailedScheduling|") && l.contains(text)));
  }

  private static List<String> podNames() throws Exception {
    Kubectl.Result r = kubectl.run("get", "pods", "-o", "jsonpath={.items[*].metadata.name}");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    return r.out().isBlank() ? List.of() : List.of(r.out().trim().split("\\s+"));
  }

  @Test
  @Order(1)
  void theSystemClassesExistAndAnUnknownClassIsForbidden() throws Exception {
    // The admission plugin creates the two classes one after the other, in no fixed order.
    await(
        "system-node-critical",
        Duration.ofSeconds(30),
        () -> jsonpath("priorityclass", "system-node-critical", ".value"),
        "2000001000"::equals);
    await(
        "system-cluster-critical",
        Duration.ofSeconds(30),
        () -> jsonpath("priorityclass", "system-cluster-critical", ".value"),
        "2000000000"::equals);
    Kubectl.Result r = apply(pod("bad", "foo", "100m", "", ""));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains("Error from server (Forbidden)")
        .contains("pods \"bad\" is forbidden: no PriorityClass with name foo was found");
  }

  @Test
  @Order(2)
  void aClassGivesThePodItsPriority() throws Exception {
    create(
        """
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: low}
        value: 100
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: high}
        value: 1000
        ---
        apiVersion: scheduling.k8s.io/v1
        kind: PriorityClass
        metadata: {name: high-nonpreempting}
        value: 1000
        preemptionPolicy: Never
        """);
    Kubectl.Result r = kubectl.run("get", "priorityclass", "low", "high", "high-nonpreempting");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    // Four low-priority pods of 1 CPU fill both 2-CPU nodes.
    for (int i = 1; i <= 4; i++) {
      create(pod("low-" + i, "low", "1", "app: low", "pool: pre"));
    }
    for (int i = 1; i <= 4; i++) {
      String p = "low-" + i;
      await(
          p + " bound",
          Duration.ofSeconds(30),
          () -> jsonpath("pod", p, ".spec.nodeName"),
          s -> s.startsWith("pre-"));
    }
    assertThat(jsonpath("pod", "low-1", ".spec.priority")).isEqualTo("100");
    assertThat(jsonpath("pod", "low-1", ".spec.preemptionPolicy"))
        .isEqualTo("PreemptLowerPriority");
  }

  @Test
  @Order(3)
  void aNonPreemptingPodWaitsAndEvictsNobody() throws Exception {
    create(pod("polite", "high-nonpreempting", "1", "", "pool: pre"));
    assertThat(jsonpath("pod", "polite", ".spec.preemptionPolicy")).isEqualTo("Never");
    awaitFailedScheduling("polite", "preemption: not eligible due to preemptionPolicy=Never.");
    Thread.sleep(2000);
    assertThat(podNames()).contains("low-1", "low-2", "low-3", "low-4");
    assertThat(jsonpath("pod", "polite", ".spec.nodeName")).isEmpty();
    assertThat(jsonpath("pod", "polite", ".status.nominatedNodeName")).isEmpty();
    // Gone before the next test frees room it could take.
    assertThat(kubectl.run("delete", "pod", "polite", "--wait=true").exitCode()).isZero();
  }

  @Test
  @Order(4)
  void aHighPriorityPodPreemptsALowPriorityOne() throws Exception {
    create(pod("vip", "high", "1", "", "pool: pre"));
    assertThat(jsonpath("pod", "vip", ".spec.priority")).isEqualTo("1000");
    String nominated =
        await(
            "vip nominated",
            Duration.ofSeconds(30),
            () -> jsonpath("pod", "vip", ".status.nominatedNodeName"),
            s -> s.startsWith("pre-"));
    String uid = jsonpath("pod", "vip", ".metadata.uid");
    String bound =
        await(
            "vip bound",
            Duration.ofSeconds(30),
            () -> jsonpath("pod", "vip", ".spec.nodeName"),
            s -> !s.isEmpty());
    assertThat(bound).isEqualTo(nominated);
    List<String> left = new ArrayList<>(podNames());
    left.retainAll(List.of("low-1", "low-2", "low-3", "low-4"));
    assertThat(left).as("exactly one victim").hasSize(3);
    List<String> preempted = events().stream().filter(l -> l.contains("|Preempted|")).toList();
    assertThat(preempted).hasSize(1);
    assertThat(preempted.get(0))
        .startsWith("low-")
        .endsWith("|Preempted|Preempted by pod " + uid + " on node " + nominated);
    String victim = preempted.get(0).substring(0, preempted.get(0).indexOf('|'));
    assertThat(left).doesNotContain(victim);
  }

  @Test
  @Order(5)
  void aVictimProtectedByABudgetIsAvoidedWhenAnotherCandidateExists() throws Exception {
    nodes.add("pdb-a", Map.of("cpu", "1", "memory", "4Gi"), Map.of("pool", "pdb"), List.of());
    nodes.add("pdb-b", Map.of("cpu", "1", "memory", "4Gi"), Map.of("pool", "pdb"), List.of());
    create(
        """
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: guard}
        spec:
          minAvailable: 1
          selector:
            matchLabels: {app: guarded}
        """);
    create(pod("guarded", "low", "1", "app: guarded", "kubernetes.io/hostname: pdb-a"));
    create(pod("unguarded", "low", "1", "app: unguarded", "kubernetes.io/hostname: pdb-b"));
    for (String p : List.of("guarded", "unguarded")) {
      await(
          p + " bound",
          Duration.ofSeconds(30),
          () -> jsonpath("pod", p, ".spec.nodeName"),
          s -> s.startsWith("pdb-"));
    }
    create(pod("vip2", "high", "1", "", "pool: pdb"));
    String bound =
        await(
            "vip2 bound",
            Duration.ofSeconds(30),
            () -> jsonpath("pod", "vip2", ".spec.nodeName"),
            s -> !s.isEmpty());
    assertThat(bound).isEqualTo("pdb-b");
    assertThat(jsonpath("pod", "vip2", ".status.nominatedNodeName")).isEqualTo("pdb-b");
    List<String> names = podNames();
    assertThat(names).contains("guarded").doesNotContain("unguarded");
    assertThat(events()).anyMatch(l -> l.startsWith("unguarded|Preempted|"));
  }

  @Test
  @Order(6)
  void aVictimWithAGracePeriodIsMarkedAndThePreemptorWaitsForIt() throws Exception {
    nodes.add("grace-a", Map.of("cpu", "1", "memory", "4Gi"), Map.of("pool", "grace"), List.of());
    create(
        pod("slow", "low", "1", "", "pool: grace")
            .replace("terminationGracePeriodSeconds: 0", "terminationGracePeriodSeconds: 300"));
    await(
        "slow bound",
        Duration.ofSeconds(30),
        () -> jsonpath("pod", "slow", ".spec.nodeName"),
        "grace-a"::equals);
    create(pod("vip3", "high", "1", "", "pool: grace"));
    await(
        "slow marked for deletion",
        Duration.ofSeconds(30),
        () -> jsonpath("pod", "slow", ".metadata.deletionTimestamp"),
        s -> !s.isEmpty() && !s.startsWith("<"));
    assertThat(
            jsonpath("pod", "slow", ".status.conditions[?(@.type==\"DisruptionTarget\")].reason"))
        .isEqualTo("PreemptionByScheduler");
    assertThat(jsonpath("pod", "vip3", ".status.nominatedNodeName")).isEqualTo("grace-a");
    // No kubelet ends the grace period: the preemptor waits. A cluster event (a node it cannot use)
    // makes it try again; it is told a victim is terminating and does not preempt again.
    nodes.add("grace-other", Map.of("cpu", "1", "memory", "4Gi"), Map.of("pool", "x"), List.of());
    awaitFailedScheduling(
        "vip3", "preemption: not eligible due to a terminating pod on the nominated node.");
    assertThat(jsonpath("pod", "vip3", ".spec.nodeName")).isEmpty();
    assertThat(events().stream().filter(l -> l.startsWith("slow|Preempted|"))).hasSize(1);
    // Acting as the kubelet: the victim is gone, its deletion requeues the preemptor.
    Kubectl.Result r = kubectl.run("delete", "pod", "slow", "--grace-period=0", "--force");
    assertThat(r.exitCode()).as(r.toString()).isZero();
    await(
        "vip3 bound",
        Duration.ofSeconds(30),
        () -> jsonpath("pod", "vip3", ".spec.nodeName"),
        "grace-a"::equals);
  }

  @Test
  @Order(7)
  void aSpreadConstrainedPodEvictsThePodThatEvensOutItsZone() throws Exception {
    // zone za: sp-a full with a high-priority pod (no app=spread-web: the emptiest zone, 0);
    // zone zb: sp-b with one low app=spread-web pod and one low other pod, room for the preemptor;
    // zone zc: sp-c with a high app=spread-web pod and a low other pod, room too. The preemptor
    // (app=spread-web, zone maxSkew 1) fits nowhere: 1 + 1 - 0 > 1 in zb and zc.
    for (String[] n :
        new String[][] {{"sp-a", "za", "1"}, {"sp-b", "zb", "3"}, {"sp-c", "zc", "3"}}) {
      nodes.add(
          n[0],
          Map.of("cpu", n[2], "memory", "4Gi"),
          Map.of("pool", "spread", "topology.kubernetes.io/zone", n[1]),
          List.of());
    }
    create(pod("sp-big", "high", "1", "app: db", "kubernetes.io/hostname: sp-a"));
    create(pod("sp-web-b", "low", "1", "app: spread-web", "kubernetes.io/hostname: sp-b"));
    create(pod("sp-other-b", "low", "1", "app: other", "kubernetes.io/hostname: sp-b"));
    create(pod("sp-web-c", "high", "1", "app: spread-web", "kubernetes.io/hostname: sp-c"));
    create(pod("sp-other-c", "low", "1", "app: other", "kubernetes.io/hostname: sp-c"));
    for (String p : List.of("sp-big", "sp-web-b", "sp-other-b", "sp-web-c", "sp-other-c")) {
      await(
          p + " bound",
          Duration.ofSeconds(30),
          () -> jsonpath("pod", p, ".spec.nodeName"),
          s -> s.startsWith("sp-"));
    }
    create(
        pod("sp-vip", "high", "1", "app: spread-web", "pool: spread")
            .replace(
                "  containers:",
                "  topologySpreadConstraints:\n"
                    + "  - maxSkew: 1\n"
                    + "    topologyKey: topology.kubernetes.io/zone\n"
                    + "    whenUnsatisfiable: DoNotSchedule\n"
                    + "    labelSelector:\n"
                    + "      matchLabels: {app: spread-web}\n"
                    + "  containers:"));
    String bound =
        await(
            "sp-vip bound",
            Duration.ofSeconds(30),
            () -> jsonpath("pod", "sp-vip", ".spec.nodeName"),
            s -> !s.isEmpty());
    // Only evicting sp-web-b evens zb out; evicting sp-other-c would not help zc.
    assertThat(bound).isEqualTo("sp-b");
    assertThat(jsonpath("pod", "sp-vip", ".status.nominatedNodeName")).isEqualTo("sp-b");
    assertThat(podNames())
        .contains("sp-big", "sp-other-b", "sp-web-c", "sp-other-c")
        .doesNotContain("sp-web-b");
    assertThat(events().stream().filter(l -> l.startsWith("sp-") && l.contains("|Preempted|")))
        .containsExactly(
            "sp-web-b|Preempted|Preempted by pod "
                + jsonpath("pod", "sp-vip", ".metadata.uid")
                + " on node sp-b");
  }
}
