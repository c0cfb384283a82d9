package io.karavel.scheduler.plugins.internal;

import static io.karavel.scheduler.plugins.internal.Fixtures.nodeBuilder;
import static io.karavel.scheduler.plugins.internal.Fixtures.podBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PreFilterExtensions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AddPod/RemovePod of PodTopologySpread, table-driven from upstream's documented behaviour (the
 * "Pod Topology Spread Constraints" concept page and the plugin's preemption support): a pod added
 * to or removed from a node changes its domain's count of matching pods, and so the skew of every
 * node, only when it is in the incoming pod's namespace, matches the constraint's selector and sits
 * on a node that carries every constraint's topology key and passes the constraint's node inclusion
 * policies; the global minimum follows (0 while fewer domains than {@code minDomains} exist).
 */
class PodTopologySpreadExtensionsTest {
  private static final String ZONE = "zone";
  private static final String HOST = "kubernetes.io/hostname";
  private static final String FAIL = PodTopologySpread.REASON;

  private final PodTopologySpread plugin = new PodTopologySpread();

  /** One change to the cluster: {@code pod} added to or removed from {@code node}. */
  record Op(boolean add, String node, Pod pod) {
    static Op add(String node, Pod pod) {
      return new Op(true, node, pod);
    }

    static Op remove(String node, Pod pod) {
      return new Op(false, node, pod);
    }
  }

