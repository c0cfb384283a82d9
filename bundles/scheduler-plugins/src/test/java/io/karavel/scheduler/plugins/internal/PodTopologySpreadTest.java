package io.karavel.scheduler.plugins.internal;

import static io.karavel.scheduler.plugins.internal.Fixtures.nodeBuilder;
import static io.karavel.scheduler.plugins.internal.Fixtures.podBuilder;
import static io.karavel.scheduler.plugins.internal.Fixtures.spreadPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.karavel.scheduler.spi.Code;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodTopologySpreadTest {
  private final PodTopologySpread plugin = new PodTopologySpread();

  private static Node node(String name, String zone) {
    Map<String, String> labels = new HashMap<>(Map.of("kubernetes.io/hostname", name));
    if (zone != null) {
      labels.put("zone", zone);
    }
    return nodeBuilder(name, "cpu", "8").editMetadata().withLabels(labels).endMetadata().build();
  }

  private static Pod labelled(String app) {
    return podBuilder().editMetadata().withLabels(Map.of("app", app)).endMetadata().build();
  }

  private static TopologySpreadConstraint spread(String key, int maxSkew, Integer minDomains) {
    return new TopologySpreadConstraintBuilder(Fixtures.spreadWeb(key, maxSkew, "DoNotSchedule"))
        .withMinDomains(minDomains)
        .build();
  }

  private static PodInfo incoming(TopologySpreadConstraint... constraints) {
    return PodInfo.of(spreadPod(constraints));
  }

  /** Which nodes fit, as node name → reason ("" when it fits). */
  private Map<String, String> fits(PodInfo pod, List<NodeInfo> nodes) {
    CycleState state = new CycleState(NodeSnapshot.of(nodes));
    var r = plugin.preFilter(state, pod, state.snapshot());
    assertThat(r.status().isSuccess()).isTrue();
    Map<String, String> m = new java.util.TreeMap<>();
    for (NodeInfo n : nodes) {
      var s = plugin.filter(state, pod, n);
      m.put(n.name(), s.isSuccess() ? "" : s.message());
    }
    return m;
  }

  /** zone1: n1 (2 web pods), n2 (1); zone2: n3 (1), n4 (0). */
  private static List<NodeInfo> cluster() {
    List<NodeInfo> l = new ArrayList<>();
    l.add(
        Fixtures.nodeInfo(
            node("n1", "zone1"), labelled("web"), labelled("web"), labelled("other")));
    l.add(Fixtures.nodeInfo(node("n2", "zone1"), labelled("web")));
    l.add(Fixtures.nodeInfo(node("n3", "zone2"), labelled("web")));
    l.add(Fixtures.nodeInfo(node("n4", "zone2")));
    return l;
  }

  @Test
  void zoneSpreadWithMaxSkewOneSendsThePodToTheEmptierZone() {
    // zone1 has 3 matching pods, zone2 1: placing in zone1 makes skew 3+1-1 = 3 > 1
    assertThat(fits(incoming(spread("zone", 1, null)), cluster()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "n1",
                PodTopologySpread.REASON,
                "n2",
                PodTopologySpread.REASON,
                "n3",
                "",
                "n4",
                ""));
  }

  @Test
  void hostnameSpreadComparesWithTheLeastLoadedNode() {
    // per node 2, 1, 1, 0: only nodes with count + 1 - 0 <= 1 fit, i.e. n4
    assertThat(fits(incoming(spread("kubernetes.io/hostname", 1, null)), cluster()))
        .containsEntry("n4", "")
        .containsEntry("n2", PodTopologySpread.REASON)
        .containsEntry("n1", PodTopologySpread.REASON);
    // maxSkew 2 admits n2 and n3 as well
    assertThat(fits(incoming(spread("kubernetes.io/hostname", 2, null)), cluster()))
        .containsEntry("n2", "")
        .containsEntry("n3", "")
        .containsEntry("n1", PodTopologySpread.REASON);
  }

  @Test
  void nodesWithoutTheTopologyKeyAreUnresolvable() {
    List<NodeInfo> nodes = new ArrayList<>(cluster());
    nodes.add(Fixtures.nodeInfo(node("bare", null)));
    CycleState state = new CycleState(NodeSnapshot.of(nodes));
    PodInfo pod = incoming(spread("zone", 1, null));
    plugin.preFilter(state, pod, state.snapshot());
    var s = plugin.filter(state, pod, nodes.get(4));
    assertThat(s.code()).isEqualTo(Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
    assertThat(s.message()).isEqualTo(PodTopologySpread.MISSING_LABEL);
  }

  @Test
  void fewerDomainsThanMinDomainsMakeTheGlobalMinimumZero() {
    // two zones exist, minDomains 3: min is 0, so zone2 (1 pod) + 1 = 2 > maxSkew 1 fails too
    assertThat(fits(incoming(spread("zone", 1, 3)), cluster()).values()).doesNotContain("");
    assertThat(fits(incoming(spread("zone", 2, 3)), cluster()))
        .containsEntry("n3", "")
        .containsEntry("n1", PodTopologySpread.REASON);
  }

  @Test
  void podsWithoutHardConstraintsAreSkipped() {
    CycleState state = new CycleState(NodeSnapshot.of(cluster()));
    TopologySpreadConstraint soft = spread("zone", 1, null);
    soft.setWhenUnsatisfiable("ScheduleAnyway");
    assertThat(plugin.preFilter(state, incoming(soft), state.snapshot()).status().isSkip())
        .isTrue();
    assertThat(plugin.preFilter(state, incoming(), state.snapshot()).status().isSkip()).isTrue();
  }

  @Test
  void nodesTheAffinityExcludesDoNotCountAsDomains() {
    // the pod may only run in zone1: zone2 is not a domain, the minimum is zone1's own count
    PodInfo pod =
        PodInfo.of(
            new io.fabric8.kubernetes.api.model.PodBuilder(incoming(spread("zone", 1, null)).pod())
                .editSpec()
                .withNodeSelector(Map.of("zone", "zone1"))
                .endSpec()
                .build());
    assertThat(fits(pod, cluster())).containsEntry("n1", "").containsEntry("n2", "");
  }
}
