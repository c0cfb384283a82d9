package io.karavel.scheduler.plugins.internal;

import static io.karavel.scheduler.plugins.internal.Fixtures.podBuilder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.karavel.scheduler.spi.Code;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Inter-pod affinity as the Kubernetes documentation and the scheduler plugin describe it. */
class InterPodAffinityTest {
  static final String HOST = "kubernetes.io/hostname";
  static final String ZONE = "zone";
  static final String AFF = InterPodAffinity.AFFINITY_REASON;
  static final String ANTI = InterPodAffinity.ANTI_AFFINITY_REASON;
  static final String EXISTING = InterPodAffinity.EXISTING_ANTI_AFFINITY_REASON;

  static final ClusterObjects NS =
      FakeClusterObjects.namespaces(
          Map.of("team-a", Map.of("team", "a"), "team-b", Map.of("team", "b")));

  // ---- builders ------------------------------------------------------------------------------

  static NodeInfo node(String name, String zone, Pod... pods) {
    return Fixtures.zonedNode(name, ZONE, zone, pods);
  }

  static LabelSelector app(String app) {
    return new LabelSelectorBuilder().withMatchLabels(Map.of("app", app)).build();
  }

  static PodAffinityTerm term(String topologyKey, String app) {
    return new PodAffinityTermBuilder()
        .withTopologyKey(topologyKey)
        .withLabelSelector(app(app))
        .build();
  }

  static PodAffinityTerm inNamespaces(PodAffinityTerm t, String... namespaces) {
    return new PodAffinityTermBuilder(t).withNamespaces(namespaces).build();
  }

