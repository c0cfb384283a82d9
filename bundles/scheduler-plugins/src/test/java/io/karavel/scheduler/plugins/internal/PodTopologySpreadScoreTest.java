package io.karavel.scheduler.plugins.internal;

import static io.karavel.scheduler.plugins.internal.Fixtures.podBuilder;
import static io.karavel.scheduler.plugins.internal.Fixtures.spreadPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Topology spread scoring ({@code whenUnsatisfiable: ScheduleAnyway}) and the cluster default
 * constraints, from the Kubernetes documentation on pod topology spread constraints and the
 * scheduler's plugin semantics.
 */
class PodTopologySpreadScoreTest {
  static final String HOST = PodTopologySpread.HOSTNAME;
  static final String ZONE = PodTopologySpread.ZONE;

  static NodeInfo node(String name, String zone, Pod... pods) {
    return Fixtures.zonedNode(name, ZONE, zone, pods);
  }

  static Pod labelled(String app) {
    return podBuilder().editMetadata().withLabels(Map.of("app", app)).endMetadata().build();
  }

  static TopologySpreadConstraint soft(String key, int maxSkew) {
    return Fixtures.spreadWeb(key, maxSkew, "ScheduleAnyway");
  }

  /** A pod controlled by the ReplicaSet of that uid, labelled app=web. */
  static Pod owned(String rsUid) {
    return podBuilder()
        .editMetadata()
        .withLabels(Map.of("app", "web"))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind("ReplicaSet")
                .withName("rs-" + rsUid)
                .withUid(rsUid)
                .withController(true)
                .build())
        .endMetadata()
        .build();
  }

  /** zone1: n1 (2 web), n2 (1 web); zone2: n3 (1 web), n4 (0). */
  static NodeInfo[] cluster() {
    return new NodeInfo[] {
      node("n1", "z1", labelled("web"), labelled("web"), labelled("other")),
      node("n2", "z1", labelled("web")),
      node("n3", "z2", labelled("web")),
      node("n4", "z2")
    };
  }

  static NodeInfo[] with(NodeInfo[] nodes, NodeInfo extra) {
    NodeInfo[] l = java.util.Arrays.copyOf(nodes, nodes.length + 1);
    l[nodes.length] = extra;
    return l;
  }

  static Stream<Arguments> scoreCases() {
    return Stream.of(
        Arguments.of(
            // 2 zones: weight ln 4; zone1 3 pods -> round(4.16) = 4, zone2 1 -> 1;
            // normalized 100 * (max + min - s) / max
            "zone spread: the less loaded zone scores 100",
            spreadPod(soft(ZONE, 1)),
            cluster(),
            new long[] {25, 25, 100, 100}),
        Arguments.of(
            // 4 nodes: weight ln 6; per node 2, 1, 1, 0 pods -> 4, 2, 2, 0
            "hostname spread counts the pods on each node",
            spreadPod(soft(HOST, 1)),
            cluster(),
            new long[] {0, 50, 50, 100}),
        Arguments.of(
            // maxSkew adds maxSkew - 1 to every node: 4+2, 1+2 -> 6, 3: 100*(9-6)/6, 100*(9-3)/6
            "a larger maxSkew flattens the differences",
            spreadPod(soft(ZONE, 3)),
            cluster(),
            new long[] {50, 50, 100, 100}),
        Arguments.of(
            "nodes lacking a key of the pod's own constraints get 0 and do not count as domains",
            spreadPod(soft(ZONE, 1)),
            with(cluster(), node("bare", null, labelled("web"))),
            new long[] {25, 25, 100, 100, 0}),
        Arguments.of(
            // zone: weight ln 4, counts 3 / 1; host: weight ln 6, counts 2, 1, 1, 0
            // raw: n1 4.16+3.58 = 7.74 -> 8, n2 4.16+1.79 -> 6, n3 1.39+1.79 -> 3, n4 1.39 -> 1
            "two constraints add up",
            spreadPod(soft(ZONE, 1), soft(HOST, 1)),
            cluster(),
            new long[] {12, 37, 75, 100}),
        Arguments.of(
            "no matching pods anywhere: every node 100",
            spreadPod(soft(ZONE, 1)),
            new NodeInfo[] {node("n1", "z1", labelled("other")), node("n2", "z2")},
            new long[] {100, 100}),
        Arguments.of(
            "pods of other namespaces do not count",
            spreadPod(soft(HOST, 1)),
            new NodeInfo[] {
              node(
                  "n1",
                  "z1",
                  new io.fabric8.kubernetes.api.model.PodBuilder(labelled("web"))
                      .editMetadata()
                      .withNamespace("other")
                      .endMetadata()
                      .build()),
              node("n2", "z1")
            },
            new long[] {100, 100}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scoreCases")
  void score(String name, Pod pod, NodeInfo[] nodes, long[] expected) {
    assertThat(Fixtures.scores(new PodTopologySpread(), PodInfo.of(pod), nodes))
        .containsExactly(expected);
  }

  @Test
  void onlyScheduleAnywayConstraintsAreScored() {
    TopologySpreadConstraint hard = soft(ZONE, 1);
    hard.setWhenUnsatisfiable("DoNotSchedule");
    NodeInfo[] nodes = cluster();
    CycleState state = new CycleState(NodeSnapshot.of(List.of(nodes)));
    PodTopologySpread plugin = new PodTopologySpread();
    assertThat(plugin.preScore(state, PodInfo.of(spreadPod(hard)), List.of(nodes)).isSkip())
        .isTrue();
    // a pod with constraints of its own gets no defaults, even if it has an owner
    Pod ownedWithHard =
        new io.fabric8.kubernetes.api.model.PodBuilder(owned("rs1"))
            .editSpec()
            .withTopologySpreadConstraints(hard)
            .endSpec()
            .build();
    assertThat(plugin.preScore(state, PodInfo.of(ownedWithHard), List.of(nodes)).isSkip()).isTrue();
  }

  // ---- default constraints -------------------------------------------------------------------

  static Stream<Arguments> defaultCases() {
    return Stream.of(
        Arguments.of(
            // hostname maxSkew 3 (3 nodes: weight ln 5), zone maxSkew 5 (2 zones: weight ln 4)
            // n1: 2*1.61+2 + 2*1.39+4 = 12.0 -> 12; n2: 2 + 6.77 -> 9; n3: 2 + 4 -> 6
            "system defaults spread a ReplicaSet's pods over nodes and zones",
            owned("rs1"),
            new NodeInfo[] {
              node("n1", "zA", owned("rs1"), owned("rs1"), owned("rs2")),
              node("n2", "zA", labelled("web")),
              node("n3", "zB")
            },
            new long[] {50, 75, 100}),
        Arguments.of(
            // a node without the zone label is scored on hostname alone (system defaults do not
            // require every key); it still makes a domain of its own for the zone weight
            // n1: 1.39+2 + 1.39+4 = 8.77 -> 9; n2: 0+2 -> 2
            "system defaults score nodes lacking the zone label by hostname",
            owned("rs1"),
            new NodeInfo[] {node("n1", "zA", owned("rs1")), node("n2", null)},
            new long[] {22, 100}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaultCases")
  void defaults(String name, Pod pod, NodeInfo[] nodes, long[] expected) {
    assertThat(Fixtures.scores(new PodTopologySpread(), PodInfo.of(pod), nodes))
        .containsExactly(expected);
  }

  @Test
  void podsWithoutOwnersGetNoDefaultConstraints() {
    NodeInfo[] nodes = {node("n1", "zA", labelled("web")), node("n2", "zB")};
    CycleState state = new CycleState(NodeSnapshot.of(List.of(nodes)));
    assertThat(
            new PodTopologySpread()
                .preScore(state, PodInfo.of(labelled("web")), List.of(nodes))
                .isSkip())
        .isTrue();
  }

  @Test
  void syncedInformersGiveTheOwnersSelectors() {
    // a Service selecting app=web: every app=web pod counts, owned or not
    LabelSelector web = new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build();
    ClusterObjects objects =
        FakeClusterObjects.owners(
            p -> "web".equals(p.getMetadata().getLabels().get("app")) ? List.of(web) : List.of());
    NodeInfo[] nodes = {
      node("n1", "zA", labelled("web"), labelled("web")), node("n2", "zA"), node("n3", "zB")
    };
    assertThat(
            Fixtures.scores(
                new PodTopologySpread(objects, Map.of()), PodInfo.of(labelled("web")), nodes))
        .containsExactly(50, 75, 100);
    // the pod of no Service and no controller: no defaults
    CycleState state = new CycleState(NodeSnapshot.of(List.of(nodes)));
    assertThat(
            new PodTopologySpread(objects, Map.of())
                .preScore(state, PodInfo.of(labelled("db")), List.of(nodes))
                .isSkip())
        .isTrue();
  }

  @Test
  void listedDefaultConstraintsRequireEveryKeyAndMayFilter() {
    PodTopologySpread plugin =
        new PodTopologySpread(
            ClusterObjects.NONE,
            Map.of("defaultingType", "List", "defaultConstraints", ZONE + ":1:DoNotSchedule"));
    NodeInfo[] nodes = {
      node("n1", "zA", owned("rs1"), owned("rs1")), node("n2", "zB"), node("bare", null)
    };
    CycleState state = new CycleState(NodeSnapshot.of(List.of(nodes)));
    PodInfo pod = PodInfo.of(owned("rs1"));
    assertThat(plugin.preFilter(state, pod, state.snapshot()).status().isSuccess()).isTrue();
    assertThat(plugin.filter(state, pod, nodes[0]).message()).isEqualTo(PodTopologySpread.REASON);
    assertThat(plugin.filter(state, pod, nodes[1]).isSuccess()).isTrue();
    assertThat(plugin.filter(state, pod, nodes[2]).message())
        .isEqualTo(PodTopologySpread.MISSING_LABEL);
    // no ScheduleAnyway default listed: nothing to score
    assertThat(plugin.preScore(state, pod, List.of(nodes)).isSkip()).isTrue();

    PodTopologySpread soft =
        new PodTopologySpread(
            ClusterObjects.NONE,
            Map.of("defaultingType", "List", "defaultConstraints", ZONE + ":1:ScheduleAnyway"));
    // listed defaults require every key: the bare node gets 0
    assertThat(Fixtures.scores(soft, pod, nodes)).containsExactly(0, 100, 0);
    // an empty list: no defaults at all
    PodTopologySpread none =
        new PodTopologySpread(ClusterObjects.NONE, Map.of("defaultingType", "List"));
    assertThat(none.preScore(state, pod, List.of(nodes)).isSkip()).isTrue();
  }

  @Test
  void invalidArgumentsAreRejected() {
    PodTopologySpread p = new PodTopologySpread();
    assertThatThrownBy(() -> p.withArgs(Map.of("defaultingType", "Sometimes")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> p.withArgs(Map.of("defaultConstraints", ZONE + ":1:ScheduleAnyway")))
        .hasMessageContaining("System");
    assertThatThrownBy(
            () ->
                p.withArgs(
                    Map.of(
                        "defaultingType", "List", "defaultConstraints", ZONE + ":0:DoNotSchedule")))
        .hasMessageContaining("maxSkew");
    assertThatThrownBy(
            () -> p.withArgs(Map.of("defaultingType", "List", "defaultConstraints", ZONE + ":1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(
            PodTopologySpread.parseDefaults(
                HOST + ":3:ScheduleAnyway, " + ZONE + ":5:ScheduleAnyway"))
        .isEqualTo(PodTopologySpread.SYSTEM_DEFAULTS);
  }
}
