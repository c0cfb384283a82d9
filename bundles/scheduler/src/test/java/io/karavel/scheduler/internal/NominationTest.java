package io.karavel.scheduler.internal;

import static io.karavel.scheduler.internal.TestPods.node;
import static io.karavel.scheduler.internal.TestPods.podBuilder;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.karavel.scheduler.spi.CycleState;
import io.karavel.scheduler.spi.NodeInfo;
import io.karavel.scheduler.spi.NodeSnapshot;
import io.karavel.scheduler.spi.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nominated pods in the framework: filtering counts nominated pods of equal or higher priority on
 * their node (upstream's two passes), the nominated node is tried first, and DefaultPreemption runs
 * as the default profile's PostFilter over the framework's handle.
 */
class NominationTest {
  private final TestPods.RecordingBinder binder = new TestPods.RecordingBinder();
  private final Map<String, Object> plugins = TestPods.defaultPlugins(binder);
  private final ExecutorService pool = Executors.newFixedThreadPool(3);
  private final Nominator nominator = new Nominator();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private Framework framework() {
    return Framework.build(
        ProfileDefinition.from(Map.of()),
        plugins::get,
        () -> new Parallelizer(pool, 4),
        new PluginMetrics());
  }

  private CycleState state(Framework f, NodeInfo... nodes) {
    return new CycleState(NodeSnapshot.of(List.of(nodes)), f.handle(nominator));
  }

  private static PodInfo pod(String cpu, int priority) {
    return PodInfo.of(podBuilder(cpu, "1Mi").editSpec().withPriority(priority).endSpec().build());
  }

  private static NodeInfo withPods(Node n, PodInfo... pods) {
    List<PodInfo> bound = new ArrayList<>();
    for (PodInfo p : pods) {
      bound.add(
          PodInfo.of(
              new PodBuilder(p.pod())
                  .editSpec()
                  .withNodeName(n.getMetadata().getName())
                  .endSpec()
                  .build()));
    }
    return NodeInfo.of(n.getMetadata().getName(), n, bound, 1);
  }

  @Test
  void aNominatedPodOfHigherPriorityKeepsItsRoom() {
    Framework f = framework();
    assertThat(f.notRunnableReason()).isNull();
    NodeInfo a = NodeInfo.of(node("a", "2", "4Gi"));
    nominator.add(pod("2", 100), "a");
    var lower = f.schedule(state(f, a), pod("1", 10));
    assertThat(lower.ok()).isFalse();
    assertThat(lower.status().message()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu.");
    var equal = f.schedule(state(f, a), pod("1", 100));
    assertThat(equal.ok()).isFalse();
    var higher = f.schedule(state(f, a), pod("1", 200));
    assertThat(higher.node()).isEqualTo("a");
  }

  @Test
  void nominatedPodsCountAgainstTheNodesResources() {
    Framework f = framework();
    // The pod fits with the nominated pod added only because it is counted once: 1 + 1 of 2 CPUs.
    NodeInfo a = NodeInfo.of(node("a", "2", "4Gi"));
    PodInfo nominated = pod("1", 100);
    nominator.add(nominated, "a");
    assertThat(f.schedule(state(f, a), pod("1", 10)).node()).isEqualTo("a");
    nominator.remove(nominated.uid());
    nominator.add(pod("1500m", 100), "a");
    assertThat(f.schedule(state(f, a), pod("1", 10)).ok()).isFalse();
  }

  @Test
  void theNominatedNodeIsTriedFirst() {
    Framework f = framework();
    NodeInfo big = NodeInfo.of(node("big", "8", "16Gi"));
    NodeInfo small = NodeInfo.of(node("small", "2", "4Gi"));
    assertThat(f.schedule(state(f, big, small), pod("1", 0)).node()).isEqualTo("big");
    PodInfo p =
        PodInfo.of(
            podBuilder("1", "1Mi")
                .withNewStatus()
                .withNominatedNodeName("small")
                .endStatus()
                .build());
    assertThat(f.schedule(state(f, big, small), p).node()).isEqualTo("small");
    PodInfo q = pod("1", 0);
    nominator.add(q, "small");
    assertThat(f.schedule(state(f, big, small), q).node()).isEqualTo("small");
  }

  @Test
  void defaultPreemptionNominatesThroughTheFramework() {
    Framework f = framework();
    assertThat(f.pluginNames(ExtensionPoint.POST_FILTER)).containsExactly("DefaultPreemption");
    NodeInfo a = withPods(node("a", "2", "4Gi"), pod("2", 1));
    NodeInfo b = withPods(node("b", "2", "4Gi"), pod("2", 1000));
    PodInfo p = pod("2", 100);
    CycleState state = state(f, a, b);
    var r = f.schedule(state, p);
    assertThat(r.ok()).isFalse();
    var pf = f.runPostFilter(state, p, Map.copyOf(r.diagnosis().nodeToStatus));
    assertThat(pf.status().isSuccess()).isTrue();
    assertThat(pf.nominatedNodeName()).isEqualTo("a");
    assertThat(binder.preemption.preempted).hasSize(1).allMatch(s -> s.endsWith("@a"));
  }

  private static Node zoned(String name, String zone, String cpu) {
    return new io.fabric8.kubernetes.api.model.NodeBuilder(node(name, cpu, "4Gi"))
        .editMetadata()
        .addToLabels("topology.kubernetes.io/zone", zone)
        .endMetadata()
        .build();
  }

  /** An app=web pod of 1 CPU; with {@code spread}, at most 1 more per zone than the emptiest. */
  private static PodInfo web(int priority, boolean spread) {
    PodBuilder b =
        podBuilder("1", "1Mi")
            .editMetadata()
            .withLabels(Map.of("app", "web"))
            .endMetadata()
            .editSpec()
            .withPriority(priority)
            .endSpec();
    if (spread) {
      b.editSpec()
          .addNewTopologySpreadConstraint()
          .withTopologyKey("topology.kubernetes.io/zone")
          .withMaxSkew(1)
          .withWhenUnsatisfiable("DoNotSchedule")
          .withNewLabelSelector()
          .withMatchLabels(Map.of("app", "web"))
          .endLabelSelector()
          .endTopologySpreadConstraint()
          .endSpec();
    }
    return PodInfo.of(b.build());
  }

  @Test
  void aNominatedPodOfHigherPriorityCountsInItsZoneForTopologySpread() {
    Framework f = framework();
    // za: node a, empty; zb: node b, full. With a more important app=web pod nominated to a, zone
    // za counts 1 against zb's 0 (PodTopologySpread AddPod in the filters' first pass).
    NodeInfo a = NodeInfo.of(zoned("a", "za", "4"));
    NodeInfo b = withPods(zoned("b", "zb", "1"), pod("1", 1000));
    PodInfo nominated = web(100, false);
    nominator.add(nominated, "a");
    var r = f.schedule(state(f, a, b), web(10, true));
    assertThat(r.ok()).isFalse();
    assertThat(r.status().message())
        .isEqualTo(
            "0/2 nodes are available: 1 Insufficient cpu,"
                + " 1 node(s) didn't match pod topology spread constraints.");
    // a nominated pod of lower priority is not counted
    nominator.remove(nominated.uid());
    nominator.add(web(5, false), "a");
    assertThat(f.schedule(state(f, a, b), web(10, true)).node()).isEqualTo("a");
  }
}
