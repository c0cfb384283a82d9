package io.karavel.scheduler.preemption.internal;

import static io.karavel.scheduler.preemption.internal.FakeFramework.pod;
import static io.karavel.scheduler.preemption.internal.FakeFramework.zonedNode;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.karavel.scheduler.plugins.internal.NodeResourcesFit;
import io.karavel.scheduler.plugins.internal.PodTopologySpread;
import io.karavel.scheduler.spi.Code;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.PodInfo;
import io.karavel.scheduler.spi.PostFilterResult;
import io.karavel.scheduler.spi.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Preemption of a pod with a {@code DoNotSchedule} topology spread constraint, with the real
 * NodeResourcesFit and PodTopologySpread: removing a victim must lower its zone's count of matching
 * pods (PreFilter RemovePod) and putting it back raise it again (AddPod), so that only victims that
 * fix the skew are chosen and nodes where eviction cannot fix it are no candidates, as upstream's
 * DefaultPreemption does with its PodTopologySpread extensions.
 */
class SpreadPreemptionTest {
  private static final String T10 = "2026-01-01T10:00:00Z";
  private static final String SPREAD = "node(s) didn't match pod topology spread constraints";

  private final FakeFramework fw =
      new FakeFramework(new NodeResourcesFit(), new PodTopologySpread());
  private final FakeFramework.RecordingApi api = new FakeFramework.RecordingApi();

  /** Priority 100, 1 cpu, app=web, at most 1 more app=web pod per zone than the emptiest zone. */
  private static PodInfo incoming() {
    return PodInfo.of(
        new PodBuilder(pod("p", 100, "1", null, "app", "web").pod())
            .editSpec()
            .addToTopologySpreadConstraints(
                new TopologySpreadConstraintBuilder()
                    .withTopologyKey("topology.kubernetes.io/zone")
                    .withMaxSkew(1)
                    .withWhenUnsatisfiable("DoNotSchedule")
                    .withLabelSelector(
                        new LabelSelectorBuilder().withMatchLabels(Map.of("app", "web")).build())
                    .build())
            .endSpec()
            .build());
  }

  /**
   * Zone a: node a, full with an important pod (no app=web there: the emptiest zone, 0). Zone b:
   * web-b (priority 5) and other-b (priority 1). Zone c: web-c (priority 1000, never a victim) and
   * other-c (priority 1). Zones b and c hold 1 app=web pod each, so the pod (1 + 1 - 0 > 1) fits
   * nowhere.
   */
  private static List<NodeInfo> cluster() {
    return List.of(
        zonedNode("a", "za", "2", pod("big-a", 1000, "2", T10, "app", "db")),
        zonedNode(
            "b",
            "zb",
            "4",
            pod("web-b", 5, "1", T10, "app", "web"),
            pod("other-b", 1, "1", T10, "app", "other")),
        zonedNode(
            "c",
            "zc",
            "4",
            pod("web-c", 1000, "1", T10, "app", "web"),
            pod("other-c", 1, "1", T10, "app", "other")));
  }