  static PodAffinityTerm selectingNamespaces(PodAffinityTerm t, Map<String, String> labels) {
    return new PodAffinityTermBuilder(t)
        .withNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(labels).build())
        .build();
  }

  static WeightedPodAffinityTerm weighted(int weight, PodAffinityTerm t) {
    return new WeightedPodAffinityTerm(t, weight);
  }

  /** A pod in {@code ns} labelled app={@code app} (no label when null) with that affinity. */
  static Pod pod(String ns, String app, Affinity affinity) {
    return podBuilder()
        .editMetadata()
        .withNamespace(ns)
        .withLabels(app == null ? Map.of() : Map.of("app", app))
        .endMetadata()
        .editSpec()
        .withAffinity(affinity)
        .endSpec()
        .build();
  }

  static Pod pod(String app) {
    return pod("default", app, null);
  }

  static Affinity required(PodAffinityTerm... terms) {
    return new AffinityBuilder()
        .withNewPodAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(terms)
        .endPodAffinity()
        .build();
  }

  static Affinity requiredAnti(PodAffinityTerm... terms) {
    return new AffinityBuilder()
        .withNewPodAntiAffinity()
        .withRequiredDuringSchedulingIgnoredDuringExecution(terms)
        .endPodAntiAffinity()
        .build();
  }

  static Affinity preferred(
      List<WeightedPodAffinityTerm> affinity, List<WeightedPodAffinityTerm> anti) {
    return new AffinityBuilder()
        .withNewPodAffinity()
        .withPreferredDuringSchedulingIgnoredDuringExecution(affinity)
        .endPodAffinity()
        .withNewPodAntiAffinity()
        .withPreferredDuringSchedulingIgnoredDuringExecution(anti)
        .endPodAntiAffinity()
        .build();
  }

  // ---- Filter --------------------------------------------------------------------------------

  /** Runs PreFilter and Filter on every node: node name → "" when it fits, else code: reason. */
  static Map<String, String> fits(InterPodAffinity plugin, Pod pod, List<NodeInfo> nodes) {
    PodInfo p = PodInfo.of(pod);
    CycleState state = new CycleState(NodeSnapshot.of(nodes));
    Status pre = plugin.preFilter(state, p, state.snapshot()).status();
    Map<String, String> m = new TreeMap<>();
    for (NodeInfo n : nodes) {
      Status s = pre.isSkip() ? Status.success() : plugin.filter(state, p, n);
      m.put(n.name(), s.isSuccess() ? "" : s.code() + ": " + s.message());
    }
    return m;
  }

  static String unresolvable(String reason) {
    return Code.UNSCHEDULABLE_AND_UNRESOLVABLE + ": " + reason;
  }

  static String unschedulable(String reason) {
    return Code.UNSCHEDULABLE + ": " + reason;
  }

  static Map<String, String> expect(String... kv) {
    Map<String, String> m = new TreeMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static Stream<Arguments> filterCases() {
    return Stream.of(
        Arguments.of(
            "required affinity: only the zone of a matching pod",
            pod("default", "web", required(term(ZONE, "db"))),
            List.of(node("n1", "z1", pod("db")), node("n2", "z1"), node("n3", "z2", pod("web"))),
            expect("n1", "", "n2", "", "n3", unresolvable(AFF))),
        Arguments.of(
            "required affinity on hostname: only the node of the matching pod",
            pod("default", "web", required(term(HOST, "db"))),
            List.of(node("n1", "z1", pod("db")), node("n2", "z1"), node("n3", "z2")),
            expect("n1", "", "n2", unresolvable(AFF), "n3", unresolvable(AFF))),
        Arguments.of(
            "a node without the topology key never satisfies affinity",
            pod("default", "web", required(term(ZONE, "db"))),
            List.of(node("n1", "z1", pod("db")), node("bare", null, pod("db"))),
            expect("n1", "", "bare", unresolvable(AFF))),
        Arguments.of(
            "all required terms must hold, each in its own domain",
            pod("default", "web", required(term(ZONE, "db"), term(HOST, "db"))),
            List.of(node("n1", "z1", pod("db")), node("n2", "z1"), node("n3", "z2")),
            expect("n1", "", "n2", unresolvable(AFF), "n3", unresolvable(AFF))),
        Arguments.of(
            "a pod counts only if it matches every required term by itself",
            pod("default", "web", required(term(ZONE, "db"), term(HOST, "cache"))),
            List.of(
                node("n1", "z1", pod("db")),
                node("n2", "z1", pod("cache")),
                node("n3", "z2", pod("cache"))),
            expect("n1", unresolvable(AFF), "n2", unresolvable(AFF), "n3", unresolvable(AFF))),
        Arguments.of(
            "no pod matches yet, the pod matches its own term: it may start the group anywhere",
            pod("default", "web", required(term(ZONE, "web"))),
            List.of(node("n1", "z1"), node("n2", "z2"), node("bare", null)),
            expect("n1", "", "n2", "", "bare", unresolvable(AFF))),
        Arguments.of(
            "no pod matches and the pod does not match itself: nowhere",
            pod("default", "api", required(term(ZONE, "web"))),
            List.of(node("n1", "z1"), node("n2", "z2")),
            expect("n1", unresolvable(AFF), "n2", unresolvable(AFF))),
        Arguments.of(
            "self-affinity once the group exists: only its zone",
            pod("default", "web", required(term(ZONE, "web"))),
            List.of(node("n1", "z1"), node("n2", "z2", pod("web"))),
            expect("n1", unresolvable(AFF), "n2", "")),
        Arguments.of(
            "required anti-affinity on hostname keeps off nodes with a matching pod",
            pod("default", "web", requiredAnti(term(HOST, "db"))),
            List.of(node("n1", "z1", pod("db")), node("n2", "z1"), node("n3", "z2", pod("web"))),
            expect("n1", unschedulable(ANTI), "n2", "", "n3", "")),
        Arguments.of(
            "anti-affinity to itself: one per zone",
            pod("default", "web", requiredAnti(term(ZONE, "web"))),
            List.of(node("n1", "z1", pod("web")), node("n2", "z1"), node("n3", "z2")),
            expect("n1", unschedulable(ANTI), "n2", unschedulable(ANTI), "n3", "")),
        Arguments.of(
            "anti-affinity ignores nodes without the topology key",
            pod("default", "web", requiredAnti(term(ZONE, "web"))),
            List.of(node("bare", null, pod("web")), node("n1", "z1")),
            expect("bare", "", "n1", "")),
        Arguments.of(
            "an existing pod's required anti-affinity keeps the incoming pod out of its zone",
            pod("web"),
            List.of(
                node("n1", "z1", pod("default", "db", requiredAnti(term(ZONE, "web")))),
                node("n2", "z1"),
                node("n3", "z2")),
            expect("n1", unschedulable(EXISTING), "n2", unschedulable(EXISTING), "n3", "")),
        Arguments.of(
            "an existing pod's anti-affinity that does not select the pod has no effect",
            pod("api"),
            List.of(node("n1", "z1", pod("default", "db", requiredAnti(term(ZONE, "web"))))),
            expect("n1", "")),
        Arguments.of(
            "an existing pod's term applies to its own namespace only by default",
            pod("other", "web", null),
            List.of(node("n1", "z1", pod("default", "db", requiredAnti(term(HOST, "web"))))),
            expect("n1", "")),
        Arguments.of(
            "terms default to the pod's namespace: a matching pod elsewhere does not count",
            pod("default", "web", required(term(ZONE, "db"))),
            List.of(node("n1", "z1", pod("other", "db", null)), node("n2", "z2", pod("db"))),
            expect("n1", unresolvable(AFF), "n2", "")),
        Arguments.of(
            "terms listing namespaces count pods there",
            pod("default", "web", required(inNamespaces(term(ZONE, "db"), "other"))),
            List.of(node("n1", "z1", pod("other", "db", null)), node("n2", "z2", pod("db"))),
            expect("n1", "", "n2", unresolvable(AFF))),
        Arguments.of(
            "namespaceSelector selects namespaces by their labels",
            pod(
                "default",
                "web",
                required(selectingNamespaces(term(ZONE, "db"), Map.of("team", "a")))),
            List.of(
                node("n1", "z1", pod("team-a", "db", null)),
                node("n2", "z2", pod("team-b", "db", null)),
                node("n3", "z3", pod("db"))),
            expect("n1", "", "n2", unresolvable(AFF), "n3", unresolvable(AFF))),
        Arguments.of(
            "an empty namespaceSelector selects every namespace",
            pod("default", "web", requiredAnti(selectingNamespaces(term(HOST, "db"), Map.of()))),
            List.of(
                node("n1", "z1", pod("team-a", "db", null)),
                node("n2", "z2", pod("team-b", "db", null)),
                node("n3", "z3")),
            expect("n1", unschedulable(ANTI), "n2", unschedulable(ANTI), "n3", "")),
        Arguments.of(
            "an existing pod's namespaceSelector is checked against the incoming pod's namespace",
            pod("team-b", "web", null),
            List.of(
                node(
                    "n1",
                    "z1",
                    pod(
                        "team-a",
                        "db",
                        requiredAnti(selectingNamespaces(term(HOST, "web"), Map.of("team", "b"))))),
                node(
                    "n2",
                    "z2",
                    pod(
                        "team-a",
                        "db",
                        requiredAnti(
                            selectingNamespaces(term(HOST, "web"), Map.of("team", "a")))))),
            expect("n1", unschedulable(EXISTING), "n2", "")),
        Arguments.of(
            "a term without a label selector matches no pod",
            pod(
                "default",
                "web",
                requiredAnti(new PodAffinityTermBuilder().withTopologyKey(HOST).build())),
            List.of(node("n1", "z1", pod("db"))),
            expect("n1", "")),
        Arguments.of(
            "affinity is checked before anti-affinity",
            pod(
                "default",
                "web",
                new AffinityBuilder(required(term(HOST, "db")))
                    .withNewPodAntiAffinity()
                    .withRequiredDuringSchedulingIgnoredDuringExecution(term(HOST, "cache"))
                    .endPodAntiAffinity()
                    .build()),
            List.of(node("n1", "z1", pod("db"), pod("cache")), node("n2", "z1", pod("cache"))),
            expect("n1", unschedulable(ANTI), "n2", unresolvable(AFF))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterCases")
  void filter(String name, Pod pod, List<NodeInfo> nodes, Map<String, String> expected) {
    assertThat(fits(new InterPodAffinity(NS, Map.of()), pod, nodes)).isEqualTo(expected);
  }

  @Test
  void preFilterIsSkippedWithoutRequiredTermsAnywhere() {
    InterPodAffinity plugin = new InterPodAffinity(NS, Map.of());
    List<NodeInfo> nodes =
        List.of(node("n1", "z1", pod("default", "db", required(term(HOST, "x")))));
    CycleState state = new CycleState(NodeSnapshot.of(nodes));
    assertThat(plugin.preFilter(state, PodInfo.of(pod("web")), state.snapshot()).status().isSkip())
        .isTrue();
    // an existing pod's required anti-affinity is reason enough to run
    List<NodeInfo> withAnti =
        List.of(node("n1", "z1", pod("default", "db", requiredAnti(term(HOST, "x")))));
    CycleState s2 = new CycleState(NodeSnapshot.of(withAnti));
    assertThat(plugin.preFilter(s2, PodInfo.of(pod("web")), s2.snapshot()).status().isSuccess())
        .isTrue();
  }

  @Test
  void antiAffinityToItselfPlacesOnePodPerNode() {
    // three replicas with anti-affinity to their own label on hostname over two nodes: the first
    // two land on different nodes, the third fits nowhere
    InterPodAffinity plugin = new InterPodAffinity(NS, Map.of());
    List<NodeInfo> nodes = new ArrayList<>(List.of(node("n1", "z1"), node("n2", "z1")));
    List<String> placed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Pod replica = pod("default", "web", requiredAnti(term(HOST, "web")));
      Map<String, String> fit = fits(plugin, replica, nodes);
      String chosen =
          fit.entrySet().stream()
              .filter(e -> e.getValue().isEmpty())
              .map(Map.Entry::getKey)
              .findFirst()
              .orElse(null);
      placed.add(chosen);
      if (chosen != null) {
        int idx = chosen.equals("n1") ? 0 : 1;
        nodes.set(idx, nodes.get(idx).withPod(PodInfo.of(replica), 2 + i));
      } else {
        assertThat(fit.values()).containsOnly(unschedulable(ANTI));
      }
    }
    assertThat(placed).containsExactly("n1", "n2", null);
  }

  @Test
  void addPodAndRemovePodUpdateACopyOfTheState() {
    InterPodAffinity plugin = new InterPodAffinity(NS, Map.of());
    PodInfo db = PodInfo.of(pod("db"));
    PodInfo guard = PodInfo.of(pod("default", "guard", requiredAnti(term(ZONE, "web"))));
    NodeInfo n1 = node("n1", "z1").withPod(db, 2);
    NodeInfo n2 = node("n2", "z2");
    PodInfo incoming =
        PodInfo.of(
            pod(
                "default",
                "web",
                new AffinityBuilder(required(term(ZONE, "db")))
                    .withNewPodAntiAffinity()
                    .withRequiredDuringSchedulingIgnoredDuringExecution(term(HOST, "cache"))
                    .endPodAntiAffinity()
                    .build()));
    CycleState state = new CycleState(NodeSnapshot.of(List.of(n1, n2)));
    assertThat(plugin.preFilter(state, incoming, state.snapshot()).status().isSuccess()).isTrue();
    assertThat(plugin.filter(state, incoming, n1).isSuccess()).isTrue();

    // what if db were preempted: no pod matches the affinity any more, and web does not match
    // its own term, so n1 fails
    CycleState without = state.copy();
    plugin.preFilterExtensions().removePod(without, incoming, db, n1);
    assertThat(plugin.filter(without, incoming, n1).message()).isEqualTo(AFF);
    // what if a db pod were nominated to n2: n2 fits too
    CycleState moved = without.copy();
    plugin.preFilterExtensions().addPod(moved, incoming, db, n2);
    assertThat(plugin.filter(moved, incoming, n2).isSuccess()).isTrue();
    // a cache pod added to n2 trips the incoming pod's anti-affinity
    plugin.preFilterExtensions().addPod(moved, incoming, PodInfo.of(pod("cache")), n2);
    assertThat(plugin.filter(moved, incoming, n2).message()).isEqualTo(ANTI);
    // a guard pod (anti-affinity against web in its zone) added to n2
    CycleState guarded = without.copy();
    plugin.preFilterExtensions().addPod(guarded, incoming, db, n2);
    plugin.preFilterExtensions().addPod(guarded, incoming, guard, n2);
    assertThat(plugin.filter(guarded, incoming, n2).message()).isEqualTo(EXISTING);
    plugin.preFilterExtensions().removePod(guarded, incoming, guard, n2);
    assertThat(plugin.filter(guarded, incoming, n2).isSuccess()).isTrue();
    // the original state is untouched by the copies
    assertThat(plugin.filter(state, incoming, n1).isSuccess()).isTrue();
    assertThat(plugin.filter(state, incoming, n2).message()).isEqualTo(AFF);
  }

  // ---- Score ---------------------------------------------------------------------------------

  static long[] score(InterPodAffinity plugin, Pod pod, NodeInfo... nodes) {
    return Fixtures.scores(plugin, PodInfo.of(pod), nodes);
  }

  static Stream<Arguments> scoreCases() {
    return Stream.of(
        Arguments.of(
            "preferred affinity: the zone with the matching pod scores 100",
            pod("default", "web", preferred(List.of(weighted(5, term(ZONE, "db"))), List.of())),
            new NodeInfo[] {node("n1", "z1", pod("db")), node("n2", "z1"), node("n3", "z2")},
            new long[] {100, 100, 0}),
        Arguments.of(
            "weights add up per domain; normalized between the lowest and the highest",
            pod(
                "default",
                "web",
                preferred(
                    List.of(weighted(8, term(ZONE, "db")), weighted(2, term(HOST, "cache"))),
                    List.of())),
            new NodeInfo[] {
              node("n1", "z1", pod("db")), node("n2", "z2", pod("cache")), node("n3", "z3")
            },
            // raw 8, 2, 0
            new long[] {100, 25, 0}),
        Arguments.of(
            "preferred anti-affinity subtracts; the lowest raw score (negative) becomes 0",
            pod(
                "default",
                "web",
                preferred(
                    List.of(weighted(5, term(HOST, "db"))),
                    List.of(weighted(3, term(HOST, "web"))))),
            new NodeInfo[] {
              node("n1", "z1", pod("web")), node("n2", "z1"), node("n3", "z2", pod("db"))
            },
            // raw -3, 0, 5: (0+3)/8 = 37.5% truncated
            new long[] {0, 37, 100}),
        Arguments.of(
            "matching pods are counted: two in a zone weigh twice",
            pod("default", "web", preferred(List.of(weighted(1, term(ZONE, "db"))), List.of())),
            new NodeInfo[] {
              node("n1", "z1", pod("db"), pod("db")), node("n2", "z2", pod("db")), node("n3", "z3")
            },
            new long[] {100, 50, 0}),
        Arguments.of(
            "an existing pod's preferred affinity to the incoming pod attracts it",
            pod("web"),
            new NodeInfo[] {
              node(
                  "n1",
                  "z1",
                  pod(
                      "default",
                      "db",
                      preferred(List.of(weighted(10, term(HOST, "web"))), List.of()))),
              node("n2", "z1")
            },
            new long[] {100, 0}),
        Arguments.of(
            "an existing pod's preferred anti-affinity to the incoming pod repels it",
            pod("web"),
            new NodeInfo[] {
              node(
                  "n1",
                  "z1",
                  pod(
                      "default",
                      "db",
                      preferred(List.of(), List.of(weighted(10, term(ZONE, "web")))))),
              node("n2", "z1"),
              node("n3", "z2")
            },
            new long[] {0, 0, 100}),
        Arguments.of(
            "an existing pod's required affinity counts at hardPodAffinityWeight (default 1)",
            pod("web"),
            new NodeInfo[] {
              node("n1", "z1", pod("default", "db", required(term(HOST, "web")))), node("n2", "z1")
            },
            new long[] {100, 0}),
        Arguments.of(
            "no term matches anything: all 0",
            pod("default", "web", preferred(List.of(weighted(5, term(ZONE, "none"))), List.of())),
            new NodeInfo[] {node("n1", "z1", pod("db")), node("n2", "z2")},
            new long[] {0, 0}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scoreCases")
  void score(String name, Pod pod, NodeInfo[] nodes, long[] expected) {
    assertThat(score(new InterPodAffinity(NS, Map.of()), pod, nodes)).containsExactly(expected);
  }

  @Test
  void hardPodAffinityWeightScalesExistingRequiredTerms() {
    Pod existingA = pod("default", "db", required(term(HOST, "web")));
    Pod existingB =
        pod("default", "db", preferred(List.of(weighted(3, term(HOST, "web"))), List.of()));
    NodeInfo[] nodes = {node("n1", "z1", existingA), node("n2", "z1", existingB), node("n3", "z2")};
    // weight 1: n1 raw 1, n2 raw 3
    assertThat(score(new InterPodAffinity(NS, Map.of()), pod("web"), nodes))
        .containsExactly(33, 100, 0);
    // weight 6: n1 raw 6 beats n2
    assertThat(
            score(
                new InterPodAffinity(NS, Map.of("hardPodAffinityWeight", "6")), pod("web"), nodes))
        .containsExactly(100, 50, 0);
    // weight 0: existing required terms are ignored
    assertThat(
            score(
                new InterPodAffinity(NS, Map.of("hardPodAffinityWeight", "0")), pod("web"), nodes))
        .containsExactly(0, 100, 0);
  }

  @Test
  void preScoreIsSkippedWhenNothingHasAffinity() {
    InterPodAffinity plugin = new InterPodAffinity(NS, Map.of());
    NodeInfo n1 = node("n1", "z1", pod("db"));
    CycleState state = new CycleState(NodeSnapshot.of(List.of(n1)));
    assertThat(plugin.preScore(state, PodInfo.of(pod("web")), List.of(n1)).isSkip()).isTrue();
    // ignorePreferredTermsOfExistingPods skips a pod without preferred terms of its own
    NodeInfo n2 =
        node(
            "n2",
            "z1",
            pod("default", "db", preferred(List.of(weighted(3, term(HOST, "web"))), List.of())));
    CycleState s2 = new CycleState(NodeSnapshot.of(List.of(n2)));
    assertThat(plugin.preScore(s2, PodInfo.of(pod("web")), List.of(n2)).isSuccess()).isTrue();
    InterPodAffinity ignoring =
        new InterPodAffinity(NS, Map.of("ignorePreferredTermsOfExistingPods", "true"));
    assertThat(ignoring.preScore(s2, PodInfo.of(pod("web")), List.of(n2)).isSkip()).isTrue();
  }

  @Test
  void invalidArgumentsAreRejected() {
    assertThatThrownBy(
            () -> new InterPodAffinity().withArgs(Map.of("hardPodAffinityWeight", "101")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InterPodAffinity().withArgs(Map.of("hardPodAffinityWeight", "-1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new InterPodAffinity().withArgs(Map.of("hardPodAffinityWeight", "100")))
        .isInstanceOf(InterPodAffinity.class);
  }

  @Test
  void registersPodAndNodeLabelEvents() {
    assertThat(new InterPodAffinity().eventsToRegister())
        .anySatisfy(
            e ->
                assertThat(
                        e.matches(
                            new io.karavel.scheduler.spi.ClusterEvent(
                                io.karavel.scheduler.spi.ClusterEvent.Resource.ASSIGNED_POD,
                                io.karavel.scheduler.spi.ClusterEvent.UPDATE_POD_LABEL)))
                    .isTrue())
        .anySatisfy(
            e ->
                assertThat(
                        e.matches(
                            new io.karavel.scheduler.spi.ClusterEvent(
                                io.karavel.scheduler.spi.ClusterEvent.Resource.NODE,
                                io.karavel.scheduler.spi.ClusterEvent.UPDATE_NODE_LABEL)))
                    .isTrue());
    assertThat(io.karavel.scheduler.spi.PreFilterExtensions.class)
        .isAssignableFrom(InterPodAffinity.class);
  }
}