  /**
   * One row: the incoming pod's constraints (and any change to the pod), the cluster, the changes,
   * and which nodes then fit ("" fits, else the reason).
   */
  record Case(
      String name,
      List<TopologySpreadConstraint> constraints,
      UnaryOperator<PodBuilder> incoming,
      List<NodeInfo> cluster,
      List<Op> ops,
      Map<String, String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  // The pods of the cluster: fixed objects, so that a row can remove the very pod it placed.
  private static final Pod WEB1 = web("default");
  private static final Pod WEB2 = web("default");
  private static final Pod WEB3 = web("default");
  private static final Pod WEB4 = web("default");

  private static Pod web(String namespace) {
    return labelled(namespace, "web");
  }

  private static Pod labelled(String namespace, String app) {
    return podBuilder()
        .editMetadata()
        .withNamespace(namespace)
        .withLabels(Map.of("app", app))
        .endMetadata()
        .build();
  }

  private static Pod version(String version) {
    return podBuilder()
        .editMetadata()
        .withLabels(Map.of("app", "web", "version", version))
        .endMetadata()
        .build();
  }

  private static Pod terminating(Pod p) {
    return new PodBuilder(p)
        .editMetadata()
        .withDeletionTimestamp("2026-01-01T00:00:00Z")
        .endMetadata()
        .build();
  }

  /** A node with the given labels (key, value pairs) and, if any, NoSchedule taint key. */
  private static NodeInfo node(String name, String taint, List<String> labels, Pod... pods) {
    Map<String, String> l = new HashMap<>();
    for (int i = 0; i + 1 < labels.size(); i += 2) {
      l.put(labels.get(i), labels.get(i + 1));
    }
    var b = nodeBuilder(name, "cpu", "8").editMetadata().withLabels(l).endMetadata();
    if (taint != null) {
      b = b.editSpec().withTaints(new Taint("NoSchedule", taint, null, null)).endSpec();
    }
    return Fixtures.nodeInfo(b.build(), pods);
  }

  private static NodeInfo zoned(String name, String zone, Pod... pods) {
    return Fixtures.zonedNode(name, ZONE, zone, pods);
  }

  /** zone1: n1 (web1, web2, an app=other), n2 (web3); zone2: n3 (web4), n4 (nothing). */
  private static List<NodeInfo> cluster() {
    return List.of(
        zoned("n1", "zone1", WEB1, WEB2, labelled("default", "other")),
        zoned("n2", "zone1", WEB3),
        zoned("n3", "zone2", WEB4),
        zoned("n4", "zone2"));
  }

  /** The cluster of {@link #cluster()} with n4 tainted {@code dedicated:NoSchedule}. */
  private static List<NodeInfo> clusterWithTaintedN4() {
    List<NodeInfo> l = new ArrayList<>(cluster());
    l.set(3, node("n4", "dedicated", List.of(HOST, "n4", ZONE, "zone2")));
    return l;
  }

  private static TopologySpreadConstraint spread(String key, int maxSkew) {
    return Fixtures.spreadWeb(key, maxSkew, "DoNotSchedule");
  }

  private static TopologySpreadConstraint spread(
      String key, int maxSkew, UnaryOperator<TopologySpreadConstraintBuilder> edit) {
    return edit.apply(new TopologySpreadConstraintBuilder(spread(key, maxSkew))).build();
  }

  private static Map<String, String> fits(String... nodeAndReason) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < nodeAndReason.length; i += 2) {
      m.put(nodeAndReason[i], nodeAndReason[i + 1]);
    }
    return m;
  }

  static Stream<Case> cases() {
    UnaryOperator<PodBuilder> same = b -> b;
    // Before any change, zone maxSkew 1: zone1 has 3, zone2 1 -> only zone2 fits.
    return Stream.of(
        new Case(
            "no change: only the emptier zone fits",
            List.of(spread(ZONE, 1)),
            same,
            cluster(),
            List.of(),
            fits("n1", FAIL, "n2", FAIL, "n3", "", "n4", "")),
        new Case(
            "removing two matching pods from zone1 lets zone1 fit",
            List.of(spread(ZONE, 1)),
            same,
            cluster(),
            List.of(Op.remove("n1", WEB1), Op.remove("n1", WEB2)),
            fits("n1", "", "n2", "", "n3", "", "n4", "")),
        new Case(
            "removing one is not enough (2 + 1 - 1 > 1)",
            List.of(spread(ZONE, 1)),
            same,
            cluster(),
            List.of(Op.remove("n1", WEB1)),
            fits("n1", FAIL, "n2", FAIL, "n3", "", "n4", "")),
        new Case(
            "removing zone2's only matching pod lowers the global minimum below zone1",
            List.of(spread(ZONE, 3)),
            same,
            cluster(),
            // before: min 1, zone1 3 + 1 - 1 = 3 fits; after: min 0, zone1 3 + 1 - 0 = 4 > 3
            List.of(Op.remove("n3", WEB4)),
            fits("n1", FAIL, "n2", FAIL, "n3", "", "n4", "")),
        new Case(
            "adding matching pods to zone2 raises the global minimum",
            List.of(spread(ZONE, 1)),
            same,
            cluster(),
            // zone2 becomes 3, min 3: every node 3 + 1 - 3 = 1
            List.of(Op.add("n4", web("default")), Op.add("n4", web("default"))),
            fits("n1", "", "n2", "", "n3", "", "n4", "")),
        new Case(
            "an add in zone2 and a remove in zone1 together even the zones out",
            List.of(spread(ZONE, 1)),
            same,
            cluster(),
            List.of(Op.add("n3", web("default")), Op.remove("n1", WEB1)),
            // zone1 2, zone2 2: both 2 + 1 - 2 = 1
            fits("n1", "", "n2", "", "n3", "", "n4", "")),
        new Case(
            "a pod of another namespace changes nothing",
            List.of(spread(ZONE, 1)),
            same,
            cluster(),
            List.of(
                Op.add("n4", web("other")),
                Op.add("n4", web("other")),
                Op.remove("n1", web("other"))),
            fits("n1", FAIL, "n2", FAIL, "n3", "", "n4", "")),
        new Case(
            "a pod the selector does not match changes nothing",
            List.of(spread(ZONE, 1)),
            same,
            cluster(),
            List.of(
                Op.add("n4", labelled("default", "db")), Op.add("n3", labelled("default", "x"))),
            fits("n1", FAIL, "n2", FAIL, "n3", "", "n4", "")),
        new Case(
            "a terminating pod was not counted, so removing it uncounts nothing",
            List.of(spread(ZONE, 2)),
            same,
            List.of(
                zoned("n1", "zone1", WEB1, WEB2),
                zoned("n3", "zone2", terminating(WEB4)),
                zoned("n4", "zone2")),
            // zone1 2, zone2 0 + 1 = 1: 2 + 1 - 1 = 2 fits; had the terminating pod been taken off
            // zone2's count, the minimum would be 0 and zone1 (3 > 2) would not fit
            List.of(Op.remove("n3", terminating(WEB4)), Op.add("n4", web("default"))),
            fits("n1", "", "n3", "", "n4", "")),
        new Case(
            "a node without the topology key is ignored (it makes no third domain)",
            List.of(spread(ZONE, 3, b -> b.withMinDomains(3))),
            same,
            Stream.concat(cluster().stream(), Stream.of(node("bare", null, List.of(HOST, "bare"))))
                .toList(),
            // two domains, fewer than minDomains: min 0 and zone1 3 + 1 > 3; a third domain would
            // make the minimum 1 and let zone1 fit
            List.of(Op.add("bare", web("default")), Op.add("bare", web("default"))),
            fits(
                "bare",
                PodTopologySpread.MISSING_LABEL,
                "n1",
                FAIL,
                "n2",
                FAIL,
                "n3",
                "",
                "n4",
                "")),
        new Case(
            "a node missing one constraint's key counts for no constraint",
            List.of(spread(ZONE, 1), spread(HOST, 5)),
            same,
            Stream.concat(
                    cluster().stream(), Stream.of(node("nohost", null, List.of(ZONE, "zone2"))))
                .toList(),
            // were the zone counted, zone2 would reach 3 and zone1 fit
            List.of(Op.add("nohost", web("default")), Op.add("nohost", web("default"))),
            fits(
                "n1",
                FAIL,
                "n2",
                FAIL,
                "n3",
                "",
                "n4",
                "",
                "nohost",
                PodTopologySpread.MISSING_LABEL)),
        new Case(
            "hostname: the least loaded node stays exact whichever nodes gain pods",
            List.of(spread(HOST, 1)),
            same,
            List.of(zoned("h1", "z"), zoned("h2", "z"), zoned("h3", "z")),
            // h1 1, h2 1, h3 0: the minimum is still 0 (h3), so h1 and h2 are 1 + 1 - 0 = 2 > 1
            List.of(Op.add("h1", web("default")), Op.add("h2", web("default"))),
            fits("h1", FAIL, "h2", FAIL, "h3", "")),
        new Case(
            "minDomains above the domain count keeps the global minimum at 0",
            List.of(spread(ZONE, 1, b -> b.withMinDomains(3))),
            same,
            cluster(),
            // without minDomains the minimum would become 3 and every node fit
            List.of(Op.add("n4", web("default")), Op.add("n4", web("default"))),
            fits("n1", FAIL, "n2", FAIL, "n3", FAIL, "n4", FAIL)),
        new Case(
            "minDomains met: the real minimum counts",
            List.of(spread(ZONE, 1, b -> b.withMinDomains(2))),
            same,
            cluster(),
            List.of(Op.add("n4", web("default")), Op.add("n4", web("default"))),
            fits("n1", "", "n2", "", "n3", "", "n4", "")),
        new Case(
            "matchLabelKeys: pods of another version are not counted",
            List.of(spread(ZONE, 1, b -> b.withMatchLabelKeys("version"))),
            b -> b.editMetadata().addToLabels("version", "v2").endMetadata(),
            cluster(),
            // the cluster's pods carry no version: every zone counts 0 and stays so
            List.of(Op.add("n1", version("v1")), Op.add("n1", version("v1"))),
            fits("n1", "", "n2", "", "n3", "", "n4", "")),
        new Case(
            "matchLabelKeys: pods of the same version are",
            List.of(spread(ZONE, 1, b -> b.withMatchLabelKeys("version"))),
            b -> b.editMetadata().addToLabels("version", "v2").endMetadata(),
            cluster(),
            List.of(Op.add("n1", version("v2"))),
            fits("n1", FAIL, "n2", FAIL, "n3", "", "n4", "")),
        new Case(
            "nodeAffinityPolicy Honor (default): pods on nodes the pod may not use do not count",
            List.of(spread(ZONE, 1)),
            b -> b.editSpec().withNodeSelector(Map.of(ZONE, "zone1")).endSpec(),
            cluster(),
            // zone2 is no domain: adding there must not create one (min would drop to 1)
            List.of(Op.add("n3", web("default"))),
            fits("n1", "", "n2", "", "n3", "", "n4", "")),
        new Case(
            "nodeAffinityPolicy Ignore: every node counts",
            List.of(spread(ZONE, 1, b -> b.withNodeAffinityPolicy("Ignore"))),
            b -> b.editSpec().withNodeSelector(Map.of(ZONE, "zone1")).endSpec(),
            cluster(),
            List.of(Op.add("n4", web("default")), Op.add("n4", web("default"))),
            fits("n1", "", "n2", "", "n3", "", "n4", "")),
        new Case(
            "nodeTaintsPolicy Ignore (default): pods on a tainted node count",
            List.of(spread(ZONE, 1)),
            same,
            clusterWithTaintedN4(),
            List.of(Op.add("n4", web("default")), Op.add("n4", web("default"))),
            fits("n1", "", "n2", "", "n3", "", "n4", "")),
        new Case(
            "nodeTaintsPolicy Honor: pods on a node whose taint the pod does not tolerate do not",
            List.of(spread(ZONE, 1, b -> b.withNodeTaintsPolicy("Honor"))),
            same,
            clusterWithTaintedN4(),
            List.of(Op.add("n4", web("default")), Op.add("n4", web("default"))),
            fits("n1", FAIL, "n2", FAIL, "n3", "", "n4", "")),
        new Case(
            "nodeTaintsPolicy Honor with a toleration: they count again",
            List.of(spread(ZONE, 1, b -> b.withNodeTaintsPolicy("Honor"))),
            b ->
                b.editSpec()
                    .addNewToleration()
                    .withKey("dedicated")
                    .withOperator("Exists")
                    .endToleration()
                    .endSpec(),
            clusterWithTaintedN4(),
            List.of(Op.add("n4", web("default")), Op.add("n4", web("default"))),
            fits("n1", "", "n2", "", "n3", "", "n4", "")));
  }

  private static PodInfo incoming(Case c) {
    PodBuilder b =
        podBuilder()
            .editMetadata()
            .withLabels(Map.of("app", "web"))
            .endMetadata()
            .editSpec()
            .withTopologySpreadConstraints(c.constraints())
            .endSpec();
    return PodInfo.of(c.incoming().apply(b).build());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void addAndRemovePod(Case c) {
    PodInfo pod = incoming(c);
    CycleState state = new CycleState(NodeSnapshot.of(c.cluster()));
    assertThat(plugin.preFilter(state, pod, state.snapshot()).status().isSuccess()).isTrue();
    // the framework runs what-if changes on a copy of the cycle's state
    CycleState whatIf = state.copy();
    Map<String, String> before = filter(state, pod, c.cluster());
    List<NodeInfo> nodes = apply(whatIf, pod, c.cluster(), c.ops());
    assertThat(filter(whatIf, pod, nodes)).isEqualTo(new TreeMap<>(c.expected()));
    assertThat(filter(state, pod, c.cluster())).as("the original state").isEqualTo(before);
  }

  /** Applies the changes as preemption does: the node updated, then the extension called. */
  private List<NodeInfo> apply(
      CycleState state, PodInfo pod, List<NodeInfo> cluster, List<Op> ops) {
    PreFilterExtensions ext = plugin.preFilterExtensions();
    List<NodeInfo> nodes = new ArrayList<>(cluster);
    for (Op op : ops) {
      int i = indexOf(nodes, op.node());
      NodeInfo n = nodes.get(i);
      PodInfo p = PodInfo.of(op.pod());
      if (op.add()) {
        n = n.withPod(p, n.generation() + 1);
        assertThat(ext.addPod(state, pod, p, n).isSuccess()).isTrue();
      } else {
        n = n.withoutPod(p.uid(), n.generation() + 1);
        assertThat(ext.removePod(state, pod, p, n).isSuccess()).isTrue();
      }
      nodes.set(i, n);
    }
    return nodes;
  }

  private static int indexOf(List<NodeInfo> nodes, String name) {
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private Map<String, String> filter(CycleState state, PodInfo pod, List<NodeInfo> nodes) {
    Map<String, String> m = new TreeMap<>();
    for (NodeInfo n : nodes) {
      var s = plugin.filter(state, pod, n);
      m.put(n.name(), s.isSuccess() ? "" : s.message());
    }
    return m;
  }

  @Test
  void aCopyAndItsOriginalChangeIndependently() {
    List<NodeInfo> cluster = cluster();
    PodInfo pod = PodInfo.of(Fixtures.spreadPod(spread(ZONE, 1)));
    CycleState state = new CycleState(NodeSnapshot.of(cluster));
    plugin.preFilter(state, pod, state.snapshot());
    CycleState first = state.copy();
    CycleState second = first.copy();
    // first: zone1 loses two pods (fits); second: zone2 gains two (fits); the original: neither
    plugin.removePod(first, pod, PodInfo.of(WEB1), cluster.get(0));
    plugin.removePod(first, pod, PodInfo.of(WEB2), cluster.get(0));
    plugin.addPod(second, pod, PodInfo.of(web("default")), cluster.get(3));
    assertThat(filter(first, pod, cluster)).isEqualTo(fits("n1", "", "n2", "", "n3", "", "n4", ""));
    assertThat(filter(second, pod, cluster))
        .isEqualTo(fits("n1", FAIL, "n2", FAIL, "n3", "", "n4", ""));
    assertThat(filter(state, pod, cluster))
        .isEqualTo(fits("n1", FAIL, "n2", FAIL, "n3", "", "n4", ""));
    // the original changed after copying leaves the copies alone
    plugin.addPod(state, pod, PodInfo.of(web("default")), cluster.get(3));
    plugin.addPod(state, pod, PodInfo.of(web("default")), cluster.get(3));
    assertThat(filter(state, pod, cluster)).containsEntry("n1", "");
    assertThat(filter(second, pod, cluster)).containsEntry("n1", FAIL);
  }

  @Test
  void withoutHardConstraintsThereIsNoStateAndNothingToUpdate() {
    List<NodeInfo> cluster = cluster();
    PodInfo pod = PodInfo.of(labelled("default", "web"));
    CycleState state = new CycleState(NodeSnapshot.of(cluster));
    assertThat(plugin.preFilter(state, pod, state.snapshot()).status().isSkip()).isTrue();
    assertThat(plugin.addPod(state, pod, PodInfo.of(WEB1), cluster.get(0)).isSuccess()).isTrue();
    assertThat(plugin.removePod(state, pod, PodInfo.of(WEB1), cluster.get(0)).isSuccess()).isTrue();
  }
}