  private static NodeInfo named(List<NodeInfo> nodes, String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> names(Candidate c) {
    return c.victims().stream().map(v -> v.pod().getMetadata().getName()).toList();
  }

  @Test
  void theVictimIsThePodThatFixesTheSkewNotTheLowestPriorityOne() {
    List<NodeInfo> nodes = cluster();
    PodInfo p = incoming();
    CycleState state = fw.cycle(p, nodes.toArray(NodeInfo[]::new));
    assertThat(fw.rejections(state, p))
        .hasSize(3)
        .hasEntrySatisfying("a", s -> assertThat(s.message()).isEqualTo("Insufficient cpu"))
        .hasEntrySatisfying("b", s -> assertThat(s.message()).isEqualTo(SPREAD))
        .hasEntrySatisfying("c", s -> assertThat(s.message()).isEqualTo(SPREAD));

    // b: with both removed the pod fits; web-b (more important) is reprieved first and breaks the
    // skew again, so it goes; other-b (priority 1) is reprieved
    Object b = Preemptor.selectVictimsOnNode(state.copy(), p, named(nodes, "b"), List.of(), fw);
    assertThat(b).isInstanceOf(Candidate.class);
    assertThat(names((Candidate) b)).containsExactly("web-b");

    // c: the only lower-priority pod does not match the selector; evicting it cannot fix the skew
    Object c = Preemptor.selectVictimsOnNode(state.copy(), p, named(nodes, "c"), List.of(), fw);
    assertThat(c).isInstanceOf(Status.class);
    assertThat(((Status) c).code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(((Status) c).message()).isEqualTo(SPREAD);

    Object a = Preemptor.selectVictimsOnNode(state.copy(), p, named(nodes, "a"), List.of(), fw);
    assertThat(((Status) a).message()).isEqualTo(Preemptor.NO_VICTIMS);

    // the dry runs worked on copies: the cycle's own counts are untouched
    assertThat(fw.rejections(state, p)).containsOnlyKeys("a", "b", "c");
  }

  private PostFilterResult preempt(List<NodeInfo> nodes, int offset) {
    PodInfo p = incoming();
    CycleState state = fw.cycle(p, nodes.toArray(NodeInfo[]::new));
    return new DefaultPreemption(api, () -> null, Map.of(), n -> offset)
        .postFilter(state, p, fw.rejections(state, p));
  }

  @Test
  void preemptionNominatesTheNodeWhereEvictionFixesTheSkewWhereverTheDryRunStarts() {
    for (int offset = 0; offset < 3; offset++) {
      api.preempted.clear();
      PostFilterResult r = preempt(cluster(), offset);
      assertThat(r.status().isSuccess()).as("offset " + offset).isTrue();
      assertThat(r.nominatedNodeName()).as("offset " + offset).isEqualTo("b");
      assertThat(api.preempted).as("offset " + offset).containsExactly("web-b@b");
    }
  }

  @Test
  void theSkewDecidesHowManyPodsMustGo() {
    // zone e holds 2 app=web pods of priority 1: both must go (one left: 1 + 1 - 0 > 1); that
    // node still wins over b, whose single victim has priority 5 (lowest highest-victim priority)
    List<NodeInfo> nodes =
        List.of(
            cluster().get(0),
            cluster().get(1),
            zonedNode(
                "e",
                "ze",
                "4",
                pod("web-e1", 1, "1", T10, "app", "web"),
                pod("web-e2", 1, "1", T10, "app", "web")));
    for (int offset = 0; offset < 3; offset++) {
      api.preempted.clear();
      PostFilterResult r = preempt(nodes, offset);
      assertThat(r.nominatedNodeName()).as("offset " + offset).isEqualTo("e");
      assertThat(api.preempted).containsExactlyInAnyOrder("web-e1@e", "web-e2@e");
    }
  }

  @Test
  void aMoreImportantPodNominatedToTheZoneKeepsItFull() {
    // an app=web pod of priority 200 nominated to b counts in zone b (PreFilter AddPod): with web-b
    // gone the zone still holds 1, so b is no candidate and, c being none either, nothing is
    // evicted
    fw.nominated.put("b", List.of(pod("nominated-web", 200, "1", null, "app", "web")));
    PostFilterResult r = preempt(cluster(), 0);
    assertThat(r.status().code()).isEqualTo(Code.UNSCHEDULABLE);
    assertThat(r.status().message())
        .isEqualTo(
            "preemption: 0/3 nodes are available: 1 "
                + Preemptor.NO_VICTIMS
                + ", 2 "
                + SPREAD
                + ".");
    assertThat(api.preempted).isEmpty();

    // a nominated pod of lower priority than the preemptor does not count
    fw.nominated.put("b", List.of(pod("nominated-web", 50, "1", null, "app", "web")));
    r = preempt(cluster(), 0);
    assertThat(r.nominatedNodeName()).isEqualTo("b");
    assertThat(api.preempted).containsExactly("web-b@b");
  }
}
